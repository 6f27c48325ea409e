/**
 * A rating question as an ARIA radio group: one tab stop (roving tabindex), arrow keys move and
 * select (mirrored in right-to-left text), Home/End jump to the ends. Works for every scale.
 */
import { SCALES, type RatingQuestion, type RatingScale as Scale } from '@earful/schema';
import type { JSX, TargetedKeyboardEvent } from 'preact';
import type { MessageKey } from '../locales/en.js';
import { pickText, type Translate } from '../internal/translate.js';
import type { Store } from './store.js';

// Drawn, not emoji: a visitor's system may have no colour-emoji font (boxes instead of faces).
function Face({ value }: { value: number }) {
  const curve = (value - 3) * 2.5;
  return (
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.8" />
      <circle cx="8.5" cy="9.5" r="1.3" />
      <circle cx="15.5" cy="9.5" r="1.3" />
      <path d={`M7.5 ${15.5 - curve / 2}Q12 ${15.5 + curve} 16.5 ${15.5 - curve / 2}`} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
    </svg>
  );
}

function Thumb({ up }: { up: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor">
      <path transform={up ? undefined : 'rotate(180 12 12)'} d="M2 10h4v11H2zM8 21h9.5a2 2 0 0 0 2-1.5l2-7.5A2 2 0 0 0 19.5 9H14l1-4.5A2 2 0 0 0 13 2l-5 8z" />
    </svg>
  );
}

function optionLabel(scale: Scale, value: number, t: Translate): string {
  if (scale === 'stars5' || scale === 'nps' || scale === 'ces7') return t(`scale.${scale}.value`, { count: value });
  return t(`scale.${scale}.${value}` as MessageKey);
}

function optionFace(scale: Scale, value: number, label: string): JSX.Element | string {
  switch (scale) {
    case 'emoji5':
      return <Face value={value} />;
    case 'stars5':
      return '★';
    case 'thumbs':
      return <Thumb up={value === 1} />;
    case 'thermometer4':
      return (
        <>
          <span class={`swatch t${value}`} aria-hidden="true" />
          <span aria-hidden="true">{label.split(':')[0]}</span>
        </>
      );
    default:
      return String(value);
  }
}

const ENDS: Partial<Record<Scale, [MessageKey, MessageKey]>> = {
  csat5: ['scale.csat5.1', 'scale.csat5.5'],
  nps: ['scale.nps.low', 'scale.nps.high'],
  ces7: ['scale.ces7.low', 'scale.ces7.high'],
};

/** A rating question. */
export function RatingScale({ question, store }: { question: RatingQuestion; store: Store }) {
  const { t, locale } = store;
  const { min, max } = SCALES[question.scale];
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const selected = store.drafts.value[question.id]?.rating;
  const focusable = selected ?? min;
  const promptId = `p-${question.id}`;
  const ends = ENDS[question.scale];
  const low = question.labels?.low ? pickText(question.labels.low, locale) : ends ? t(ends[0]) : '';
  const high = question.labels?.high ? pickText(question.labels.high, locale) : ends ? t(ends[1]) : '';

  const choose = (value: number, group?: Element | null) => {
    store.setDraft(question.id, { rating: value });
    (group?.querySelector(`[data-value="${value}"]`) as HTMLElement | null)?.focus();
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const forward = store.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = store.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const now = selected ?? focusable;
    let value: number | undefined;
    if (event.key === forward || event.key === 'ArrowDown') value = now >= max ? min : now + 1;
    else if (event.key === backward || event.key === 'ArrowUp') value = now <= min ? max : now - 1;
    else if (event.key === 'Home') value = min;
    else if (event.key === 'End') value = max;
    if (value === undefined) return;
    event.preventDefault();
    choose(value, event.currentTarget);
  };

  return (
    <div>
      <p class="prompt" id={promptId}>
        {pickText(question.prompt, locale)}
      </p>
      {question.description && <p class="desc">{pickText(question.description, locale)}</p>}
      <div role="radiogroup" aria-labelledby={promptId} aria-describedby={low || high ? `e-${question.id}` : undefined} aria-required={question.required ? 'true' : undefined} class={`scale ${question.scale}`} part="scale" onKeyDown={onKeyDown}>
        {values.map((value) => {
          const label = optionLabel(question.scale, value, t);
          const checked = selected === value;
          const on = question.scale === 'stars5' && selected !== undefined && value <= selected;
          return (
            <button
              type="button"
              role="radio"
              key={value}
              data-value={value}
              class={on ? 'opt on' : 'opt'}
              part="option"
              aria-checked={checked ? 'true' : 'false'}
              aria-label={label}
              title={label}
              tabIndex={value === focusable ? 0 : -1}
              onClick={(e) => choose(value, e.currentTarget.parentElement)}
            >
              {optionFace(question.scale, value, label)}
            </button>
          );
        })}
      </div>
      {(low || high) && (
        <div class="ends" id={`e-${question.id}`}>
          <span>{low}</span>
          <span>{high}</span>
        </div>
      )}
    </div>
  );
}
