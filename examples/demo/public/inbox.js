// Live alerts on the inbox page: polls the demo's alert feed and lists each new alert. All text
// goes in with textContent. Polling is bounded: it stops after an hour without a reload.
const list = document.getElementById('alerts');
const source = list?.dataset.feed ?? '/inbox/alerts.json';
let after = 0;
let polls = 0;

function line(label, text) {
  const p = document.createElement('p');
  const b = document.createElement('b');
  b.textContent = `${label}: `;
  p.append(b, text);
  return p;
}

function show(entry) {
  const p = entry.payload;
  const item = document.createElement('li');
  item.className = `alert ${p.sentiment ?? 'none'}`;
  const title = document.createElement('strong');
  title.textContent = `${p.sentiment === 'negative' ? 'Unhappy customer' : 'New response'} on "${p.surveyId}"`;
  item.append(title);
  for (const r of p.ratings) item.append(line('Rating', `${r.value} (${r.scale}, ${r.min}–${r.max})`));
  for (const r of p.reasons) item.append(line('Reasons', [...r.values, ...(r.other ? [r.other] : [])].join(', ')));
  for (const c of p.comments) {
    const q = document.createElement('blockquote');
    q.lang = p.locale;
    q.textContent = c.text;
    item.append(q);
  }
  if (p.contact) item.append(line('Contact', [p.contact.name, p.contact.email, p.contact.phone].filter(Boolean).join(', ')));
  list.querySelector('.empty')?.remove();
  list.prepend(item);
}

async function poll() {
  if (!list || polls++ > 1800) return;
  try {
    const url = new URL(source, location.href);
    url.searchParams.set('after', String(after));
    const entries = await (await fetch(url)).json();
    for (const entry of entries) {
      show(entry);
      after = Math.max(after, entry.seq);
    }
  } catch {
    // The demo receiver restarted or is stopping: try again on the next tick.
  }
  setTimeout(poll, 2000);
}
poll();
