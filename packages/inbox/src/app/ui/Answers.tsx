/**
 * A response's answers as the customer saw them: each question's prompt and each option's label
 * from the survey definition in the customer's language (a reason reads "배송 지연", never
 * `late`), the rating as the scale it was, and the text marked with the response's language.
 * Everything the customer wrote is rendered as text.
 */
import { SCALES, localizedText } from '@earful/schema/lean';
import type { Answer, RatingAnswer, SurveyResponse, Survey } from '@earful/schema';
import type { MessageKey } from '../i18n/messages/en.js';
import { textDirection } from '../format/text-direction.js';
import { useInbox } from './inbox-context.js';

function Rating({ answer }: { answer: RatingAnswer }) {
  const { t } = useInbox().i18n.value;
  const { max } = SCALES[answer.scale];
  const of = t('answer.ratingOf', { value: answer.value, max });
  switch (answer.scale) {
    case 'stars5':
      return (
        <span class="rating">
          <span class="stars" aria-hidden="true">
            {'★'.repeat(answer.value)}
            <span class="stars-off">{'★'.repeat(max - answer.value)}</span>
          </span>{' '}
          {of}
        </span>
      );
    case 'thermometer4':
      return (
        <span class="rating">
          <span class={`swatch thermometer-${answer.value}`} aria-hidden="true" /> {t(`thermometer.${answer.value}` as MessageKey)}
        </span>
      );
    case 'thumbs':
      return (
        <span class="rating">
          <span aria-hidden="true">{answer.value === 1 ? '👍' : '👎'}</span> {t(`thumbs.${answer.value}` as MessageKey)}
        </span>
      );
    case 'nps':
      return (
        <span class="rating">
          <span class={`nps-number sentiment-${SCALES.nps.sentiments[answer.value]}`}>{answer.value}</span> {of}
        </span>
      );
    default:
      return (
        <span class="rating">
          <meter min={SCALES[answer.scale].min} max={max} value={answer.value} aria-hidden="true" /> {of}
        </span>
      );
  }
}

function AnswerValue({ answer, survey, response }: { answer: Answer; survey: Survey | undefined; response: SurveyResponse }) {
  const { t } = useInbox().i18n.value;
  const lang = response.locale;
  const dir = textDirection(lang);
  const fallback = survey?.locale ?? 'en';
  if (answer.type === 'rating') return <Rating answer={answer} />;
  if (answer.type === 'text') {
    return (
      <p class="customer-text" lang={lang} dir={dir}>
        {answer.value}
      </p>
    );
  }
  if (answer.type === 'choice') {
    const question = survey?.questions.find((q) => q.id === answer.questionId);
    const options = question?.type === 'choice' ? question.options : [];
    return (
      <ul class="choices">
        {answer.values.map((value) => {
          const option = options.find((o) => o.id === value);
          return (
            <li lang={option ? lang : undefined} dir={option ? dir : undefined}>
              {option ? localizedText(option.label, lang, fallback) : value}
            </li>
          );
        })}
        {answer.other ? (
          <li>
            {t('answer.otherLabel')}:{' '}
            <span class="customer-text" lang={lang} dir={dir}>
              {answer.other}
            </span>
          </li>
        ) : null}
      </ul>
    );
  }
  return (
    <dl class="pairs">
      {answer.name ? (
        <>
          <dt>{t('contact.name')}</dt>
          <dd lang={lang} dir={dir}>
            {answer.name}
          </dd>
        </>
      ) : null}
      {answer.email ? (
        <>
          <dt>{t('contact.email')}</dt>
          <dd>{answer.email}</dd>
        </>
      ) : null}
      {answer.phone ? (
        <>
          <dt>{t('contact.phone')}</dt>
          <dd>{answer.phone}</dd>
        </>
      ) : null}
      <dt class="visually-hidden">{t('case.contact')}</dt>
      <dd class="muted">{t('case.consented')}</dd>
    </dl>
  );
}

export function Answers({ response }: { response: SurveyResponse }) {
  const state = useInbox();
  const survey = state.surveys.value.get(response.surveyId);
  const lang = response.locale;
  return (
    <dl class="answers">
      {response.answers.map((answer) => {
        const question = survey?.questions.find((q) => q.id === answer.questionId);
        return (
          <>
            <dt lang={question ? lang : undefined} dir={question ? textDirection(lang) : undefined}>
              {question ? localizedText(question.prompt, lang, survey?.locale ?? 'en') : answer.questionId}
            </dt>
            <dd>
              <AnswerValue answer={answer} survey={survey} response={response} />
            </dd>
          </>
        );
      })}
    </dl>
  );
}
