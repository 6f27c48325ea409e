/**
 * Where and by whom a response was given: page, referrer, language, screen, the user the site
 * identified, and the site's `metadata` (the order id first) — keys and values as text.
 */
import type { SurveyResponse } from '@earful/schema';
import { useInbox } from './inbox-context.js';

function Pairs({ record }: { record: Readonly<Record<string, string | number | boolean>> }) {
  return (
    <dl class="pairs nested">
      {Object.entries(record).map(([key, value]) => (
        <>
          <dt>{key}</dt>
          <dd>{String(value)}</dd>
        </>
      ))}
    </dl>
  );
}

export function CaseContext({ response, receivedAt }: { response: SurveyResponse; receivedAt: string }) {
  const { t, dateTime, locale } = useInbox().i18n.value;
  const context = response.context;
  let language = response.locale;
  try {
    language = new Intl.DisplayNames([locale], { type: 'language' }).of(response.locale) ?? response.locale;
  } catch {
    // an unusual tag: show it as it is
  }
  return (
    <dl class="pairs">
      <dt>{t('context.received')}</dt>
      <dd>
        <time dateTime={receivedAt}>{dateTime(receivedAt)}</time>
      </dd>
      <dt>{t('context.locale')}</dt>
      <dd>
        {language} ({response.locale})
      </dd>
      {context?.url ? (
        <>
          <dt>{t('context.page')}</dt>
          <dd class="break">{context.url}</dd>
        </>
      ) : null}
      {context?.referrer ? (
        <>
          <dt>{t('context.referrer')}</dt>
          <dd class="break">{context.referrer}</dd>
        </>
      ) : null}
      {context?.viewport ? (
        <>
          <dt>{t('context.screen')}</dt>
          <dd>{t('context.screenSize', { width: context.viewport.width, height: context.viewport.height })}</dd>
        </>
      ) : null}
      {response.metadata && Object.keys(response.metadata).length > 0 ? (
        <>
          <dt>{t('context.metadata')}</dt>
          <dd>
            <Pairs record={response.metadata} />
          </dd>
        </>
      ) : null}
      {response.user?.id ? (
        <>
          <dt>{t('context.user')}</dt>
          <dd class="break">{response.user.id}</dd>
        </>
      ) : null}
      {response.user?.traits && Object.keys(response.user.traits).length > 0 ? (
        <>
          <dt>{t('context.traits')}</dt>
          <dd>
            <Pairs record={response.user.traits} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}
