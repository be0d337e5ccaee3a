// The calculator (issue 12, items 6–8): it starts with "我" alone (the example family only behind its
// button), every prefecture-level city is reachable by province → city, errors are in plain words
// at their field (limits in 元, never a path or a code) and replace the results, the numbers are the
// CLI's, accounts read before → after with what moves ("家人少付现金 … 账户余额减少 …", never 省下),
// no pooled-fund line without itemised costs, a relation between two members is asked when the
// engine cannot derive it, the resident-premium prompt, the outcome page's prefill (calcPrefill),
// lang="zh-Hans" on Chinese terms in English, 12393 as a tel: link, and the main action within reach
// in 长辈模式. Chromium at 360×740. Closes with "E2E SUMMARY (calculator): …".
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { env, setup, summary, T, ok, eq, watch, newContext, catalog, ZH, ROOT, AS_OF, embed, gotoWidget, fenOf, shot } from './lib.mjs';

let page, core;
setup({
  label: 'calculator',
  ready: async () => {
    core = env.core;
    await env.ctx.close();
    env.ctx = await newContext({ viewport: { width: 360, height: 740 } });
    page = watch(await env.ctx.newPage(), 'calculator');
    await page.addInitScript(() => { window.sc = () => document.querySelector('#w')?.scenario || {}; });
  },
});

const W = () => page.locator('#w');
const row = (i) => W().locator('fieldset.member:not(.pairq)').nth(i);
const yuan = (fen) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(fen / 100);
const scenario = () => W().evaluate((el) => el.scenario);
const open = async (q = '') => {
  await gotoWidget(page, embed('&mode=calculator' + q));
  await W().locator('.recs li').first().waitFor();
};
/** Waits until the scenario the calculator built satisfies fn (run in the page). */
const until = (fn, arg) => page.waitForFunction(fn, arg);
async function fill(i, f, v) {
  const el = row(i).locator(`[data-f=${f}]`);
  if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(v);
  else {
    if (['prior', 'current'].includes(f)) await row(i).locator('details.split').evaluate((d) => { d.open = true; });
    await el.fill(v);
  }
}
async function region(i, code) {
  await fill(i, 'province', code.slice(0, 2) + '0000');
  if (!code.endsWith('0000')) await fill(i, 'city', code);
}
/** Every visible text of the widget (shadow root), as the user reads it. */
const shown = () => W().evaluate((el) => el.shadowRoot.querySelector('.main').innerText);
function cli(sc) {
  const [cmd, args] = process.env.YIBAO_CLI ? [process.env.YIBAO_CLI, ['evaluate', '-']] : ['cargo', ['run', '-q', '--bin', 'yibao', '--', 'evaluate', '-']];
  return JSON.parse(execFileSync(cmd, args, { input: JSON.stringify(sc), cwd: ROOT, encoding: 'utf8', timeout: 300000 }));
}

T('it starts with 我 alone: nothing filled in but the host\'s region; the example family only behind its button', async () => {
  await open();
  eq(await row(1).count(), 0, 'one member');
  eq(await row(0).locator('[data-f=name]').inputValue(), ZH['ui.calc.me'], 'named 我');
  for (const f of ['age', 'balance', 'prior', 'current', 'share', 'premium']) eq(await row(0).locator(`[data-f=${f}]`).inputValue(), '', `${f} is empty`);
  const sc = await scenario();
  eq(sc.people, [{ id: '我', relation: 'self', insurance: { scheme: 'unknown', region: '320500' } }], 'the scenario holds only what the user (and the host\'s region) said');
  ok((await shown()).includes(ZH['ui.calc.me_only']), 'says that relatives are added to see what sharing pays');
  eq(await W().locator('.exnote').count(), 0, 'no example note');
  const btn = W().locator('button.exbtn');
  eq((await btn.textContent()).trim(), ZH['ui.calc.example_btn'], 'the example family is behind a clearly labelled button');
  await btn.click();
  await W().locator('.person').nth(1).waitFor();
  eq(await W().locator('fieldset.member').count(), 2, 'the example: two members');
  eq((await W().locator('.exnote p').textContent()).trim(), ZH['ui.calc.example_note'], 'marked as an example, not the user\'s data');
  await W().locator('.exnote button').click();
  await W().locator('button.exbtn').waitFor();
  eq(await W().locator('fieldset.member').count(), 1, 'cleared: 我 alone again');
  eq(await W().locator('.exnote').count(), 0, 'the note is gone with the example');
});

