// For iframes and mini-program web-views: the widget alone.
// - Reads locale, region, mode, elder and as-of from the query string; every other parameter is a
//   questionnaire answer (`?who=parent&phone=cannot`: question ids and option values of the core),
//   handed to the element as its `answers` attribute; the element keeps only what the core accepts.
//   A `#q=` state in the hash wins over them (it is where the user has got to since).
// - Reports its height to the parent (`yibao-family:height`) and hands every result back: to a
//   same-origin parent (`yibao-family:result`), to a WeChat mini-program through
//   `wx.miniProgram.postMessage` and to an Alipay mini-program through `my.postMessage` — only when
//   the host's own H5 page has included that platform's bridge script; we never load it ourselves.
const w = document.getElementById('w');
const q = new URLSearchParams(location.search);
const ATTRS = ['locale', 'region', 'mode', 'as-of'];
for (const a of ATTRS) {
  const v = q.get(a) ?? (a === 'as-of' ? q.get('as_of') : null);
  if (v) w.setAttribute(a, v);
}
if (q.has('elder') && q.get('elder') !== '0' && q.get('elder') !== 'false') w.setAttribute('elder', '');
if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(q.get('locale') || '')) document.documentElement.lang = q.get('locale');

const answers = {};
let n = 0;
for (const [k, v] of q) {
  if (ATTRS.includes(k) || k === 'as_of' || k === 'elder' || k in answers || ++n > 16) continue;
  answers[k] = v;
}
if (n) w.setAttribute('answers', JSON.stringify(answers));

// The page's title and heading follow the widget's locale.
w.addEventListener('yibao-family:ready', (e) => {
  document.documentElement.lang = e.detail.locale;
  document.title = e.detail.title;
  document.getElementById('title').textContent = e.detail.title;
});

let last = 0;
const report = () => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last && parent !== window) {
    last = height;
    parent.postMessage({ type: 'yibao-family:height', height }, '*');
  }
};
new ResizeObserver(report).observe(document.documentElement);

// A new question or result: the page in the iframe does not scroll itself (it would move the host
// page, perhaps under a fixed header); it tells the parent where the new heading is, in CSS px from
// the top of the iframe's document, and the parent scrolls only if that is out of its view.
w.addEventListener('yibao-family:focus', (e) => {
  if (parent !== window) parent.postMessage({ type: 'yibao-family:scroll', top: e.detail.top }, '*');
});
report();

// Which mini-program web-view we are in, if any (decided when a result is ready: WeChat sets
// __wxjs_environment only once its bridge is up).
const ua = navigator.userAgent || '';
const inWeChat = () => window.__wxjs_environment === 'miniprogram' || (/MicroMessenger/i.test(ua) && /miniProgram/i.test(ua));
const inAlipay = () => /AlipayClient/.test(ua) && !!window.my;

w.addEventListener('yibao-family:result', (e) => {
  const d = e.detail;
  const msg = { type: 'yibao-family:result', summary: d.summary, recommendations: d.recommendations, as_of: d.as_of, mode: d.mode };
  if (parent !== window) parent.postMessage({ type: 'yibao-family:result', detail: d }, location.origin);
  try {
    // WeChat queues these and delivers them all (e.detail.data, an array) to the <web-view>'s
    // bindmessage only when the user goes back, shares, or the page is destroyed.
    const wx = window.wx;
    if (inWeChat() && typeof wx?.miniProgram?.postMessage === 'function') wx.miniProgram.postMessage({ data: msg });
  } catch { /* a broken bridge must not break the page */ }
  try {
    // Alipay delivers each message at once to the <web-view>'s onMessage (e.detail.data).
    if (inAlipay() && typeof window.my.postMessage === 'function') window.my.postMessage(msg);
  } catch { /* likewise */ }
});

import('./yibao-family.js');
