// The shop page's only script (no inline handlers under its CSP): buttons that talk to the
// widget through its command queue, which is safe to call before earful.js has loaded.
window.Earful = window.Earful || function () { (window.Earful.q = window.Earful.q || []).push(arguments); };
document.getElementById('open-feedback')?.addEventListener('click', () => window.Earful('open'));
document.getElementById('open-nps')?.addEventListener('click', () => window.Earful('open', '#nps-survey'));