T('province → city: every prefecture-level city is reachable, 杭州 330100 and cities the engine does not name', async () => {
  await open();
  const meta = core.meta('zh-Hans');
  const provinces = await row(0).locator('[data-f=province] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  eq(provinces, meta.regions.filter((r) => r.province).map((r) => r.code), 'the provinces are the engine\'s');
  let total = 0;
  for (const p of provinces) {
    await fill(0, 'province', p);
    const cities = await row(0).locator('[data-f=city] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    const hidden = await row(0).locator('.f-city').evaluate((e) => e.hidden);
    if (['110000', '120000', '310000', '500000'].includes(p)) ok(hidden && cities.length === 0, `${p}: a municipality is one region, no city to choose`);
    else ok(!hidden && cities.length >= 1 && cities.every((c) => c.startsWith(p.slice(0, 2)) && /^\d{6}$/.test(c)), `${p}: ${cities.length} cities of that province`);
    total += cities.length;
  }
  ok(total >= 330, `at least the 333 prefecture-level divisions are offered (got ${total})`);
  // The list (www/cities.js, generated by scripts/gen-cities.mjs): unique six-digit codes under their
  // province, named in all three locales, and every one a region the engine accepts.
  const { default: CITIES } = await import(path.join(ROOT, 'www', 'cities.js'));
  const all = Object.entries(CITIES).flatMap(([p, list]) => list.map((c) => [p, ...c]));
  eq(all.length, total, 'the page offers every entry of cities.js');
  eq(new Set(all.map((c) => c[1])).size, all.length, 'no code twice');
  const refused = all.filter(([p, code, hans, , en]) => !(code.startsWith(p) && /^\d{6}$/.test(code) && hans && en)
    || core.evaluate({ people: [{ id: 'me', relation: 'self', insurance: { scheme: 'employee', region: code } }] }, AS_OF).error);
  eq(refused, [], 'every city is well-formed and accepted by the engine');
  await region(0, '330100');
  await until(() => ((sc) => sc.people[0].insurance.region === '330100')(window.sc()));
  eq(await row(0).locator('[data-f=city] option:checked').textContent(), '杭州市', '杭州 by name');
  // Cities today's short list (meta.regions) lacks.
  for (const [code, name] of [['532900', '大理白族自治州'], ['652300', '昌吉回族自治州'], ['429004', '仙桃市'], ['150200', '包头市']]) {
    ok(!meta.regions.some((r) => r.code === code), `${code} is not among the engine's named regions`);
    await region(0, code);
    await until((c) => window.sc().people[0].insurance.region === c, code);
    eq(await row(0).locator('[data-f=city] option:checked').textContent(), name, `${code} ${name} is reachable and sent`);
  }
  // In English and in zh-Hant, the same codes by name.
  await W().evaluate((el) => el.setAttribute('locale', 'en'));
  await W().locator('h2', { hasText: catalog('en')['ui.calc.title'] }).waitFor();
  eq(await row(0).locator('[data-f=city] option:checked').textContent(), 'Baotou', 'English city name');
  await W().evaluate((el) => el.setAttribute('locale', 'zh-Hant'));
  await W().locator('h2', { hasText: catalog('zh-Hant')['ui.calc.title'] }).waitFor();
  eq(await row(0).locator('[data-f=city] option:checked').textContent(), '包頭市', 'zh-Hant city name');
  eq((await scenario()).people[0].insurance.region, '150200', 'the region survives the locale switches');
});

T('an oversized balance: a message at the field naming it in words, the limit in 元, no path or code; results replaced', async () => {
  await open();
  await fill(0, 'scheme', 'employee');
  await fill(0, 'balance', '3000');
  await W().locator('.accounts').waitFor();
  for (const big of ['2000000000', '123456789012345678']) {
    await fill(0, 'balance', big);
    const bal = row(0).locator('[data-f=balance]');
    await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('[data-f=balance]').getAttribute('aria-invalid') === 'true');
    const errId = (await bal.getAttribute('aria-describedby')).split(' ').find((x) => x.endsWith('-e'));
    const msg = await W().locator(`[id="${errId}"]`).textContent();
    eq(msg, ZH['ui.err.money_max'].replace('{field}', ZH['ui.fn.balance']).replace('{max}', yuan(100000000000)), `${big}: the message names the field and the limit in 元`);
    ok(msg.includes('¥1,000,000,000.00'), 'the limit is 10 亿元');
    const text = await shown();
    ok(!/people\[|account\.|prior_years|OUT_OF_RANGE|100000000000/.test(text), `${big}: no path, code or limit in 分 anywhere on the page`);
    eq(await W().locator('.out .person, .out .recs, .out .chart, .out .accounts').count(), 0, `${big}: no result left readable`);
    ok(await W().locator('.out').evaluate((e) => e.hidden), 'the results are replaced');
    ok((await W().locator('.errsum').textContent()).includes(ZH['ui.calc.fix']), 'the message stands where the results were');
    ok((await W().locator('.errsum .errs li').first().textContent()).includes(msg), 'the summary lists the field\'s message');
  }
  // Enter in a field (the form's main action) takes focus to the first field in error.
  await row(0).locator('[data-f=age]').focus();
  await page.keyboard.press('Enter');
  eq(await W().evaluate((el) => el.shadowRoot.activeElement?.dataset.f), 'balance', 'focus moves to the first error');
  // The engine's own limit (a member's age) in words too.
  await fill(0, 'balance', '3000');
  await fill(0, 'age', '140');
  await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('[data-f=age]').getAttribute('aria-invalid') === 'true');
  ok((await shown()).includes(ZH['ui.err.age'].replace('{max}', '130')), 'age limit in words');
  await fill(0, 'age', '40');
  await W().locator('.accounts').waitFor();
  eq(await W().locator('[aria-invalid]').count(), 0, 'fixed: errors gone, results back');
});

