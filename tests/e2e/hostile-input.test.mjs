// Hostile input in the browser: attribute values, #q= hashes, calculator fields and the core's
// exports fed with markup, script payloads, huge and odd numbers, very long strings, wrong JSON
// types, __proto__ keys and a 10 000-person family. Each must be shown as text or rejected cleanly:
// no injected element (img, script, iframe, on* attributes…), no payload ran (they would set
// window.__pwned; the CSP is bypassed here so that an injected handler really would run), no page
// error, and the same page goes on working afterwards (a normal evaluation through the very module
// instance the widget uses, and the widget itself). Closes with "E2E SUMMARY (hostile-input): …".
import { env, setup, summary, T, ok, eq, watch, newContext, ZH, AS_OF, REGION, qview, findPaths, embed, gotoWidget, current, answerAll, calcExample } from './lib.mjs';

let ctx, page, errors;
setup({
  label: 'hostile',
  ready: async () => {
    ctx = await newContext({ bypassCSP: true });
    await ctx.addInitScript(() => { window.__pwned = 0; });
    page = watch(await ctx.newPage(), 'hostile');
    errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
  },
});

const PAYLOADS = [
  '"><img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  "'><svg onload=window.__pwned=3>",
  'javascript:window.__pwned=4',
  '{{constructor.constructor("window.__pwned=5")()}}',
  '${window.__pwned=6}',
  '320500"><iframe srcdoc="<script>parent.__pwned=7</script>">',
  '2026-03-01"><img src=x onerror=window.__pwned=8>',
  '__proto__', 'constructor', 'toString',
  '99999999999999999999999', '1e400', 'NaN', 'Infinity', '-Infinity', '-1', '-320500', '0', '',
  '9999-99-99', '0000-00-00', '2026-02-30', '-2026-03-01', '+275760-09-13',
  '\u0000\u202e\ud800 zh-Hant',
  'x'.repeat(200000),
];

/** Everything suspicious in the document and every shadow root, and whether a payload ran. */
function inspect(p) {
  return p.evaluate(() => {
    const bad = [];
    const OK_LINKS = /\/(yibao-family|embed|host|nojs)\.css$/;
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName.toLowerCase();
        if (['img', 'iframe', 'frame', 'object', 'embed', 'base', 'style', 'video', 'audio', 'image', 'foreignobject'].includes(tag)) bad.push(tag);
        if (tag === 'script' && !(el.src && new URL(el.src).origin === location.origin)) bad.push('inline script');
        if (tag === 'link' && !OK_LINKS.test(el.href) && !/preload/.test(el.rel) && el.rel !== 'icon') bad.push('link ' + el.href.slice(0, 40));
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) bad.push(`${tag}[${a.name}]`);
          if (/^\s*javascript:/i.test(a.value) && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name)) bad.push(`${tag}[${a.name}=javascript:]`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { bad, pwned: window.__pwned, polluted: ({}).who !== undefined || ({}).answers !== undefined };
  });
}
async function clean(p, label) {
  eq(await inspect(p), { bad: [], pwned: 0, polluted: false }, `${label}: nothing injected, nothing ran`);
}

// A normal evaluation through the engine instance the widget itself uses (its module's core()).
const NORMAL = {
  as_of: AS_OF,
  people: [
    { id: 'me', relation: 'self', age: 38, insurance: { scheme: 'employee', region: REGION }, smartphone: true, account: { prior_years: 380000, current_year: 120000 }, costs: { personal_share: 20000 } },
    { id: 'mum', relation: 'parent', age: 66, insurance: { scheme: 'resident', region: '320900' }, smartphone: false, costs: { personal_share: 120000 } },
  ],
};
async function coreWorks(p, label) {
  const r = await p.evaluate(async (sc) => {
    const m = await (await import('/yibao-family.js')).core();
    const out = m.evaluate(sc, '2026-03-01');
    const q = m.questionnaire({ region: '320500', answers: { who: 'parent' } }, '2026-03-01');
    return { people: out.people?.map((x) => x.recommendation), error: out.error, next: q.question?.id };
  }, NORMAL);
  eq(r, { people: r.people, error: undefined, next: 'phone' }, `${label}: the core still evaluates and asks on this page`);
  eq(r.people?.[1], 'both', `${label}: with the usual answer (mum: both)`);
}

