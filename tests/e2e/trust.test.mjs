// Answers a citizen can trust (issue 10), in Debian's Chromium under the strict CSP:
// - the page's clock moved past the rules' review date (2027-01-15) and past the look-ahead
//   (2028-09-01): the Suzhou daughter helping her mother without a smartphone, walked through the
//   questionnaire by clicking, gets a recommendation or 无法判断, never 都不需要 because of the date,
//   and the review notice as one line at the top of the result;
// - an undecided person reads 无法判断 with the 12393 hotline as a tel: link;
// - the page links citizens only to official hosts (gov.cn), whatever a report says;
// - a hand-made report with every new field of the contract renders as it should (the page infers
//   nothing from the report that it did not say).
// Closes with a line "E2E SUMMARY (trust): n checks passed …".
import fs from 'node:fs';
import path from 'node:path';
import {
  env, setup, summary, T, ok, eq, watch, newContext, catalog, ZH, ROOT, REGION, gotoWidget, answerAll, shot, calcExample, calcFill,
} from './lib.mjs';

let page, core;
setup({ label: 'trust', ready: () => ({ page, core } = env) });

const EN = catalog('en');
// The Suzhou daughter (the host page's region is Suzhou, 320500): her mother, 68, has no
// smartphone and resident insurance in the same city; the daughter has employee insurance with a
// balance; the mother has medical costs. (costs: "unknown" is tried too.)
const DAUGHTER = { who: 'mother', phone: 'cannot', my_scheme: 'employee_balance', their_scheme: 'resident', place: 'same_city', costs: 'yes' };
const RECS = ['family_account', 'gongji', 'both', 'undecided'];

// The page's officialUrl(), as shipped in www/yibao-family.js, evaluated on its own.
function officialUrlFn() {
  const src = fs.readFileSync(path.join(ROOT, 'www', 'yibao-family.js'), 'utf8');
  const m = /\nfunction officialUrl\(u\) \{\n[\s\S]*?\n\}\n/.exec(src);
  ok(m, 'officialUrl() found in www/yibao-family.js');
  return new Function(`${m[0]}; return officialUrl;`)();
}

/** Every link in the widget's shadow tree: its href. */
const linksOf = (p, sel = '#w') => p.locator(sel).evaluate((w) => [...w.shadowRoot.querySelectorAll('a[href]')].map((a) => a.href));
/** tel:12393, or an https?:// URL on gov.cn or under .gov.cn, nothing else. */
function assertOfficialLinks(hrefs, what) {
  for (const u of hrefs) {
    if (u === 'tel:12393') { env.checks++; continue; }
    const x = new URL(u);
    ok(/^https?:$/.test(x.protocol) && (x.hostname === 'gov.cn' || x.hostname.endsWith('.gov.cn')) && !x.username, `${what}: ${u} is on an official host`);
  }
}

/** A page whose clock reads `when` (Beijing time): a fresh context with Playwright's clock. */
async function pageAt(when, label) {
  const c = await newContext({ viewport: { width: 360, height: 740 } });
  await c.clock.setFixedTime(new Date(when));
  const p = watch(await c.newPage(), label);
  return { c, p };
}

/** The questionnaire in embed.html with no as-of (the page's own today), walked by clicking. */
async function daughterAt(when, label, answers = DAUGHTER) {
  const { c, p } = await pageAt(when, label);
  await gotoWidget(p, `${env.base}embed.html?region=${REGION}`);
  ok(await p.evaluate(() => new Date().getFullYear()) === new Date(when).getFullYear(), `${label}: the page's clock reads ${when}`);
  await answerAll(p, answers);
  await p.locator('#w .rtitle').waitFor();
  return { c, p };
}

