// For iframes and mini-program web-views: the widget alone. Reads locale, region, mode, elder and
// as-of from the query string (answers travel in the #q= hash), reports its height to the parent,
// and hands the result summary back (same-origin parent; WeChat mini-program when its JSSDK is present).
const w = document.getElementById('w');
const q = new URLSearchParams(location.search);
for (const a of ['locale', 'region', 'mode', 'as-of']) {
  const v = q.get(a) ?? (a === 'as-of' ? q.get('as_of') : null);
  if (v) w.setAttribute(a, v);
}
if (q.has('elder') && q.get('elder') !== '0' && q.get('elder') !== 'false') w.setAttribute('elder', '');
if (q.get('locale')) document.documentElement.lang = q.get('locale');

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
report();

w.addEventListener('yibao-family:result', (e) => {
  if (parent !== window) parent.postMessage({ type: 'yibao-family:result', detail: e.detail }, location.origin);
  const wx = window.wx;
  if (window.__wxjs_environment === 'miniprogram' && wx?.miniProgram?.postMessage) {
    wx.miniProgram.postMessage({ data: { type: 'yibao-family:result', summary: e.detail.summary, recommendations: e.detail.recommendations } });
  }
});

import('./yibao-family.js');