/** Adds widgets with the given attributes to #box; waits until each has rendered something. */
async function addWidgets(p, list) {
  await p.evaluate((list) => {
    const box = document.getElementById('box');
    box.replaceChildren();
    for (const attrs of list) {
      const el = document.createElement('yibao-family');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      box.append(el);
    }
  }, list);
  await p.waitForFunction((n) => {
    const els = document.querySelectorAll('#box yibao-family');
    return els.length === n && [...els].every((el) => el.shadowRoot?.querySelector('.main > *'));
  }, list.length, { timeout: 30000 });
  return p.evaluate(() => [...document.querySelectorAll('#box yibao-family')].map((el) => {
    const r = el.shadowRoot;
    // The start page is the questionnaire's first screen (no valid answer given).
    return r.querySelector('form.q, section.start') ? 'question' : r.querySelector('form.calc') ? 'calculator' : r.querySelector('section.result') ? 'result' : r.querySelector('.fail') ? 'fail: ' + r.querySelector('.fail').textContent.slice(0, 80) : 'other';
  }));
}

const FIXTURE = () => `${env.base}__fixtures/hostile-input.html`;
async function calcStillWorks(p, label) {
  // The page's own calculator (#calc) recomputes after an edit.
  const share = p.locator('#calc fieldset.member').nth(1).locator('[data-f=share]');
  const before = await p.locator('#calc').evaluate((el) => el.scenario.people[1].costs.personal_share);
  const next = before === 250000 ? '2600' : '2500';
  await share.fill(next);
  await p.waitForFunction((fen) => document.querySelector('#calc').scenario?.people[1].costs.personal_share === fen
    && !document.querySelector('#calc').shadowRoot.querySelector('.out[hidden]'), Number(next) * 100);
  ok(await p.locator('#calc .people .person').count() >= 2, `${label}: the page's calculator still computes`);
}

T('hostile attribute values: locale, region, as-of, mode', async () => {
  await gotoWidget(page, FIXTURE(), '#calc');
  await page.locator('#calc .people .person').first().waitFor();
  await calcExample(page, '#calc'); // 我 and 妈妈 (the calculator starts with 我 alone)
  const seen = {};
  for (const attr of ['locale', 'region', 'as-of', 'mode']) {
    for (const mode of attr === 'mode' ? [null] : ['questionnaire', 'calculator']) {
      const list = PAYLOADS.map((v) => (mode ? { [attr]: v, mode } : { [attr]: v }));
      const shown = await addWidgets(page, list);
      shown.forEach((s, i) => { if (!/^(question|calculator)$/.test(s)) (seen[`${attr}=${PAYLOADS[i].slice(0, 30)}`] ??= []).push(s); });
      ok(shown.every((s) => s !== 'other'), `${attr} (${mode || 'mode'}): every widget rendered a question, a calculator or a message`);
      await clean(page, `${attr} (${mode || 'mode'})`);
    }
  }
  // Which values were refused with a message (rather than ignored): only impossible as-of dates.
  for (const [k, v] of Object.entries(seen)) ok(k.startsWith('as-of=') && v.every((s) => s.startsWith('fail: ')), `${k}: refused with a message (${v.join(' / ')})`);
  console.log('# refused with a message:', JSON.stringify(seen));
  // Attributes changed on a live widget, then set back: it recovers.
  for (const attr of ['locale', 'region', 'as-of', 'mode']) {
    for (const v of PAYLOADS.slice(0, 8).concat(['x'.repeat(200000)])) await page.locator('#calc').evaluate((el, [a, v]) => el.setAttribute(a, v), [attr, v]);
    await page.locator('#calc').evaluate((el, a) => el.setAttribute(a, { locale: 'zh-Hans', region: '320500', 'as-of': '2026-03-01', mode: 'calculator' }[a]), attr);
  }
  await page.locator('#calc .people .person').first().waitFor();
  await clean(page, 'attributes changed on a live widget');
  await calcStillWorks(page, 'after hostile attributes');
  await coreWorks(page, 'after hostile attributes');
  eq(errors, [], 'no page errors');
});

