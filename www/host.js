// Demo host page: a locale switcher and an elder-mode toggle for every <yibao-family> on the page,
// and the last result summary the widget reported.
const widgets = () => document.querySelectorAll('yibao-family');
const lang = { 'zh-Hans': 'zh-Hans', 'zh-Hant': 'zh-Hant', en: 'en' };
const params = new URLSearchParams(location.search);

const sel = document.getElementById('locale');
const elder = document.getElementById('elder');

function apply() {
  for (const w of widgets()) {
    w.setAttribute('locale', sel.value);
    w.toggleAttribute('elder', elder.checked);
  }
  document.documentElement.lang = lang[sel.value] || 'zh-Hans';
  document.body.classList.toggle('elder', elder.checked);
}

// The widgets' own 长辈模式 buttons set or clear their `elder` attribute: the checkbox follows,
// and so do the other widgets on the page.
const follow = new MutationObserver((records) => {
  const on = records.at(-1).target.hasAttribute('elder');
  if (on === elder.checked) return;
  elder.checked = on;
  apply();
});
for (const w of widgets()) follow.observe(w, { attributes: true, attributeFilter: ['elder'] });

if (params.get('locale') in lang) sel.value = params.get('locale');
if (params.has('elder')) elder.checked = true;
sel.addEventListener('change', apply);
elder.addEventListener('change', apply);
apply();

document.addEventListener('yibao-family:result', (e) => {
  document.getElementById('last').textContent = e.detail.summary;
});
