/**
 * A rating question as an ARIA radio group: one tab stop (roving tabindex), arrow keys move and
 * select (mirrored in right-to-left text), Home/End jump to the ends. Works for every scale.
 */
import { SCALES, type RatingQuestion, type RatingScale as Scale } from '@earful/schema';
import type { JSX, TargetedKeyboardEvent } from 'preact';
import type { MessageKey } from '../locales/en.js';
import { pickText } from '../i18n/translate.js';
import type { Store } from './store.js';

// Drawn, not emoji: a visitor's system may have no colour-emoji font (boxes instead of faces).
function Face({ value }: { value: number }) {
  const curve = (value - 3) * 2.5;
  return (
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor">
      <g fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
        <circle cx="12" cy="12" r="10" />
        <path d={`M7.5 ${15.5 - curve / 2}Q12 ${15.5 + curve} 16.5 ${15.5 - curve / 2}`} />
      </g>
      <circle cx="8.5" cy="9.5" r="1.3" />
      <circle cx="15.5" cy="9.5" r="1.3" />
    </svg>
  );
}

/** What an option shows when it is not its number: a drawing (no visible text), or a colour and its name. */
const FACES: Partial<Record<Scale, (value: number, name: string) => JSX.Element>> = {
  emoji5: (value) => <Face value={value} />,
  stars5: () => <span aria-hidden="true">★</span>,
  thumbs: (value) => (
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor">
      <path transform={value ? undefined : 'rotate(180 12 12)'} d="M2 10h4v11H2zM8 21h9.5a2 2 0 0 0 2-1.5l2-7.5A2 2 0 0 0 19.5 9H14l1-4.5A2 2 0 0 0 13 2l-5 8z" />
    </svg>
  ),
  thermometer4: (value, name) => (
    <>
      <span class={`swatch t${value}`} aria-hidden="true" />
      <span class="name">{name}</span>
    </>
  ),
};

/** Scales whose options are labelled by number (`{count} stars`) rather than one text each. */
const COUNTED: readonly Scale[] = ['stars5', 'nps', 'ces7'];

/** The message suffixes of the texts under the ends of a scale. */
const ENDS: Partial<Record<Scale, [string, string]>> = { csat5: ['1', '5'], nps: ['low', 'high'], ces7: ['low', 'high'] };

/** A rating question. */
export function RatingScale({ question, store }: { question: RatingQuestion; store: Store }) {
  const { t, locale } = store;
  const { scale, id } = question;
  const { min, max } = SCALES[scale];
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const selected = store.drafts.value[id]?.rating;
  const focusable = selected ?? min;
  const ends = ENDS[scale];
  // Digits as the locale writes them, the same in the buttons and in their names (`{count} out of {max}`).
  const number = new Intl.NumberFormat(locale).format;
  const [low, high] = (['low', 'high'] as const).map((end, i) => {
    const text = question.labels?.[end];
    return text ? pickText(text, locale) : ends ? t(`scale.${scale}.${ends[i]}` as MessageKey) : '';
  });

  const choose = (value: number, group?: Element | null) => {
    store.setDraft(id, { rating: value });
    (group?.children[value - min] as HTMLElement | undefined)?.focus();
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const ahead = store.dir === 'rtl' ? -1 : 1;
    const step = { ArrowRight: ahead, ArrowLeft: -ahead, ArrowDown: 1, ArrowUp: -1 }[event.key];
    // Arrows wrap around at the ends.
    const value = step ? ((focusable - min + step + values.length) % values.length) + min : event.key === 'Home' ? min : event.key === 'End' ? max : undefined;
    if (value === undefined) return;
    event.preventDefault();
    choose(value, event.currentTarget);
  };

  return (
    <div>
      <p class="prompt" id={`p-${id}`}>
        {pickText(question.prompt, locale)}
      </p>
      {question.description && <p class="desc">{pickText(question.description, locale)}</p>}
      <div role="radiogroup" aria-labelledby={`p-${id}`} aria-describedby={low || high ? `e-${id}` : undefined} aria-required={question.required || undefined} class={`scale ${scale}`} part="scale" onKeyDown={onKeyDown}>
        {values.map((value) => {
          const key = `scale.${scale}.${value}` as MessageKey;
          const counted = COUNTED.includes(scale);
          // The accessible name starts with what the button shows (WCAG 2.5.3 Label in Name):
          // "1, Very unsatisfied", "Red, Unhappy"; counted labels already hold the number.
          const shown = scale === 'thermometer4' ? t(key) : FACES[scale] ? '' : number(value);
          const meaning = counted ? t(`scale.${scale}.value` as MessageKey, { count: value, max }) : t(scale === 'thermometer4' ? (`${key}.description` as MessageKey) : key);
          const label = shown && !counted ? t('scale.optionName', { value: shown, label: meaning }) : meaning;
          return (
            <button
              type="button"
              role="radio"
              key={value}
              class={scale === 'stars5' && selected !== undefined && value <= selected ? 'opt on' : 'opt'}
              part="option"
              aria-checked={selected === value}
              aria-label={label}
              title={label}
              tabIndex={value === focusable ? 0 : -1}
              onClick={(e) => choose(value, e.currentTarget.parentElement)}
            >
              {FACES[scale]?.(value, shown) ?? shown}
            </button>
          );
        })}
      </div>
      {(low || high) && (
        <div class="ends" id={`e-${id}`}>
          <span>{low}</span>
          <span>{high}</span>
        </div>
      )}
    </div>
  );
}
