// End-to-end tests of <yibao-family> in Debian's Chromium (playwright-core), served by
// scripts/serve.mjs under the strict CSP. One browser for the whole file; pages are reused.
// Closes with a line "E2E SUMMARY (widget): n checks passed …".
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  env, setup, summary, T, ok, eq, watch, newContext, catalog, ZH, ROOT, AS_OF, CSP, qview, findPaths, embed,
  gotoWidget, current, answerAll, deepFocus, urlState, painted, fenOf, shot, axeViolations, calcFill, pastStart,
  changeAnswer,
} from './lib.mjs';

let page, ctx, base, origin, core;
const requests = env.requests;
setup({ ready: () => ({ page, ctx, base, origin, core } = env) });

// ---- tests ------------------------------------------------------------------------------------
T('the demo host page works under the strict CSP: both widgets render', async () => {
  const res = await page.goto(base);
  eq(res.headers()['content-security-policy'], CSP, 'the server sends the strict CSP');
  ok(CSP.includes("script-src 'self' 'wasm-unsafe-eval'") && CSP.includes("style-src 'self'") && CSP.includes("default-src 'self'"), 'CSP is the strict one');
  await page.locator('#q section.start').waitFor();
  ok(await page.locator('#q section.start button.go').isVisible(), 'questionnaire shows its start page');
  await pastStart(page, '#q');
  eq(await page.locator('#q .qtext').textContent(), ZH['q.who.text'], 'questionnaire shows its first question');
  await page.locator('#c .people .person').first().waitFor();
  eq(await page.locator('#c .person').count(), 1, 'calculator starts with 我 alone, with its result');
  eq(await page.locator('#q .yf').getAttribute('lang'), 'zh-Hans', 'lang attribute from the locale');
  // The locale switcher and the elder toggle of the host page.
  await page.selectOption('#locale', 'en');
  await page.locator('#q .qtext', { hasText: 'Which family member' }).waitFor();
  eq(await page.locator('#q .yf').getAttribute('lang'), 'en', 'lang follows the locale');
  ok((await page.locator('#c h2').first().textContent()) === catalog('en')['ui.calc.title'], 'calculator in English');
  await page.selectOption('#locale', 'zh-Hant');
  await page.locator('#q .qtext', { hasText: catalog('zh-Hant')['q.who.text'] }).waitFor();
  await page.selectOption('#locale', 'zh-Hans');
  await page.locator('#q .qtext', { hasText: ZH['q.who.text'] }).waitFor();
  await page.check('#elder');
  const fs16 = await page.locator('#q .qtext').evaluate((el) => parseFloat(getComputedStyle(el.closest('.yf')).fontSize));
  ok(fs16 >= 20, `elder mode base font ≥ 20px (got ${fs16})`);
  const optH = await page.locator('#q label.opt').first().evaluate((el) => el.getBoundingClientRect().height);
  ok(optH >= 48, `elder mode options ≥ 48px tall (got ${optH})`);
  await shot(page, 'host-elder', 1280, 800);
  await page.uncheck('#elder');
  const normal = await page.locator('#q .qtext').evaluate((el) => parseFloat(getComputedStyle(el.closest('.yf')).fontSize));
  eq(normal, 18, 'normal mode base font is 18px (适老化: body text ≥ 18px; tests/e2e/a11y.test.mjs)');
  await shot(page, 'host', 1280, 800);
  await shot(page, 'host', 360, 740);
  await page.setViewportSize({ width: 1280, height: 800 });
  const files = [...requests].map((u) => new URL(u).pathname);
  ok(files.includes('/pkg/yibao_family_bg.wasm') && files.includes('/yibao-family.css'), 'widget files were loaded');
});