T('hostile answers attribute (initial answers)', async () => {
  const deep = '{"who":' + '['.repeat(100000) + ']'.repeat(100000) + '}';
  const huge = JSON.stringify(Object.fromEntries(Array.from({ length: 50000 }, (_, i) => ['k' + i, 'parent'])));
  const list = [
    '{"who":"<img src=x onerror=window.__pwned=9>"}',
    '{"__proto__":{"who":"parent"}}',
    '{"constructor":{"prototype":{"who":"parent"}}}',
    '[1,2,3]', 'null', '"who"', '42', '{', '{"who":{"a":1}}', '{"who":["parent"]}', '{"who":null}',
    deep, huge, 'x'.repeat(200000),
    '{"who":"parent","phone":"<script>window.__pwned=10</script>"}',
  ];
  const shown = await addWidgets(page, list.map((answers) => ({ answers, region: REGION, 'as-of': AS_OF })));
  eq(shown, list.map(() => 'question'), 'every widget shows a question');
  // A valid answer kept: its next question; none: the first question, or the start page before it
  // (a widget that owns the URL's #q= state opens at its question instead).
  const at = await page.evaluate(() => [...document.querySelectorAll('#box yibao-family')].map((el) => el.shadowRoot.querySelector('input[name=a]')?.dataset.q ?? (el.shadowRoot.querySelector('section.start') ? 'who' : null)));
  const want = list.map((s) => (s.startsWith('{"who":"parent"') ? qview({ who: 'parent' }).question.id : 'who'));
  eq(at, want, 'bad answers dropped, the valid one kept');
  await clean(page, 'answers attribute');
  await calcStillWorks(page, 'after hostile answers');
  await coreWorks(page, 'after hostile answers');
  eq(errors, [], 'no page errors');
});

const b64 = (s) => Buffer.from(s).toString('base64url');
T('hostile #q= hashes: malformed base64, wrong JSON types, __proto__, huge and deep payloads', async () => {
  const paths = findPaths();
  const deep = '{"answers":' + '{"a":'.repeat(50000) + '1' + '}'.repeat(50000) + '}';
  const hashes = [
    ['malformed base64', 'a'],
    ['not our characters', '%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E'],
    ['invalid UTF-8', '____'],
    ['not JSON', b64('hello <img src=x onerror=window.__pwned=1>')],
    ['null', b64('null')], ['a number', b64('42')], ['a string', b64('"who"')], ['an array', b64('[1,2]')],
    ['answers a string', b64('{"answers":"x"}')],
    ['answers an array', b64('{"answers":[1,2]}')],
    ['an answer a number', b64('{"answers":{"who":5}}')],
    ['an answer with markup', b64('{"answers":{"who":"<img src=x onerror=window.__pwned=1>"}}')],
    ['region a number', b64('{"region":320500,"answers":{"who":"parent"}}')],
    ['region with markup', b64('{"region":"<svg onload=window.__pwned=2>","answers":{"who":"parent"}}')],
    ['as_of an array', b64('{"as_of":["2026-03-01"],"answers":{"who":"parent"}}')],
    ['as_of impossible', b64('{"as_of":"9999-99-99","answers":{"who":"parent"}}')],
    ['at an object', b64('{"at":{"x":1},"answers":{"who":"parent"}}')],
    ['at __proto__', b64('{"at":"__proto__","answers":{"who":"parent"}}')],
    ['at constructor', b64('{"at":"constructor","answers":{"who":"parent"}}')],
    ['ret not a boolean', b64('{"ret":"yes","answers":{"who":"parent"}}')],
    ['__proto__ at the top', b64('{"__proto__":{"answers":{"who":"parent"}}}')],
    ['__proto__ in answers', b64('{"answers":{"__proto__":{"who":"parent"}}}')],
    ['constructor in answers', b64('{"answers":{"constructor":"parent"}}')],
    ['an unknown field', b64('{"answers":{"who":"parent"},"evil":"<script>window.__pwned=3</script>"}')],
    ['nested 50 000 deep', b64(deep)],
    ['50 000 answers (1 MB)', b64(JSON.stringify({ answers: Object.fromEntries(Array.from({ length: 50000 }, (_, i) => ['q' + i, 'x'.repeat(10)])) }))],
  ];
  for (const [label, h] of hashes) {
    await gotoWidget(page, embed() + '#q=' + h).catch((e) => { throw new Error(`${label}: ${e.message}`); });
    const q = await current(page);
    ok(q !== 'result' && typeof q === 'string', `${label}: a question is shown (${q})`);
    await clean(page, label);
    await coreWorks(page, label);
  }
  // __proto__ in answers did not pollute the page, and the last page still answers to the end.
  await answerAll(page, paths.both.answers);
  eq(await page.locator('#w .big .rec-v').getAttribute('data-rec'), 'both', 'the widget answers to the end after all that');
  eq(errors, [], 'no page errors');
});