async function checkResult(p, label, day) {
  const rec = await p.locator('#w .big .rec-v').getAttribute('data-rec');
  ok(RECS.includes(rec), `${label}: the headline is a recommendation or 无法判断 (got ${rec})`);
  ok(rec !== 'neither', `${label}: never 都不需要 because of the date`);
  const head = (await p.locator('#w .big .rec-v').textContent()).trim();
  ok(head !== ZH['ui.rec.neither'], `${label}: the headline does not read 都不需要`);
  ok(head.startsWith('为') && head.includes('：'), `${label}: the headline in words, for the relative: ${head}`);
  ok((await p.locator('#w .receipt .rc').textContent()).includes(day), `${label}: the receipt is for ${day}`);
  // The review notice: the engine's own line, visible, near the top (before the person's card,
  // within the first screen at 360×740), not in a box further down.
  const review = p.locator('#w .result > .review');
  eq(await review.count(), 1, `${label}: one review line`);
  ok(await review.isVisible(), `${label}: the review line is visible`);
  const text = (await review.textContent()).trim();
  ok(text.length > 0 && text.length <= 120, `${label}: the review line is one short line (${text.length} chars): ${text}`);
  const [rb, pb] = [await review.boundingBox(), await p.locator('#w .big').boundingBox()];
  ok(rb.y < pb.y && rb.y < 740, `${label}: the review line is above the headline's card and on the first screen (y=${Math.round(rb.y)})`);
  const ev = await p.evaluate(() => window.__yf.at(-1));
  ok(ev.summary.includes(text), `${label}: the copied summary carries the review line`);
  ok(ev.as_of === day, `${label}: the result event is for ${day}`);
  assertOfficialLinks(await linksOf(p), label);
  return { rec, text };
}

// ---- the page's officialUrl() --------------------------------------------------------------------
T('officialUrl(): http(s) on gov.cn or *.gov.cn only', () => {
  const f = officialUrlFn();
  for (const u of ['https://www.nhsa.gov.cn/art/2026/1/9/art_1.html', 'http://ylbzj.sc.gov.cn/x.shtml', 'https://gov.cn/', 'HTTPS://YBJ.JIANGSU.GOV.CN/a']) {
    ok(f(u) === new URL(u).href, `${u} is linked`);
  }
  for (const u of ['https://gov.cn.evil.com/', 'https://evilgov.cn/', 'https://www.gov.cn@evil.com/', 'https://user:pw@www.gov.cn/', 'https://evil.com/?u=www.gov.cn',
    'https://evil.com/www.gov.cn', 'ftp://www.gov.cn/', 'javascript:alert(1)//.gov.cn', 'data:text/html,gov.cn', '//www.gov.cn/', 'www.gov.cn', '', null, undefined, 42,
    'http://www.cyqtvpt.cn/xinwenzixun/shebaojiaona/916.html', 'https://reportify.ai/news/1', 'https://www.wuhan.gov.cn.example.com/']) {
    eq(f(u), null, `${String(u)} is not linked`);
  }
});