let paths;
T('questionnaire: a path to each of the four recommendations', async () => {
  paths = findPaths();
  for (const rec of ['family_account', 'gongji', 'both', 'neither']) {
    ok(paths[rec], `the core can reach ${rec}`);
    await gotoWidget(page, embed());
    await pastStart(page);
    if (rec === 'family_account') await shot(page, 'questionnaire', 360, 740), await shot(page, 'questionnaire', 1280, 800);
    eq(await page.locator('#w .prog-t').textContent(), ZH['ui.step'].replace('{n}', '1').replace('{m}', String(qview({}).total)), 'progress text on step 1');
    const asked = await answerAll(page, paths[rec].answers);
    eq(asked, paths[rec].steps, `asked the path's questions in order (${rec})`);
    await page.locator('#w .rtitle').waitFor();
    eq(await page.locator('#w .big .rec-v').getAttribute('data-rec'), rec, `result is ${rec}`);
    eq((await page.locator('#w .big .rec-v').textContent()).trim(), qview(paths[rec].answers).outcome.headline, 'the answer in the relative\'s words');
    const fsz = await page.locator('#w .big .rec-v').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    ok(fsz >= 24, `big words (${fsz}px)`);
    const st = await urlState(page);
    ok(/[#&]q=[\w-]+/.test(new URL(page.url()).hash), 'state is in the URL hash');
    ok(Object.keys(st).every((k) => ['locale', 'region', 'as_of', 'answers', 'at', 'ret'].includes(k)), 'the URL state has only plain fields');
    eq(st.answers, paths[rec].answers, 'the URL holds exactly the answers (option values, no amounts or identities)');
    const ev = await page.evaluate(() => window.__yf.at(-1));
    ok(ev && ev.summary.includes(ZH['ui.rec.' + rec]) && ev.recommendations[0].recommendation === rec, 'result event carries the summary');
    // The result page's fixed parts.
    ok(await page.locator('#w .myths li').count() === 5, 'misconceptions box');
    ok((await page.locator('#w .myths').textContent()).includes('冒名就医'), '冒名就医 explained');
    ok((await page.locator('#w .receipt .rc').textContent()).includes(AS_OF), 'receipt shows the as-of date');
    eq(await page.locator('#w .answers .ans').count(), asked.length, 'every answer listed');
    eq(await page.locator('#w .answers button[data-change]').count(), asked.length, 'a 修改 button per answer');
    if (paths[rec].conditional) ok(await page.locator('#w .big .cond').count() === 1, 'conditional shown');
    if (rec === 'both') await shot(page, 'result-both', 360, 740), await shot(page, 'result-both', 1280, 800);
  }
});

T('questionnaire: reload and share reopen the same place; Back keeps answers', async () => {
  await gotoWidget(page, embed());
  const a = paths.both.answers;
  await answerAll(page, a);
  await painted(page);
  const url = page.url();
  await page.reload();
  await page.locator('#w .rtitle').waitFor();
  eq(await page.locator('#w .big .rec-v').getAttribute('data-rec'), 'both', 'reload shows the same result');
  const p2 = watch(await ctx.newPage(), 'shared');
  await gotoWidget(p2, url);
  eq(await p2.locator('#w .big .rec-v').getAttribute('data-rec'), 'both', 'a shared link shows the same result');
  await p2.close();
  // Back from step 3 shows step 2 with its answer still chosen.
  await gotoWidget(page, embed());
  const first = paths.both.steps;
  for (const id of first.slice(0, 2)) {
    await page.locator('#w label.opt', { has: page.locator(`input[value="${a[id]}"]`) }).click();
    await page.locator('#w button[type=submit]').click();
  }
  eq(await current(page), first[2], 'on step 3');
  await page.locator('#w .nav button', { hasText: ZH['ui.back'] }).click();
  eq(await current(page), first[1], 'Back shows step 2');
  ok(await page.locator(`#w input[value="${a[first[1]]}"]`).isChecked(), 'with its answer still chosen');
  eq(await page.locator('#w .prog-t').textContent(), ZH['ui.step'].replace('{n}', '2').replace('{m}', String(qview(a).total)), 'progress says step 2');
  await page.locator('#w button[type=submit]').click();
  eq(await current(page), first[2], 'Next returns to step 3');
  // Next with nothing chosen asks for a choice.
  await page.locator('#w button[type=submit]').click();
  eq((await page.locator('#w .q .ferr').textContent()).trim(), ZH['ui.choose_one'], 'asks to choose an option');
  // Browser back goes one screen back.
  await painted(page);
  await page.goBack();
  eq(await current(page), first[1], 'browser Back goes one step back');
});

T('questionnaire on the host page: host anchors do not reset it', async () => {
  await gotoWidget(page, base, '#q');
  const a = paths.both.answers, ids = paths.both.steps;
  for (const id of ids.slice(0, 2)) {
    await page.locator('#q label.opt', { has: page.locator(`input[value="${a[id]}"]`) }).click();
    await page.locator('#q button[type=submit]').click();
  }
  eq(await current(page, '#q'), ids[2], 'on step 3');
  await page.locator('nav a').first().click(); // href="#content"
  await page.waitForTimeout(100);
  eq(await current(page, '#q'), ids[2], 'still on step 3 after an in-page link');
  await page.locator('#q button[type=submit]').click();
  eq((await page.locator('#q .q .ferr').textContent()).trim(), ZH['ui.choose_one'], 'and still working');
});

T('questionnaire: changing an earlier answer from the result page', async () => {
  // From "both" (cannot use a phone) to "gongji" (can): only the phone answer differs.
  const both = paths.both.answers;
  const changed = { ...both, phone: 'can' };
  const target = qview(changed).outcome.recommendation;
  ok(target !== 'both', 'changing the phone answer changes the recommendation');
  await gotoWidget(page, embed());
  await answerAll(page, both);
  await changeAnswer(page, 'phone');
  eq(await current(page), 'phone', 'jumps back to that question');
  ok(await page.locator('#w input[value="cannot"]').isChecked(), 'with the old answer chosen');
  ok(await page.locator('#w .nav button', { hasText: ZH['ui.back_to_result'] }).count() === 1, 'can return without changes');
  await page.locator('#w label.opt', { has: page.locator('input[value="can"]') }).click();
  await page.locator('#w button[type=submit]').click();
  await page.locator('#w .rtitle').waitFor();
  eq(await page.locator('#w .big .rec-v').getAttribute('data-rec'), target, `result updated to ${target}`);
  eq(await page.locator('#w .answers .ans').count(), paths.both.steps.length, 'the other answers were kept');
  const focused = await deepFocus(page);
  ok(focused.cls.includes('rtitle'), 'focus moved to the result heading');
  // 修改 then return without changes.
  await changeAnswer(page, 'who');
  await page.locator('#w .nav button', { hasText: ZH['ui.back_to_result'] }).click();
  eq(await page.locator('#w .big .rec-v').getAttribute('data-rec'), target, 'back at the same result');
});

T('questionnaire: keyboard only (Tab, Space, Enter)', async () => {
  await gotoWidget(page, embed());
  let steps = 0;
  for (; steps < 12; steps++) {
    if ((await current(page)) === 'result') break;
    let f;
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      f = await deepFocus(page);
      if (f?.type === 'radio') break;
    }
    eq(f?.type, 'radio', 'Tab reaches an option');
    await page.keyboard.press('Space');
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      f = await deepFocus(page);
      if (f?.type === 'submit') break;
    }
    eq(f?.type, 'submit', 'Tab reaches Next');
    await page.keyboard.press('Enter');
    f = await deepFocus(page);
    ok(f && (f.tag === 'h2'), 'focus moves to the new heading');
  }
  eq(await current(page), 'result', `result reached by keyboard in ${steps} steps`);
  const live = await page.locator('#w .sr[role=status]').textContent();
  ok(live.length > 0, 'live region announced');
  // Focus is visible.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const s = getComputedStyle(el);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });
  ok(outline, 'visible focus outline');
});

