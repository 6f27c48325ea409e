// The shop page's only script (no inline handlers under its CSP): buttons that talk to the
// widget through its command queue, which is safe to call before earful.js has loaded.
window.Earful = window.Earful || function () { (window.Earful.q = window.Earful.q || []).push(arguments); };
// The order this page confirms goes with every response as `metadata.orderId`, where the
// receiver's alerts, reply templates ({orderId}) and the inbox's queue read it. Queued like any
// call: it fetches nothing until the visitor reaches for the widget.
const orderId = document.querySelector('[data-order-id]')?.getAttribute('data-order-id');
if (orderId) window.Earful('metadata', { orderId });
document.getElementById('open-feedback')?.addEventListener('click', () => window.Earful('open'));
document.getElementById('open-nps')?.addEventListener('click', () => window.Earful('open', '#nps-survey'));