// ---- a hand-made report through the page's render functions -------------------------------------
T('a hand-made report: review line, 无法判断 with tel:12393, conditional money and bindings, unverified_used, official links only', async () => {
  await gotoWidget(page, `${env.base}embed.html?mode=calculator&region=${REGION}&as-of=2026-03-01`);
  await page.locator('#w .people .person').first().waitFor();
  await calcExample(page);
  // A real report of the engine, then every field of issue 10's contract set by hand.
  const sc = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'scenarios', '001_suzhou_mum_2026_both.json'), 'utf8')).input;
  const r = core.evaluate(sc, '2026-03-01');
  ok(!r.error && r.people.length === 2, 'the engine evaluated the scenario');
  const REVIEW = '规则最后核对于 2026-12-06，此后的变化未计入，办理前请向当地医保部门确认。';
  r.review = { reviewed_on: '2026-12-06', certain_until: '2028-06-06', status: 'past_review', text: REVIEW };
  r.receipt.coverage = { from: '2021-04-22', reviewed_on: '2026-12-06', certain_until: '2028-06-06' };
  r.unverified_used = false;
  const mum = r.people.find((p) => p.id === 'mum'), me = r.people.find((p) => p.id === 'me');
  mum.recommendation = 'undecided';
  mum.conditional = true;
  mum.why = [{ code: 'UNDECIDED', text: '无法确定 TA 的参保地，请确认 TA 在哪里参保。', source: '', verified: true }];
  mum.money.conditional = 120000;
  me.costs_known = false;
  r.plan = [{ from: 'me', to: 'mum', kind: 'gongji', conditional: true }, { from: 'me', to: 'mum', kind: 'family_account', conditional: false }];
  // Sources: one official, the rest must be cited as text only (including what a report should
  // never carry: a spoofed host, a script URL, user info).
  r.sources = [
    { id: 'S40', issuer: '国家医疗保障局', title: '官方页面', date: '2026-01-09', url: 'https://www.nhsa.gov.cn/art/2026/1/9/art_1.html', verified: true },
    { id: 'S6', issuer: '新华社', title: '再扩围！医保个人账户跨省共济提速', date: '2026-01-09', url: 'http://m.kxmahua.com/articles/2026-01-09/4213155.html', verified: true },
    { id: 'S90', issuer: '伪装站点', title: '假冒', date: '2026', url: 'https://www.nhsa.gov.cn.example.com/', verified: false },
    { id: 'S91', issuer: '伪装站点', title: '用户名', date: '2026', url: 'https://www.gov.cn@example.com/', verified: false },
    { id: 'S92', issuer: '脚本', title: '脚本链接', date: '2026', url: 'javascript:alert(1)', verified: false },
    { id: 'S93', issuer: '无链接', title: '文号', date: '2026', url: null, verified: true },
  ];
  // A verified:false somewhere must not, by itself, show the unverified line: unverified_used says.
  r.steps.push({ rule: 'x', text: 'x', value: 0, source: '', verified: false });
  await page.locator('#w').evaluate((w, rep) => w.showCalc(rep), r);
  const out = page.locator('#w .out');
  // The review line is the first thing in the result.
  eq((await out.locator(':scope > *').first().getAttribute('class')), 'review', 'the review line comes first in the result');
  eq((await out.locator('.review').textContent()).trim(), REVIEW, 'the review text as the engine gave it');
  // 无法判断 with the hotline.
  const card = out.locator('.person[data-person="mum"]');
  eq((await card.locator('.rec-v').textContent()).trim(), ZH['ui.rec.undecided'], 'the headline reads 无法判断');
  eq(ZH['ui.rec.undecided'], '无法判断', 'the catalog says 无法判断');
  eq((await card.locator('.rec-l').textContent()).trim(), ZH['ui.result.title'], 'labelled as a result, not as advice');
  const tel = card.locator('.hint a[href="tel:12393"]');
  eq(await tel.count(), 1, 'the hint carries a tel:12393 link');
  eq((await tel.textContent()).trim(), '12393', 'the link reads 12393');
  eq((await card.locator('.hint').textContent()).trim(), ZH['ui.hint.undecided'].replace('{tel}', '12393'), 'the hint says what to check and whom to call');
  ok((await card.locator('.reasons').first().textContent()).includes('请确认 TA 在哪里参保'), 'the why list carries what to check');
  eq(await out.locator('.recs .rec-undecided').count(), 1, 'the summary list marks the undecided person');
  const color = await card.locator('.rec-v').evaluate((el) => getComputedStyle(el).color);
  ok(color !== 'rgba(0, 0, 0, 0)', `the undecided headline has a colour (${color})`);
  // Conditional money, in words.
  eq((await card.locator('.cond-m').textContent()).trim(), ZH['ui.money.conditional'].replace('{amount}', '¥1,200.00'), 'money.conditional in words');
  eq(await out.locator('.person[data-person="me"] .cond-m').count(), 0, 'no conditional line where there is none');
  // Conditional bindings.
  const plan = out.locator('.plan li');
  eq(await plan.count(), 2, 'two bindings');
  eq(await plan.nth(0).getAttribute('data-conditional'), 'true', 'the first binding is marked conditional');
  ok((await plan.nth(0).textContent()).includes(ZH['ui.plan.conditional']), 'in words');
  ok(!(await plan.nth(1).textContent()).includes(ZH['ui.plan.conditional']), 'the second is not');
  // unverified_used: false → no unverified line, although a verified:false is in the report.
  eq(await out.locator('.receipt .unv-l').count(), 0, 'no unverified line when unverified_used is false');
  // The coverage line: last checked, no end date.
  eq((await out.locator('.receipt .cov').textContent()).trim(), ZH['ui.coverage'].replace('{from}', '2021-04-22').replace('{reviewed_on}', '2026-12-06'), 'coverage: from, last checked');
  // Links: the official source only (and the hotline).
  const links = await linksOf(page);
  eq(links.filter((u) => !u.startsWith('tel:')), ['https://www.nhsa.gov.cn/art/2026/1/9/art_1.html'], 'only the official source is linked');
  assertOfficialLinks(links, 'hand-made report');
  const items = await out.locator('.sources li').allTextContents();
  eq(items.length, 6, 'every source is cited');
  ok(items[1].includes('新华社') && items[1].includes('再扩围') && items[1].includes('2026-01-09') && !items[1].includes('kxmahua'), 'an unofficial source is cited as issuer, title and date, with no link and no address');
  ok(items.slice(2, 5).every((s) => !/example\.com|javascript/.test(s)), 'spoofed and script URLs appear nowhere');
  // The copied summary: the review line, the 无法判断 line with the hotline.
  const ev = await page.evaluate(() => window.__yf.at(-1));
  ok(ev.summary.split('\n')[1] === REVIEW, 'the summary carries the review line at the top');
  ok(ev.summary.includes(`${ZH['ui.result.title']}${ZH['ui.sep']}${ZH['ui.rec.undecided']}`) && ev.summary.includes('12393'), 'the summary says 无法判断 and gives the hotline');
  // unverified_used: true → the line.
  r.unverified_used = true;
  await page.locator('#w').evaluate((w, rep) => w.showCalc(rep), r);
  eq(await out.locator('.receipt .unv-l').count(), 1, 'the unverified line when unverified_used is true');
  // status current → no review line (and none when the report has no review at all).
  r.review = { ...r.review, status: 'current', text: '' };
  await page.locator('#w').evaluate((w, rep) => w.showCalc(rep), r);
  eq(await out.locator('.review').count(), 0, 'no review line while the rules are current');
  await shot(page, 'trust-handmade', 360, 740);
  // English: the same in English words.
  await page.locator('#w').evaluate((w) => w.setAttribute('locale', 'en'));
  await page.locator('#w .calc h2', { hasText: EN['ui.calc.title'] }).waitFor();
  r.review = { ...r.review, status: 'past_review', text: 'Rules last checked on 2026-12-06.' };
  await page.locator('#w').evaluate((w, rep) => w.showCalc(rep), r);
  eq((await card.locator('.rec-v').textContent()).trim(), EN['ui.rec.undecided'], 'Cannot tell yet');
  eq((await card.locator('.hint').textContent()).trim(), EN['ui.hint.undecided'].replace('{tel}', '12393'), 'the English hint with the hotline');
});