T('hostile calculator input: markup in names, odd money and ages, 31 people', async () => {
  await gotoWidget(page, embed('&mode=calculator'));
  const w = page.locator('#w');
  await w.locator('.people .person').first().waitFor();
  await calcExample(page);
  const row = (i) => w.locator('fieldset.member').nth(i);
  // Waits until field f of row i is marked invalid with the wanted message (in words: never the
  // engine's own message, which names the field's path); returns the message.
  const refused = (i, f, want, path) => page.waitForFunction(([i, f, want, path]) => {
    const el = document.querySelector('#w').shadowRoot.querySelectorAll('fieldset.member')[i].querySelector(`[data-f=${f}]`);
    const msg = el.getAttribute('aria-invalid') === 'true' && el.getRootNode().getElementById(el.id + '-e')?.textContent;
    return msg && msg === want && !msg.includes(path) && msg;
  }, [i, f, want, path], { timeout: 5000 }).then((h) => h.jsonValue());
  // Names with markup are shown as text.
  const names = ['<script>window.__pwned=1</script>', '<img src=x onerror=window.__pwned=2>'];
  await row(0).locator('[data-f=name]').fill(names[0]);
  await row(1).locator('[data-f=name]').fill(names[1]);
  await w.locator(`.person[data-person="${names[1]}"]`).waitFor();
  for (const n of names) {
    const txt = await w.locator('.people').textContent();
    ok(txt.includes(n), `name ${n} shown as text in the results`);
    ok((await w.locator('fieldset.member legend').allTextContents()).some((l) => l.includes(n)), `name ${n} shown as text in the legend`);
  }
  const ev = await page.evaluate(() => window.__yf.at(-1));
  ok(names.every((n) => ev.summary.includes(n)), 'the summary carries the names as text');
  await clean(page, 'names');
  // Money: each is refused next to its field, except full-width digits, which are read.
  // Over the contract's maximum (10 亿元): said with the field's name and the limit in 元.
  const tooMuch = ZH['ui.err.money_max'].replace('{field}', ZH['ui.fn.share']).replace('{max}', '¥1,000,000,000.00');
  const money = [
    ['<b>1</b>', ZH['ui.err.money']], ['99999999999999', tooMuch], ['-100', ZH['ui.err.money']],
    ['NaN', ZH['ui.err.money']], ['Infinity', ZH['ui.err.money']], ['1e5', ZH['ui.err.money']], ['0.001', ZH['ui.err.money']],
    ['999999999999', tooMuch], ['1000000000.01', tooMuch],
  ];
  for (const [v, want] of money) {
    await row(1).locator('[data-f=share]').fill(v);
    const msg = await refused(1, 'share', want, 'people[1].costs.personal_share');
    ok(msg, `share ${v}: refused next to the field (${msg})`);
    ok(await w.locator('.out').evaluate((e) => e.hidden) && await w.locator('.out .person').count() === 0, `share ${v}: the results give way to the message`);
  }
  await row(1).locator('[data-f=share]').fill('１２３４．５');
  await page.waitForFunction(() => document.querySelector('#w').scenario?.people[1].costs.personal_share === 123450 && !document.querySelector('#w').shadowRoot.querySelector('[aria-invalid]'));
  ok(true, 'full-width money １２３４．５ read as 123450 分');
  // Ages.
  const badAge = ZH['ui.err.age'].replace('{max}', '130');
  for (const [v, want] of [['<script>', badAge], ['-1', badAge], ['NaN', badAge], ['1e3', badAge], ['999', badAge], ['131', badAge]]) {
    await row(1).locator('[data-f=age]').fill(v);
    const msg = await refused(1, 'age', want, 'people[1].age');
    ok(msg, `age ${v}: refused next to the field (${msg})`);
  }
  await row(1).locator('[data-f=age]').fill('６８');
  await page.waitForFunction(() => document.querySelector('#w').scenario?.people[1].age === 68 && !document.querySelector('#w').shadowRoot.querySelector('[aria-invalid]'));
  ok(true, 'full-width age ６８ read as 68');
  await clean(page, 'money and ages');
  // The engine's maximum of 30 people: the add button stops there, saying so; nothing breaks.
  const add = w.locator('.calc > button.btn').first();
  for (let i = (await w.locator('fieldset.member').count()); i < 30; i++) await add.click();
  ok(await add.isDisabled(), '30 people: no 31st');
  eq((await w.locator('.maxp').textContent()).trim(), ZH['ui.calc.max_people'].replace('{max}', '30'), 'the limit is said');
  await w.locator('.person').nth(29).waitFor();
  ok(true, '30 people: results for each');
  for (let i = 29; i >= 2; i--) await row(i).locator('button.rm').click();
  await page.waitForFunction(() => !document.querySelector('#w').shadowRoot.querySelector('.out[hidden]'));
  ok(await w.locator('.people .person').count() === 2, 'back to two people: results again');
  await coreWorks(page, 'after the calculator');
  await clean(page, 'calculator');
  eq(errors, [], 'no page errors');
});