T('a filled calculator shows the CLI\'s numbers: money, balances before → after, what moves; no 省下, no pooled line', async () => {
  await open();
  await fill(0, 'scheme', 'employee');
  await fill(0, 'age', '45');
  await region(0, '320500');
  await fill(0, 'phone', 'yes');
  await fill(0, 'balance', '6234.5');
  await fill(0, 'share', '300');
  await W().locator('.calc button.add').click();
  await fill(1, 'name', '妈妈');
  await fill(1, 'relation', 'parent');
  await fill(1, 'age', '70');
  await fill(1, 'scheme', 'resident');
  await region(1, '320900');
  await fill(1, 'phone', 'no');
  ok(await row(1).locator('.f-premium').isVisible(), 'the resident-premium field is offered for a relative in 居民医保');
  eq(await row(1).locator('.f-premium .fhint').textContent(), ZH['ui.f.premium.hint'], 'with its prompt');
  ok(!(await row(1).locator('.acct').isVisible()), 'no account for 居民医保');
  await fill(1, 'share', '2500');
  await fill(1, 'premium', '380');
  await W().locator('.calc button.add').click();
  await fill(2, 'name', '爸爸');
  await fill(2, 'age', '72');
  await fill(2, 'scheme', 'employee');
  ok(!(await row(2).locator('.f-premium').isVisible()), 'no premium field for 职工医保');
  await region(2, '320500');
  await fill(2, 'prior', '800');
  await fill(2, 'current', '0');
  await fill(2, 'share', '6000.50');
  await until(() => ((sc) => sc.people.length === 3 && sc.people[2].costs?.personal_share === 600050)(window.sc()));
  const sc = {
    locale: 'zh-Hans',
    people: [
      { id: '我', relation: 'self', insurance: { scheme: 'employee', region: '320500' }, age: 45, smartphone: true, account: { prior_years: 623450, current_year: 0 }, costs: { personal_share: 30000 } },
      { id: '妈妈', relation: 'parent', insurance: { scheme: 'resident', region: '320900' }, age: 70, smartphone: false, costs: { personal_share: 250000, premiums: [{ kind: 'resident', amount: 38000 }] } },
      { id: '爸爸', relation: 'parent', insurance: { scheme: 'employee', region: '320500' }, age: 72, account: { prior_years: 80000, current_year: 0 }, costs: { personal_share: 600050 } },
    ],
    as_of: AS_OF,
  };
  eq(await scenario(), sc, 'the scenario built from the form (one balance sent as 历年; yuan → 分)');
  const report = cli(sc);
  await W().locator('.person[data-person="爸爸"]').waitFor();
  for (const p of report.people) {
    const card = W().locator(`.person[data-person="${p.id}"]`);
    eq(await card.locator('.rec-v').getAttribute('data-rec'), p.recommendation, `${p.id}: the CLI's recommendation`);
    for (const k of ['cost', 'own_account', 'shared', 'cash', 'cash_without_gongji']) {
      eq(fenOf(await card.locator(`td[data-money=${k}]`).textContent()), p.money[k], `${p.id}: ${k} is the CLI's`);
    }
    eq(await card.locator('td[data-money=pooled]').count(), 0, `${p.id}: no pooled-fund line (costs not itemised)`);
  }
  const me = report.accounts.find((a) => a.id === '我');
  ok(me.shared_out > 0, 'the CLI shares from my account');
  const acc = await W().locator('.accounts li[data-account="我"]').textContent();
  ok(acc.includes(ZH['ui.calc.account.me'].replace('{before}', yuan(me.balance_before)).replace('{after}', yuan(me.balance_after))), `my balance before → after, the CLI's (${acc})`);
  ok(acc.includes(ZH['ui.calc.transfer.me'].replaceAll('{amount}', yuan(me.shared_out))), '家人少付现金 ¥X，您的账户余额减少 ¥X');
  const dad = report.accounts.find((a) => a.id === '爸爸');
  ok((await W().locator('.accounts li[data-account="爸爸"]').textContent()).includes(ZH['ui.calc.account.other'].replace('{name}', '爸爸').replace('{before}', yuan(dad.balance_before)).replace('{after}', yuan(dad.balance_after))), 'another member\'s account before → after');
  const chart = await W().locator('.chart').textContent();
  ok(chart.includes(yuan(report.totals.cash)) && chart.includes(yuan(report.totals.cash_without_gongji)), 'the chart\'s totals are the CLI\'s');
  const text = await shown();
  ok(!text.includes('省下') && !text.includes('省錢'), 'sharing is never called a saving');
  ok(!text.includes(ZH['ui.money.pooled']), 'no 统筹基金报销 line');
  const copied = (await W().evaluate(() => window.__yf.at(-1).summary));
  ok(!copied.includes('省下') && copied.includes(ZH['ui.calc.transfer.me'].replaceAll('{amount}', yuan(me.shared_out))), 'the copied summary says the same');
  await shot(page, 'calc-filled', 360, 740);
});