// ---- the page's clock past the review date and past the look-ahead ---------------------------------
T('clock at 2027-01-15 (past the review date): the Suzhou daughter gets a recommendation and the review line', async () => {
  for (const [answers, label] of [[DAUGHTER, '2027, costs yes'], [{ ...DAUGHTER, costs: 'unknown' }, '2027, costs unknown']]) {
    const { c, p } = await daughterAt('2027-01-15T10:00:00+08:00', label, answers);
    const { rec } = await checkResult(p, label, '2027-01-15');
    eq(await p.locator('#w .result > .review').getAttribute('data-review'), 'past_review', `${label}: the notice is the review notice`);
    if (rec === 'undecided') eq(await p.locator('#w .big .hint a[href="tel:12393"]').count(), 1, `${label}: 无法判断 with the hotline`);
    if (label === '2027, costs yes') await shot(p, 'trust-2027', 360, 740);
    await c.close();
  }
});

T('clock at 2028-09-01 (past the look-ahead): still a recommendation or 无法判断, marked conditional', async () => {
  const label = '2028';
  const { c, p } = await daughterAt('2028-09-01T10:00:00+08:00', label);
  const { rec } = await checkResult(p, label, '2028-09-01');
  eq(await p.locator('#w .result > .review').getAttribute('data-review'), 'beyond_lookahead', `${label}: the notice is the look-ahead notice`);
  if (rec === 'undecided') eq(await p.locator('#w .big .hint a[href="tel:12393"]').count(), 1, `${label}: 无法判断 with the hotline`);
  else {
    eq(await p.locator('#w .big .cond').count(), 1, `${label}: the recommendation is marked conditional`);
    ok(await p.locator('#w .big .cond').isVisible(), `${label}: visibly`);
  }
  const ev = await p.evaluate(() => window.__yf.at(-1));
  ok(ev.recommendations[0].recommendation === 'undecided' || ev.recommendations[0].conditional === true, `${label}: the result event says so too`);
  await shot(p, 'trust-2028', 360, 740);
  await c.close();
});

