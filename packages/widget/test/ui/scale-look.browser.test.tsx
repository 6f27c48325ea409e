import { afterEach, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, everyTypeSurvey, mount } from './helpers.js';

afterEach(cleanup);

// Screenshots of every scale for a human to look at (test-results/ is git-ignored).
it.each(['light', 'dark'] as const)('draws every rating scale (%s)', async (scheme) => {
  document.body.replaceChildren();
  const survey = everyTypeSurvey();
  const ratings = survey.questions.filter((q) => q.type === 'rating').map((q) => ({ ...q, id: `${q.id}-x` }));
  for (const [i, q] of ratings.entries()) {
    const target = document.body.appendChild(document.createElement('div'));
    target.id = `t${i}`;
    const m = mount({ id: `s${i}`, questions: [q], theme: { scheme } }, { mode: 'inline', target });
    m.$$<HTMLButtonElement>('[role=radio]')[1]!.click();
    expect(m.root.querySelectorAll('[role=radio]').length).toBeGreaterThan(1);
    m.host.scrollIntoView();
    await page.screenshot({ element: m.host, path: `../../test-results/scale-${q.id}-${scheme}.png` });
  }
});