T('the core through the page: 10 000 people, oversized and deep input, odd arguments', async () => {
  await gotoWidget(page, embed('&mode=calculator'));
  await page.locator('#w .people .person').first().waitFor();
  const r = await page.evaluate(async () => {
    const m = await (await import('/yibao-family.js')).core();
    // Compact people, so that the input stays under the 1 MiB limit and the count is what is refused.
    const person = (i) => ({ id: 'p' + i, relation: i ? 'child' : 'self', insurance: { scheme: 'resident', region: '320500' }, costs: { personal_share: 100 } });
    const big = { as_of: '2026-03-01', people: Array.from({ length: 10000 }, (_, i) => ({ id: 'p' + i, relation: i ? 'child' : 'self', insurance: { scheme: 'none' } })) };
    const out = {};
    const t0 = performance.now();
    out.many = m.evaluate(big, '2026-03-01').error;
    out.manyMs = Math.round(performance.now() - t0);
    out.manyBytes = JSON.stringify(big).length;
    // Objects have no byte limit (the page already holds them): a 2 MiB comment is read and ignored.
    out.large = m.evaluate({ as_of: '2026-03-01', comment: 'x'.repeat(2 * 1024 * 1024), people: [person(0)] }, '2026-03-01');
    // Nested 100 000 deep, and a cycle: refused at 32 levels, not a stack overflow.
    let deep = [];
    for (let i = 0; i < 100000; i++) deep = [deep];
    out.deep = m.evaluate(deep, '2026-03-01').error;
    out.deepQ = m.questionnaire({ answers: { who: deep } }, '2026-03-01').error;
    const cyclic = { as_of: '2026-03-01', people: [person(0)] };
    cyclic.comment = cyclic;
    cyclic.people[0].costs.items = [cyclic];
    out.cyclic = m.evaluate(cyclic, '2026-03-01').error;
    out.html = m.evaluate('<script>window.__pwned=1</script>', '2026-03-01').error;
    out.today = m.evaluate({}, '<img src=x onerror=window.__pwned=2>').error;
    out.todayNaN = m.questionnaire({}, 'NaN').error;
    out.nul = m.evaluate('\u0000', '2026-03-01').error;
    out.surrogate = m.evaluate({ people: [{ id: '\ud800', relation: 'self', insurance: { scheme: 'none' } }] }, '2026-03-01');
    out.proto = m.evaluate(JSON.parse('{"__proto__":{"people":[]},"people":[]}'), '2026-03-01').error;
    out.catalog = m.set_catalog('en', '<script>window.__pwned=3</script>').error?.code;
    out.catalogLocale = m.set_catalog('<img>', {}).error?.code;
    out.ui = Object.keys(m.ui('<script>')).length > 50;
    out.meta = m.meta('x'.repeat(100000)).rules_version?.length > 0;
    out.has = m.has_catalog('__proto__');
    const ok1 = m.evaluate({ as_of: '2026-03-01', people: [person(0), person(1)] }, '2026-03-01');
    out.after = ok1.people?.length;
    return out;
  });
  console.log(`# 10 000 people (an object of ${r.manyBytes} bytes as JSON): ${JSON.stringify(r.many)} in ${r.manyMs} ms`);
  eq([r.many.path, r.many.code], ['people', 'TOO_MANY'], '10 000 people: TOO_MANY at people');
  ok(r.many.message.includes('people'), 'with a message naming the field');
  ok(r.large.people?.length === 1, 'a 2 MiB comment in an object: read and ignored');
  eq(r.deep.code, 'TOO_DEEP', 'nested 100 000 deep: TOO_DEEP');
  eq(r.deepQ?.code, 'TOO_DEEP', 'questionnaire state nested 100 000 deep: TOO_DEEP');
  eq(r.cyclic?.code, 'TOO_DEEP', 'a cyclic object: TOO_DEEP');
  ok(r.html && r.html.path === '' && r.html.code === 'WRONG_TYPE', `markup (a string) instead of an object: WRONG_TYPE at "" (${r.html?.code})`);
  ok(r.proto && r.proto.code, `an own __proto__ member: an error (${r.proto?.code}), nothing polluted`);
  eq([r.today.path, r.today.code], ['today', 'INVALID_DATE'], 'a bad today: INVALID_DATE at today');
  eq(r.todayNaN.code, 'INVALID_DATE', 'today NaN: INVALID_DATE');
  ok(r.nul && r.nul.code, `a NUL byte: an error (${r.nul?.code})`);
  ok(r.surrogate.error || r.surrogate.people, 'a lone surrogate in an id: an error or a report, not a trap');
  ok(r.catalog && r.catalogLocale, `bad catalogs refused as values (${r.catalog}, ${r.catalogLocale})`);
  ok(r.ui && r.meta && r.has === false, 'ui, meta and has_catalog with odd locales answer');
  eq(r.after, 2, 'and then a normal evaluation succeeds on the same instance: not trapped');
  await coreWorks(page, 'after the core was fed all that');
  // The widget on that page, which shares the instance, still computes.
  await calcExample(page);
  await page.locator('#w fieldset.member').nth(1).locator('[data-f=share]').fill('2600');
  await page.waitForFunction(() => document.querySelector('#w').scenario?.people[1].costs.personal_share === 260000 && !document.querySelector('#w').shadowRoot.querySelector('.out[hidden]'));
  ok(true, 'the widget on the same page still computes');
  await clean(page, 'core');
  eq(errors, [], 'no page errors');
});

summary('hostile-input');