T('a locale switch writes the same answer in the new language without running the rules again; a changed input runs them', async () => {
  await open();
  await fill(0, 'name', '王芳');
  await fill(0, 'scheme', 'employee');
  await region(0, '320500');
  await fill(0, 'balance', '3000');
  await W().locator('.calc button.add').click();
  await fill(1, 'name', '妈妈');
  await fill(1, 'relation', 'parent');
  await fill(1, 'scheme', 'resident');
  await region(1, '320500');
  await fill(1, 'share', '1200');
  await W().locator('.person[data-person="妈妈"]').waitFor();
  // The evaluation the calculator keeps (wasm-bindgen's Evaluation), marked to be recognised.
  await W().evaluate((el) => { el.evaluation.seen = true; });
  const zh = await W().locator('.results').innerText();
  const EN = catalog('en');
  await W().evaluate((el) => el.setAttribute('locale', 'en'));
  await W().locator('.results h2', { hasText: EN['ui.calc.results'] }).waitFor();
  ok(await W().evaluate((el) => el.evaluation?.seen === true), 'the same evaluation, not a new one');
  const en = await W().locator('.results').innerText();
  // English, but for the names, the Chinese terms in brackets and the sources cited by their titles.
  const prose = en.split('\n').filter((l) => !l.includes(EN['ui.source'].replace(/[:：].*$/, ''))).join('\n').replace(/王芳|妈妈|\([^)]*\)/g, '');
  const cjk = (prose.match(/[\u4e00-\u9fff]/g) || []).length;
  ok(en !== zh && en.includes(EN['ui.calc.results']) && cjk < prose.length / 50, `the results are written in English (${cjk} CJK characters in ${prose.length})`);
  const sc = await scenario();
  eq(sc.locale, 'en', 'the scenario now in English');
  const want = cli(sc);
  eq(fenOf(await W().locator('.person[data-person="妈妈"] td[data-money=shared]').textContent()), want.people.find((p) => p.id === '妈妈').money.shared, 'the amounts are the CLI\'s');
  await fill(1, 'share', '1300');
  await until(() => window.sc().people?.[1]?.costs?.personal_share === 130000);
  await W().locator('.calc button[type=submit]').click();
  ok(await W().evaluate((el) => el.evaluation && el.evaluation.seen !== true), 'a changed input is evaluated anew');
});