T('questionnaire in zh-Hant and en (catalogs loaded on demand)', async () => {
  for (const loc of ['zh-Hant', 'en']) {
    const cat = catalog(loc);
    await gotoWidget(page, embed(`&locale=${loc}`));
    await pastStart(page);
    await page.locator('#w .qtext', { hasText: cat['q.who.text'] }).waitFor();
    eq((await page.locator('#w button[type=submit]').textContent()).trim(), cat['ui.next'], `${loc}: ui strings`);
    await answerAll(page, paths.both.answers);
    eq((await page.locator('#w .big .rec-v').textContent()).trim(), qview(paths.both.answers, loc).outcome.headline, `${loc}: result`);
    eq(await page.locator('#w .yf').getAttribute('lang'), loc, `${loc}: lang attribute`);
  }
});

T('calculator: numbers equal the CLI for the same family; errors next to the field', async () => {
  await gotoWidget(page, embed('&mode=calculator'));
  const w = page.locator('#w');
  await w.locator('.people .person').first().waitFor();
  const row = (i) => w.locator('fieldset.member').nth(i);
  const fill = (i, f, v) => calcFill(page, i, f, v);
  // Row 0 is "me" (the calculator starts with 我 alone); then add three more.
  const fam = [
    { name: '我', age: '45', scheme: 'employee', region: '320500', phone: 'yes', prior: '5000', current: '1234.5', share: '300', premium: '' },
    { name: '妈妈', relation: 'parent', age: '70', scheme: 'resident', region: '320900', phone: 'no', share: '2500', premium: '380' },
    { name: '爸爸', relation: 'parent', age: '72', scheme: 'employee', status: 'suspended', region: '320500', phone: 'no', prior: '800', current: '0', share: '6000.50', premium: '' },
    { name: '儿子', relation: 'child', age: '10', scheme: 'resident', region: '320500', phone: '', share: '600', premium: '400' },
  ];
  for (let i = 0; i < fam.length; i++) {
    if (i >= 1) await w.locator('.calc > button.btn').click();
    for (const f of ['name', 'relation', 'age', 'scheme', 'status', 'region', 'phone', 'prior', 'current', 'share', 'premium']) {
      if (fam[i][f] === undefined) continue;
      if (f === 'relation' && i === 0) continue;
      await fill(i, f, fam[i][f]);
    }
  }
  await w.locator('.person[data-person="儿子"]').waitFor();
  await page.waitForTimeout(300);
  const scenario = {
    locale: 'zh-Hans',
    people: [
      { id: '我', relation: 'self', insurance: { scheme: 'employee', region: '320500' }, age: 45, smartphone: true, account: { prior_years: 500000, current_year: 123450 }, costs: { personal_share: 30000 } },
      { id: '妈妈', relation: 'parent', insurance: { scheme: 'resident', region: '320900' }, age: 70, smartphone: false, costs: { personal_share: 250000, premiums: [{ kind: 'resident', amount: 38000 }] } },
      { id: '爸爸', relation: 'parent', insurance: { scheme: 'employee', status: 'suspended', region: '320500' }, age: 72, smartphone: false, account: { prior_years: 80000, current_year: 0 }, costs: { personal_share: 600050 } },
      { id: '儿子', relation: 'child', insurance: { scheme: 'resident', region: '320500' }, age: 10, costs: { personal_share: 60000, premiums: [{ kind: 'resident', amount: 40000 }] } },
    ],
    as_of: AS_OF,
  };
  const built = await page.locator('#w').evaluate((el) => el.scenario);
  // An empty amount is left out (unknown, not 0): no `premiums` where the premium field is empty.
  eq(built, scenario, 'the calculator built exactly this scenario (yuan strings → integer fen)');
  const cliOut = runCli(scenario);
  const report = JSON.parse(cliOut);
  eq(report.as_of, AS_OF, 'CLI used the same date');
  for (const p of report.people) {
    const card = w.locator(`.person[data-person="${p.id}"]`);
    eq(await card.locator('.rec-v').getAttribute('data-rec'), p.recommendation, `${p.id}: same recommendation as the CLI`);
    eq(await card.locator('td[data-money=pooled]').count(), 0, `${p.id}: no pooled-fund line without itemised costs`);
    for (const k of ['cost', 'own_account', 'shared', 'cash', 'cash_without_gongji']) {
      const txt = await card.locator(`td[data-money=${k}]`).textContent();
      eq(fenOf(txt), p.money[k], `${p.id}: ${k} ${txt} = CLI ${p.money[k]} 分`);
    }
  }
  // Plan and chart.
  const planItems = await w.locator('.plan li').allTextContents();
  eq(planItems.length, report.plan.length, 'same number of bindings in the plan');
  report.plan.forEach((b, i) => ok(planItems[i].includes(b.from) && planItems[i].includes(b.to), `plan ${i + 1}: ${b.from} → ${b.to}`));
  // The chart's labels and amounts are HTML text (they wrap at 320px and keep the type size); the bars are shapes.
  const chartText = await w.locator('.chart .bars').textContent();
  ok(chartText.includes(fmt(report.totals.cash)) && chartText.includes(fmt(report.totals.cash_without_gongji)), 'chart labels show family cash with and without 共济');
  ok(await w.locator('.chart[aria-labelledby] figcaption').count() === 1, 'chart has a title and a caption');
  ok((await w.locator('.receipt .rc').textContent()).includes(report.receipt.rules_hash), 'receipt with the rules hash');
  await shot(page, 'calculator', 360, 740);
  await shot(page, 'calculator', 1280, 800);

  // An impossible age is refused next to that field, in words (not the engine's message, which
  // names the field's path for integrators), and the results give way to what to fix.
  await fill(1, 'age', '200');
  const age = row(1).locator('[data-f=age]');
  await page.waitForFunction(() => {
    const r = document.querySelector('#w').shadowRoot;
    return r.querySelectorAll('fieldset.member')[1].querySelector('[data-f=age]').getAttribute('aria-invalid') === 'true';
  });
  const desc = await age.getAttribute('aria-describedby');
  const errText = await w.locator(`[id="${desc.split(' ').pop()}"]`).textContent();
  const cliErr = runCli({ ...scenario, people: scenario.people.map((p, i) => (i === 1 ? { ...p, age: 200 } : p)) }, true);
  eq(errText, ZH['ui.err.age'].replace('{max}', '130'), 'the age limit in words next to the age field');
  ok(!errText.includes(cliErr.error.path), 'never the engine\'s path');
  ok(await w.locator('.out').evaluate((e) => e.hidden) && await w.locator('.out .person').count() === 0, 'no stale results left readable');
  // A money typo is caught before the engine, exactly.
  await fill(1, 'age', '70');
  await fill(2, 'share', '12.345');
  const share = row(2).locator('[data-f=share]');
  await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelectorAll('fieldset.member')[2].querySelector('[data-f=share]').getAttribute('aria-invalid') === 'true');
  eq(await w.locator(`[id="${(await share.getAttribute('aria-describedby')).split(' ').pop()}"]`).textContent(), ZH['ui.err.money'], 'money format error next to the field');
  await fill(2, 'share', '6000.50');
  await page.waitForFunction(() => !document.querySelector('#w').shadowRoot.querySelector('[aria-invalid]'));
  ok(true, 'errors clear when fixed');
  // Remove a member.
  await row(3).locator('button.rm').click();
  await page.waitForFunction(() => !document.querySelector('#w').shadowRoot.querySelector('.person[data-person="儿子"]'));
  ok(true, 'removing a member updates the results');
});