// ---- the calculator: any date from 2021-04-22 on; an undecided family ----------------------------------
T('calculator: dates after 2026 are accepted; a refused date and unknown facts read 无法判断 with tel:12393', async () => {
  const { c, p } = await pageAt('2027-01-15T10:00:00+08:00', 'calc-2027');
  await gotoWidget(p, `${env.base}embed.html?mode=calculator&region=${REGION}`);
  await p.locator('#w .people .person').first().waitFor();
  await calcExample(p); // 我 and the example 妈妈
  const asof = p.locator('#w input[data-f=as_of]');
  eq(await asof.inputValue(), '2027-01-15', 'the date field starts at the page\'s today');
  eq(await asof.getAttribute('max'), null, 'no upper bound on the date');
  eq(await asof.getAttribute('min'), '2021-04-22', 'the lower bound is the first date the rules answer for');
  for (const day of ['2027-01-15', '2028-09-01', '2031-02-28']) {
    await asof.fill(day);
    await p.locator('#w .receipt .rc', { hasText: day }).waitFor();
    eq(await p.locator('#w .out[hidden]').count(), 0, `${day}: a result, not an error`);
    eq(await p.locator('#w .ferr:not([hidden]):not(:empty)').count(), 0, `${day}: no field error`);
    // The example mother (68, no smartphone, resident insurance in Suzhou, costs given).
    const mum = await p.locator('#w .person').nth(1).locator('.rec-v').getAttribute('data-rec');
    ok(RECS.includes(mum), `${day}: the mother gets a recommendation or 无法判断, not 都不需要 because of the date (got ${mum})`);
    eq(await p.locator('#w .out > .review').count(), 1, `${day}: the review line`);
  }
  // A date before the rules' first (typed: the field's min does not stop typing): the engine
  // refuses it, and nobody is told 都不需要.
  await asof.fill('2020-06-01');
  await p.locator('#w .receipt .rc', { hasText: '2020-06-01' }).waitFor();
  const refused = await p.locator('#w .person .rec-v').evaluateAll((els) => els.map((e) => e.dataset.rec));
  ok(refused.length === 2 && refused.every((x) => x === 'undecided'), `a refused date: everyone 无法判断 (got ${refused})`);
  eq(await p.locator('#w .person .hint a[href="tel:12393"]').count(), 2, 'each with the hotline as a tel: link');
  assertOfficialLinks(await linksOf(p), 'calculator, refused date');
  // A relative whose facts are all unknown (scheme, region, phone, age, costs).
  await asof.fill('2027-01-15');
  await p.locator('#w .receipt .rc', { hasText: '2027-01-15' }).waitFor();
  const row = p.locator('#w .member').nth(1);
  await row.locator('[data-f=scheme]').selectOption('unknown');
  await calcFill(p, 1, 'region', '');
  await row.locator('[data-f=phone]').selectOption('');
  await row.locator('[data-f=age]').fill('');
  await row.locator('[data-f=share]').fill('');
  await row.locator('[data-f=premium]').fill('');
  await calcFill(p, 1, 'balance', '');
  await calcFill(p, 1, 'prior', '');
  await calcFill(p, 1, 'current', '');
  const them = p.locator('#w .person').nth(1);
  await them.locator('.rec-v').waitFor();
  const sent = (await p.locator('#w').evaluate((el) => el.scenario)).people[1];
  ok(!('costs' in sent) && !('age' in sent) && !('smartphone' in sent) && !('region' in sent.insurance) && sent.insurance.scheme === 'unknown', `empty fields are sent as unknown, not as 0 (${JSON.stringify(sent)})`);
  const rec = await them.locator('.rec-v').getAttribute('data-rec');
  ok(rec !== 'neither', `unknown facts: never 都不需要 (got ${rec})`);
  if (rec === 'undecided') {
    eq((await them.locator('.rec-v').textContent()).trim(), ZH['ui.rec.undecided'], 'unknown facts: 无法判断');
    eq(await them.locator('.hint a[href="tel:12393"]').count(), 1, 'with the hotline');
  } else ok(await them.locator('.cond').count() === 1, `unknown facts: a conditional ${rec}`);
  await shot(p, 'trust-calc-unknown', 360, 740);
  await c.close();
});

summary('trust');