T('a relation the engine cannot derive is asked for, between the two members, and sent', async () => {
  await open();
  await fill(0, 'scheme', 'employee');
  await fill(0, 'balance', '5000');
  await W().locator('.calc button.add').click();
  await fill(1, 'name', '老伴');
  await fill(1, 'relation', 'spouse');
  await fill(1, 'scheme', 'employee');
  await fill(1, 'balance', '3000');
  await W().locator('.calc button.add').click();
  await fill(2, 'name', '孩子');
  await fill(2, 'relation', 'child');
  await fill(2, 'scheme', 'resident');
  await fill(2, 'share', '800');
  await until(() => ((sc) => sc.people.length === 3 && sc.people[2].costs?.personal_share === 80000)(window.sc()));
  const pair = W().locator('.pairq');
  await pair.waitFor();
  const label = (await pair.locator('label').first().textContent()).trim();
  ok(/^(老伴是孩子|孩子是老伴)的什么人？$/.test(label), `the question names both members (${label})`);
  const sel = pair.locator('select').first();
  const [a, b] = label.startsWith('老伴') ? ['老伴', '孩子'] : ['孩子', '老伴'];
  await sel.selectOption(a === '老伴' ? 'parent' : 'child');
  await until(() => ((sc) => sc.relations?.length === 1)(window.sc()));
  eq((await scenario()).relations, [{ a, b, relation: a === '老伴' ? 'parent' : 'child' }], 'the stated relation is in the scenario');
  const r = core.evaluate(await scenario(), AS_OF);
  ok(!r.pairs.some((p) => p.reasons.some((x) => x.code === 'RELATION_UNKNOWN')), 'the engine no longer asks');
  ok(await pair.isVisible(), 'the answered question stays, so the answer can be changed');
  await fill(2, 'name', '小宝');
  await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('.pairq label').textContent.includes('小宝'));
  ok(true, 'the question follows a renamed member');
});

T('a total balance where only 历年 may be shared: the field asks for the split', async () => {
  await open();
  await fill(0, 'scheme', 'employee');
  await region(0, '310000');
  await fill(0, 'balance', '5000');
  await W().locator('.calc button.add').click();
  await fill(1, 'relation', 'parent');
  await fill(1, 'scheme', 'resident');
  await region(1, '310000');
  await fill(1, 'share', '2000');
  await until(() => ((sc) => sc.people[1]?.costs?.personal_share === 200000)(window.sc()));
  const r = core.evaluate(await scenario(), AS_OF);
  const acc = r.accounts.find((a) => a.id === '我');
  ok(acc?.prior_years_only, 'the engine says this account shares 历年 only');
  const note = row(0).locator('.fnote');
  await note.waitFor();
  eq(await note.textContent(), ZH['ui.f.split.needed'], 'the balance field asks for the split');
  ok((await row(0).locator('[data-f=balance]').getAttribute('aria-describedby')).includes(await note.getAttribute('id')), 'the note describes the field');
  await fill(0, 'prior', '3800');
  await until(() => ((sc) => sc.people[0].account?.prior_years === 380000 && sc.people[0].account.current_year === 120000)(window.sc()));
  eq(await row(0).locator('.fnote').count(), 0, 'with the split given (and the rest as 当年), the note goes');
  await fill(0, 'current', '2000');
  await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('[data-f=balance]').getAttribute('aria-invalid') === 'true');
  ok((await shown()).includes(ZH['ui.f.split.sum'].replace('{sum}', yuan(580000))), 'parts that do not add up are said at the balance');
});