function fmt(fen) {
  return new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

function runCli(scenario, expectError = false) {
  const input = JSON.stringify(scenario);
  const bin = path.join(ROOT, 'target', 'debug', 'yibao');
  const [cmd, args] = process.env.YIBAO_CLI
    ? [process.env.YIBAO_CLI, ['evaluate', '-']]
    : ['cargo', ['run', '-q', '--bin', 'yibao', '--', 'evaluate', '-']];
  try {
    const out = execFileSync(cmd, args, { input, cwd: ROOT, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 300000 });
    assert.ok(!expectError, 'CLI accepted the scenario');
    return out;
  } catch (e) {
    if (!expectError || e.status !== 2) throw new Error(`CLI failed (${cmd}${fs.existsSync(bin) ? '' : ', no target/debug/yibao'}): ${e.stderr || e.message}`);
    return JSON.parse(e.stderr);
  }
}

T('hostile host CSS does not break the widget', async () => {
  await gotoWidget(page, `${base}__fixtures/hostile.html`);
  const w = page.locator('#w');
  const q = w.locator('.qtext');
  const st = await q.evaluate((el) => {
    const s = getComputedStyle(el);
    return { size: parseFloat(s.fontSize), color: s.color, transform: s.textTransform, spacing: s.letterSpacing };
  });
  ok(st.size >= 16, `question font-size ≥ 16px (got ${st.size})`);
  eq(st.color, 'rgb(26, 26, 26)', 'question text keeps its colour');
  eq(st.transform, 'none', 'no inherited text-transform');
  const opt = await w.locator('label.opt').first().evaluate((el) => ({ size: parseFloat(getComputedStyle(el).fontSize), h: el.getBoundingClientRect().height }));
  ok(opt.size >= 16 && opt.h >= 44, `options readable and tappable (${opt.size}px, ${opt.h}px tall)`);
  const host = await w.evaluate((el) => ({ h: el.getBoundingClientRect().height, vis: getComputedStyle(el).visibility, d: getComputedStyle(el).display }));
  ok(host.h > 300 && host.vis === 'visible' && host.d === 'block', `host box not collapsed (${JSON.stringify(host)})`);
  await answerAll(page, paths.gongji.answers);
  const rs = await w.locator('.big .rec-v').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  ok(rs >= 24, `result big words survive (${rs}px)`);
  await shot(page, 'hostile-result', 360, 740);
  await page.setViewportSize({ width: 1280, height: 800 });
});

T('embed.html reports its height to the parent and hands back the result', async () => {
  await page.goto(`${base}__fixtures/parent.html`);
  await page.waitForFunction(() => window.__heights?.length > 0 && Math.max(...window.__heights) > 300);
  const hs = await page.evaluate(() => window.__heights);
  ok(Math.max(...hs) > 300, `height posted (${hs.join(', ')})`);
  const frame = page.frameLocator('#f');
  await frame.locator('#w section.start button.go').click();
  await frame.locator('#w .qtext').waitFor();
  const fr = page.frames().find((f) => f.url().includes('embed.html'));
  for (const [id, v] of Object.entries(paths.neither.answers)) {
    if ((await fr.locator(`input[data-q="${id}"]`).count()) === 0) continue;
    await fr.locator('label.opt', { has: fr.locator(`input[value="${v}"]`) }).click();
    await fr.locator('button[type=submit]').click();
  }
  await fr.locator('#w .rtitle').waitFor();
  await page.waitForFunction(() => window.__results.length > 0);
  eq((await page.evaluate(() => window.__results.at(-1))).recommendations[0].recommendation, 'neither', 'result handed to the parent');
});

T('copy and print', async () => {
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await gotoWidget(page, embed());
  await answerAll(page, paths.both.answers);
  await page.locator('#w .actions button', { hasText: ZH['ui.copy'] }).click();
  await page.waitForFunction((t) => document.querySelector('#w').shadowRoot.querySelector('.sr[role=status]').textContent === t, ZH['ui.copied']);
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  const ev = await page.evaluate(() => window.__yf.at(-1));
  eq(clip, ev.summary, 'the summary was copied');
  ok(clip.includes(ZH['ui.rec.both']) && clip.includes(AS_OF), 'summary names the recommendation and the date');
  const docs = await page.locator('#w .ostep .checklist li').allTextContents();
  ok(docs.length > 0 && docs.every((d) => clip.includes(d.trim())), `summary lists the documents to bring (${docs.join(' | ')})`);
  await page.emulateMedia({ media: 'print' });
  ok(!(await page.locator('#w .actions').isVisible()), 'print hides the buttons');
  ok(await page.locator('#w .big .rec-v').isVisible(), 'print keeps the result');
  await page.emulateMedia({ media: 'screen' });
});

T('without WebAssembly and without the JS core a clear message is shown', async () => {
  const c = await newContext();
  await c.addInitScript(() => { delete globalThis.WebAssembly; });
  // The JS core (dist/pkg/fallback/, tests/e2e/fallback.test.mjs) unavailable too.
  await c.route('**/pkg/fallback/**', (r) => r.abort());
  const p = await c.newPage();
  const errs = [];
  p.on('pageerror', (e) => errs.push(e.message));
  for (const loc of ['zh-Hans', 'en']) {
    await p.goto(embed(`&locale=${loc}`));
    await p.locator('#w .fail').waitFor();
    eq((await p.locator('#w .fail').textContent()).trim(), catalog(loc)['ui.nowasm'], `${loc}: the ui.nowasm message`);
  }
  eq(errs, [], 'no uncaught errors');
  await p.close();
  await c.close();
  // The two messages kept in the JS (for when the catalogs cannot load) equal the catalogs.
  const js = fs.readFileSync(path.join(ROOT, 'www', 'yibao-family.js'), 'utf8');
  for (const loc of ['zh-Hans', 'zh-Hant', 'en']) {
    const cat = catalog(loc);
    ok(js.includes(JSON.stringify(cat['ui.nowasm']).slice(1, -1)) || js.includes(cat['ui.nowasm']), `${loc}: ui.nowasm kept in sync`);
    ok(js.includes(cat['ui.load_error']), `${loc}: ui.load_error kept in sync`);
  }
});

T('axe-core: no violations on questionnaire, result and calculator pages (normal and elder)', async () => {
  const c = await newContext({ bypassCSP: true });
  const p = watch(await c.newPage(), 'axe');
  const run = async (label) => eq(await axeViolations(p), [], `axe: ${label}`);
  // Inline links inside sentences are exempt (WCAG 2.5.8); every other control is ≥ 48px.
  const bigTargets = async (label) => {
    const small = await p.locator('#w').evaluate((w) => [...w.shadowRoot.querySelectorAll('button, summary, label.opt, input, select')]
      .map((el) => ({ t: (el.textContent || el.value || el.tagName).trim().slice(0, 20), h: Math.round(el.getBoundingClientRect().height) }))
      .filter((x) => x.h > 0 && x.h < 48));
    eq(small, [], `elder mode (${label}): every target at least 48px tall`);
  };
  for (const elder of ['', '&elder']) {
    await gotoWidget(p, embed(elder));
    await run(`questionnaire${elder}`);
    await answerAll(p, paths.both.answers);
    await p.locator('#w details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    await run(`result${elder}`);
    if (elder) await bigTargets('result');
    await gotoWidget(p, embed('&mode=calculator' + elder));
    await p.locator('#w .person').first().waitFor();
    await p.locator('#w details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    await run(`calculator${elder}`);
    if (elder) await bigTargets('calculator');
  }
  await gotoWidget(p, base, '#q');
  await p.locator('#c .person').first().waitFor();
  await run('demo host page');
  await p.close();
  await c.close();
});

T('a host page that preloads the questionnaire\'s core as the README shows: the element uses that download', async () => {
  // The fixture carries the README's lines, with the README's /yibao-family/ as the site's root.
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const lines = readme.match(/^<link rel="(?:module)?preload" href="\/yibao-family\/.*$/gm) ?? [];
  const fixture = fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/preload.html'), 'utf8');
  eq(lines.length, 3, 'the README shows three preload lines');
  for (const l of lines) ok(fixture.includes(l.replaceAll('/yibao-family/', '/')), `the fixture has the README's ${l}`);
  const c = await newContext();
  const p = watch(await c.newPage(), 'preload'); // an unused preload would be a console warning
  const wasm = [];
  p.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await gotoWidget(p, `${env.base}__fixtures/preload.html`);
  eq(await p.locator('#w .yf').getAttribute('data-core'), 'wasm', 'the element runs on the wasm');
  // Chromium warns about a preload left unused a few seconds after the load event.
  await p.waitForTimeout(4000);
  eq(wasm, ['/pkg/questionnaire/yibao_family_bg.wasm'], 'one download of the questionnaire\'s wasm: the preload, taken by the element');
  ok(!env.problems.some((x) => x.startsWith('preload:')), `no warning on that page (${env.problems.filter((x) => x.startsWith('preload:')).join('; ') || 'none'})`);
  await c.close();
});

T('each mode fetches only its half of the element (questionnaire.js, calculator.js); a failed fetch shows the load error', async () => {
  const c = await newContext();
  const p = watch(await c.newPage(), 'lazy');
  const got = [];
  p.on('request', (r) => got.push(new URL(r.url()).pathname.slice(1)));
  await gotoWidget(p, embed());
  await answerAll(p, { who: 'father', phone: 'cannot', my_scheme: 'employee_balance', their_scheme: 'resident', place: 'same_city', their_province: '320000', my_region: '320000', costs: 'yes' });
  const widget = (list) => list.filter((f) => /^(yibao-family\.|questionnaire\.js|calculator\.js|pkg\/)/.test(f)).sort();
  eq(widget(got), ['pkg/questionnaire/yibao_family_bg.wasm', 'questionnaire.js', 'yibao-family.css', 'yibao-family.js'], 'questionnaire: the element, its half, its styles and the questionnaire\'s build of the wasm (its glue is bundled)');
  // A questionnaire switched to the calculator (its 算一算金额) loads the whole core then.
  got.length = 0;
  await p.locator('#w').evaluate((e) => e.setAttribute('mode', 'calculator'));
  await p.locator('#w .people .person').first().waitFor();
  eq(widget(got), ['calculator.js', 'pkg/yibao_family.js', 'pkg/yibao_family_bg.wasm'], 'questionnaire → calculator: its half and the whole core');
  eq(await p.locator('#w .yf').getAttribute('data-core'), 'wasm', 'the switched element runs on the wasm');
  got.length = 0;
  await gotoWidget(p, embed('&mode=calculator'));
  await p.locator('#w .people .person').first().waitFor();
  eq(widget(got), ['calculator.js', 'pkg/yibao_family.js', 'pkg/yibao_family_bg.wasm', 'yibao-family.css', 'yibao-family.js'], 'calculator: the element, its half, its styles and the whole core (glue and wasm), not the questionnaire\'s');
  for (const [half, q] of [['calculator.js', '&mode=calculator&locale=en'], ['questionnaire.js', '&locale=en']]) {
    const p2 = await c.newPage();
    const errs = [];
    p2.on('pageerror', (e) => errs.push(e.message));
    await p2.route('**/' + half, (r) => r.abort());
    await p2.goto(embed(q));
    await p2.locator('#w .fail').waitFor();
    eq((await p2.locator('#w .fail').textContent()).trim(), catalog('en')['ui.load_error'], `failed ${half}: the load_error message`);
    eq(errs, [], `failed ${half}: no uncaught errors`);
    await p2.close();
  }
  await c.close();
});

T('the pages loaded their files from the origin only', async () => {
  ok(requests.size > 10, `${requests.size} requests, all same-origin`);
});

summary('widget');
