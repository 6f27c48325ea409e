/**
 * The widget's one style sheet, applied inside the shadow root (adoptedStyleSheets, or a
 * nonce-carrying <style> where constructable sheets are missing). Sizes are in px, never rem,
 * so a host page's odd root font-size cannot reach in. `:host` layout rules are !important:
 * inside a shadow tree, important :host declarations beat the host page's `* { all: unset }`.
 * Theme hooks: the custom properties below and the parts named in the README.
 * One rule per line; the lines are joined without newlines (the minifier folds the `+`).
 * Rules that share declarations share one selector list; order matters where two rules of the
 * same specificity set the same property (`.btn` before `.primary`).
 */
const DARK =
  '--earful-accent:#a8c7fa;--earful-on-accent:#0b1d3a;--earful-bg:#1e1f24;--earful-text:#f1f1f4;--earful-muted:#c0c0ca;--earful-border:#8e8e9a;--earful-soft:#2c3040;--earful-danger:#ffb4ab;--earful-star:#fdd663';

export const WIDGET_CSS =
  ':host{all:initial!important;display:block!important;font:15px/1.45 var(--earful-font,system-ui,sans-serif)!important;color:var(--earful-text)!important;' +
  '--earful-accent:#0b57d0;--earful-on-accent:#fff;--earful-bg:#fff;--earful-text:#1b1b1f;--earful-muted:#52525c;--earful-border:#8a8a96;--earful-soft:#eef2fb;--earful-danger:#b3261e;--earful-star:#b06000;--earful-radius:12px;--earful-shadow:0 8px 30px rgb(0 0 0/.22)}' +
  `:host([data-scheme=dark]){${DARK}}` +
  `@media (prefers-color-scheme:dark){:host([data-scheme=auto]){${DARK}}}` +
  ':host(:not([data-mode=inline])){position:fixed!important;inset:auto!important;width:0!important;height:0!important;z-index:var(--earful-z,2147483000)!important;overflow:visible!important}' +
  '*{box-sizing:border-box}' +
  '[hidden]{display:none!important}' +
  'button,input,textarea{font:inherit;color:inherit;margin:0}' +
  'button{cursor:pointer}' +
  'p,h2,h3{margin:0}' +
  ':focus-visible{outline:3px solid var(--earful-accent);outline-offset:2px}' +
  '.launcher,.btn{min-width:44px;min-height:44px;padding:10px 18px;border:0;border-radius:999px;font-weight:600}' +
  '.launcher,.popover{position:fixed;bottom:var(--earful-y,20px);right:var(--earful-x,20px)}' +
  ':host([data-position$=left]) :is(.launcher,.popover){right:auto;left:var(--earful-x,20px)}' +
  ':host([data-position^=top]) :is(.launcher,.popover){bottom:auto;top:var(--earful-y,20px)}' +
  // The popover stays 8px inside the viewport on both sides of its box (the launcher's offset on
  // one, 8px on the other; % of a fixed box is of the viewport, scrollbar excluded) and scrolls
  // inside itself when taller. A short viewport (400 % zoom, a phone's keyboard) lets it cover the launcher.
  '.popover{width:min(380px,calc(100% - var(--earful-x,20px) - 8px));max-height:min(600px,calc(var(--earful-vvh,100vh) - var(--earful-y,20px) - 64px));overflow:auto;margin-bottom:56px}' +
  ':host([data-position^=top]) .popover{margin:56px 0 0}' +
  '@media (max-height:480px){.popover,:host([data-position^=top]) .popover{margin:0;max-height:calc(var(--earful-vvh,100vh) - var(--earful-y,20px) - 8px)}}' +
  '.popover,dialog,.inline{background:var(--earful-bg);color:var(--earful-text);border:1px solid var(--earful-border);border-radius:var(--earful-radius);padding:0}' +
  '.launcher,.popover,dialog{box-shadow:var(--earful-shadow)}' +
  '.inline{max-width:560px}' +
  'dialog{width:min(440px,calc(100% - 16px));max-height:calc(var(--earful-vvh,100vh) - 16px)}' +
  'dialog::backdrop{background:rgb(0 0 0/.45)}' +
  '.panel{padding:16px 18px 18px;display:flex;flex-direction:column;gap:12px}' +
  '.head{display:flex;align-items:center;gap:8px}' +
  'h2{flex:1;font-size:17px;font-weight:650}' +
  '.close{width:44px;height:44px;border:0;border-radius:50%;background:none;font-size:22px;line-height:1}' +
  '.close:hover,.row:hover{background:var(--earful-soft)}' +
  '.progress,.desc,.ends,.count,.hint{color:var(--earful-muted);font-size:13px}' +
  '.progress{margin-bottom:6px;min-height:1.45em}' +
  '.ends,.count,.hint{margin-top:4px}' +
  'fieldset{border:0;margin:0;padding:0;min-width:0}' +
  'legend,.prompt{font-weight:600;margin:0 0 8px;padding:0;display:block}' +
  '.desc{margin:-4px 0 8px;font-size:14px}' +
  '.scale{display:flex;flex-wrap:wrap;gap:6px}' +
  '.opt{min-width:44px;min-height:44px;flex:1 0 44px;border:1px solid var(--earful-border);border-radius:10px;background:var(--earful-bg);font-size:16px;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:2px;padding:4px}' +
  '.nps .opt{flex:0 0 calc((100% - 30px)/6)}' +
  '.emoji5 .opt,.thumbs .opt,.stars5 .opt{font-size:24px}' +
  '.stars5 .opt{color:var(--earful-muted)}' +
  '.stars5 .opt.on{color:var(--earful-star)}' +
  ':host([data-scheme]) .stars5 .opt[aria-checked=true]{color:var(--earful-on-accent)}' +
  '.swatch{width:18px;height:18px;border-radius:50%;border:1px solid var(--earful-border)}' +
  '.t1{background:#d93025}.t2{background:#f29900}.t3{background:#1e8e3e}.t4{background:#e3b341}' +
  '.thermometer4 .opt{font-size:12px}' +
  '.name{max-width:100%;text-align:center}' +
  // Four colour names side by side need ~70px each; a narrower panel shows them two by two.
  '.thermometer4{container-type:inline-size}' +
  '@container (max-width:300px){.thermometer4 .opt{flex-basis:calc(50% - 3px)}}' +
  '.ends{display:flex;justify-content:space-between;gap:12px}' +
  '.row{display:flex;align-items:center;gap:10px;min-height:44px;padding:2px 4px;border-radius:8px}' +
  '.row input{width:20px;height:20px;accent-color:var(--earful-accent);flex:none}' +
  'label.field{display:block;margin:8px 0 4px;font-weight:600}' +
  '[part=input]{display:block;width:100%;min-height:44px;padding:10px 12px;border:1px solid var(--earful-border);border-radius:8px;background:var(--earful-bg)}' +
  'textarea[part]{min-height:110px;resize:vertical}' +
  '.count{text-align:end}' +
  '.count.over,.problem{color:var(--earful-danger)}' +
  '.problem{font-weight:600}' +
  '.nav{display:flex;gap:8px;justify-content:flex-end}' +
  '.btn{border:1px solid var(--earful-border);background:none}' +
  '.launcher,.primary,.opt[aria-checked=true]{background:var(--earful-accent);color:var(--earful-on-accent);border-color:var(--earful-accent)}' +
  '.btn:disabled{opacity:.6;cursor:progress}' +
  '.done h3{margin-bottom:6px;font-size:17px}' +
  '@media (prefers-reduced-motion:no-preference){.popover,dialog[open]{animation:earful-in .16s ease-out}}' +
  '@keyframes earful-in{from{opacity:0;transform:translateY(8px)}}' +
  '@media (forced-colors:active){.opt[aria-checked=true]{outline:3px solid Highlight}}';