T('prefill: a Scenario left in calcPrefill by the outcome page is where the calculator starts', async () => {
  await gotoWidget(page, embed());
  const pre = {
    as_of: '2026-03-01',
    people: [
      { id: 'me', name: '我', relation: 'self', insurance: { scheme: 'employee', region: '330100' } },
      { id: 'mum', name: '妈妈', relation: 'parent', age: 66, smartphone: false, insurance: { scheme: 'resident', region: '320581' } },
    ],
  };
  await W().evaluate((el, sc) => { el.calcPrefill = sc; el.setAttribute('mode', 'calculator'); }, pre);
  await W().locator('.recs li').first().waitFor();
  eq(await W().locator('fieldset.member').count(), 2, 'the two people');
  ok((await shown()).includes(ZH['ui.calc.prefill_note']), 'says where the values came from');
  eq(await row(1).locator('[data-f=city] option:checked').textContent(), '常熟市', 'a county code is kept as given');
  eq(await scenario(), {
    locale: 'zh-Hans',
    as_of: '2026-03-01',
    people: [
      { id: '我', relation: 'self', insurance: { scheme: 'employee', region: '330100' } },
      { id: '妈妈', relation: 'parent', age: 66, smartphone: false, insurance: { scheme: 'resident', region: '320581' } },
    ],
  }, 'the scenario is the prefill\'s (amounts still absent: unknown)');
  eq(await W().locator('button.exbtn').count(), 1, 'the example stays behind its button');
});

T('English marks Chinese terms lang="zh-Hans"; 12393 is a tel: link wherever it is shown', async () => {
  await open('&locale=en');
  await fill(0, 'scheme', 'employee');
  await fill(0, 'balance', '3000');
  await W().locator('.calc button.add').click();
  await fill(1, 'scheme', 'resident');
  await fill(1, 'share', '100');
  await W().locator('.person').nth(1).waitFor();
  await row(0).locator('details.split').evaluate((d) => { d.open = true; });
  const bad = await W().evaluate((el) => {
    const out = [];
    const walk = document.createTreeWalker(el.shadowRoot.querySelector('.main'), NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!/[\u4e00-\u9fff]/.test(n.data)) continue;
      const l = n.parentElement.closest('[lang]');
      if (!l || l.lang !== 'zh-Hans') out.push(n.data.slice(0, 40));
    }
    return out;
  });
  eq(bad, [], 'every Chinese text in the English calculator is marked zh-Hans');
  ok(await W().locator('span[lang=zh-Hans]', { hasText: '历年' }).count() >= 1, '历年 is marked');
  // An undecided result (a date before the rules) names the hotline: always as a link.
  await W().locator('input[data-f=as_of]').fill('2020-06-01');
  await W().locator('.receipt .rc', { hasText: '2020-06-01' }).waitFor();
  const plain = await W().evaluate((el) => {
    const out = [];
    const walk = document.createTreeWalker(el.shadowRoot.querySelector('.main'), NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.data.includes('12393') && !n.parentElement.closest('a[href="tel:12393"]')) out.push(n.data.slice(0, 60));
    return out;
  });
  eq(plain, [], '12393 is never plain text');
  ok(await W().locator('a[href="tel:12393"]').count() >= 2, 'the hotline links are there');
});

T('长辈模式 at 360×740: the main action stays within reach', async () => {
  await open('&elder=1');
  await W().locator('button.exbtn').click();
  await W().locator('.person').nth(1).waitFor();
  const go = W().locator('.go button[type=submit]');
  eq((await go.textContent()).trim(), ZH['ui.calc.go'], 'the main action');
  // Scrolled to the first member's fields, the action is on screen.
  await row(0).locator('[data-f=age]').scrollIntoViewIfNeeded();
  const box = await go.boundingBox();
  ok(box && box.y >= 0 && box.y + box.height <= 740 && box.height >= 60, `the action is on screen and ≥ 60 px tall (${JSON.stringify(box)})`);
  await go.click();
  eq(await W().evaluate((el) => el.shadowRoot.activeElement?.tagName), 'H2', 'the action takes focus to the results');
  await shot(page, 'calc-elder', 360, 740);
});

summary('calculator');
