// The questionnaire as a new user walks it on a 360×740 phone (issue 12): the start page, one
// question per screen with Next always reachable (normal and 长辈模式), and the outcome — the answer
// in the relative's words, 先做这一步 with its documents on the first screen (Chinese), the whole
// outcome within 4 screens (Chinese) / 5 (English) with its details collapsed, no CJK–space–CJK,
// no age, name or amount the user did not give, every 不清楚 path ending in "请确认…" with the
// hotline as a tel: link, the calculator one tap away, another relative without starting over, the
// browser's Back keeping the answer, Chinese terms marked with lang on English pages, no print
// button in a mini-program web-view, and an iframe that never scrolls a new question under the
// host's fixed header. Screenshots of every outcome: target/screenshots/.
// Closes with "E2E SUMMARY (outcome): n checks passed …".
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  env, setup, summary, T, ok, eq, watch, newContext, catalog, ROOT, AS_OF, REGION,
  qview, embed, current, answerAll, urlState, painted, choose, pastStart,
} from './lib.mjs';

setup({ label: 'outcome' });

const SHOTS = path.join(ROOT, 'target', 'screenshots');
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const H = 740;

// The families walked: a Suzhou daughter for her mother with no smartphone; a spouse whose phone use
// is not known; a child under 16; a relative in another province; someone who knows nothing; and a
// user with resident insurance (the family account only).
const FAMILIES = {
  mother: { who: 'mother', phone: 'cannot', my_scheme: 'employee_balance', their_scheme: 'resident', place: 'same_city', costs: 'yes' },
  spouse_unsure: { who: 'spouse', phone: 'unknown', my_scheme: 'employee_balance', their_scheme: 'employee', place: 'same_province', costs: 'unknown' },
  child: { who: 'child', phone: 'under16', my_scheme: 'employee_balance', their_scheme: 'resident', place: 'same_city', costs: 'yes' },
  other_province: { who: 'father', phone: 'can', my_scheme: 'employee_balance', their_scheme: 'resident', place: 'other_province', their_province: '420000', costs: 'yes' },
  not_sure: { who: 'unknown', phone: 'unknown', my_scheme: 'unknown', their_scheme: 'unknown', place: 'unknown', their_province: 'unknown', costs: 'unknown' },
  resident: { who: 'grandparent', phone: 'cannot', my_scheme: 'resident', their_scheme: 'resident' },
};

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
const CJK_SPACE_CJK = new RegExp(`[${CJK}] [${CJK}]`);

async function phone(opts = {}) {
  const c = await newContext({ ...PHONE, ...opts });
  const p = watch(await c.newPage(), 'outcome');
  return { c, p };
}
const url = (locale, elder, extra = '') => embed(`&locale=${locale}${elder ? '&elder=1' : ''}${extra}`);
const W = (p) => p.locator('#w');

/** The outcome's geometry and text, measured in the page (scrolled to the top). */
async function measure(p) {
  await p.evaluate(() => window.scrollTo(0, 0));
  return W(p).evaluate((host) => {
    const root = host.shadowRoot;
    const r = (el) => (el ? el.getBoundingClientRect() : null);
    const sec = root.querySelector('section.outcome');
    const step = root.querySelector('.ostep');
    const lastDoc = step ? [...step.querySelectorAll('.odocs li, .path > li')].at(-1) : null;
    const text = (sel) => [...root.querySelectorAll(sel)].map((e) => e.textContent).join('\n');
    // Text nodes with Chinese in them, and the language they are marked with.
    const marks = [];
    const walker = document.createTreeWalker(sec, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (/[\u3400-\u9fff]/.test(n.data) && n.parentElement.closest('details:not([open])') == null) marks.push(n.parentElement.closest('[lang]')?.getAttribute('lang') || '');
    }
    return {
      title: r(root.querySelector('.rtitle'))?.top,
      titleText: root.querySelector('.rtitle')?.textContent,
      stepBottom: lastDoc ? r(lastDoc).bottom : null,
      top: r(sec).top,
      height: r(sec).height,
      openDetails: root.querySelectorAll('section.outcome details[open]').length,
      checksShown: !!root.querySelector('.checks') && root.querySelector('.checks').closest('details') == null,
      tel: !!root.querySelector('.outcome a[href="tel:12393"]'),
      calc: !!root.querySelector('.calc-go'),
      print: [...root.querySelectorAll('.actions button')].some((b) => b.textContent === host.ui?.['ui.print']),
      // What a citizen reads of the answer (not the receipt line, the notes or the sources).
      essentials: text('.person.big, .ostep .otitle, .ostep .app, .ostep .menu, .ostep .checklist, .omoney p, .checks li'),
      all: sec.textContent,
      marks,
    };
  });
}

/** Walks `answers` by clicking, checking in each question that Next is on screen. */
async function walk(p, answers, label) {
  const asked = [];
  for (let i = 0; i < 12; i++) {
    const q = await current(p);
    if (q === 'result') return asked;
    asked.push(q);
    await choose(p, answers[q]);
    const next = W(p).locator('form.q button[type=submit]');
    const box = await next.boundingBox();
    ok(box && box.y >= 0 && box.y + box.height <= H + 0.5, `${label}: Next on screen on ${q} (${box && Math.round(box.y + box.height)} px of ${H})`);
    await next.click();
    await W(p).locator(`[name=a][data-q="${q}"]`).first().waitFor({ state: 'detached' }).catch(() => {});
  }
  throw new Error('did not finish');
}

T('start page: 开始, what the tool does, what you will need, nothing leaves the phone, the comparison table', async () => {
  for (const locale of ['zh-Hans', 'en']) {
    const cat = catalog(locale);
    const { c, p } = await phone();
    await p.goto(url(locale, false));
    const start = W(p).locator('section.start');
    await start.waitFor();
    const go = start.locator('button.go');
    eq((await go.textContent()).trim(), cat['ui.start.go'], `${locale}: the start button`);
    const box = await go.boundingBox();
    ok(box.y + box.height <= H, `${locale}: 开始 on the first screen (${Math.round(box.y + box.height)})`);
    const text = await start.textContent();
    for (const k of ['ui.start.need.scheme', 'ui.start.need.balance', 'ui.start.private', 'ui.cmp.what.fa', 'ui.cmp.where.gongji']) ok(text.includes(cat[k].replace(/\s+/g, ' ').slice(0, 12)), `${locale}: ${k} shown`);
    ok(cat['ui.start.need.balance'].includes(locale === 'en' ? 'National Healthcare Security Service Platform app' : '国家医保服务平台 APP'), 'how to look the balance up');
    eq(await start.locator('table.cmp th[scope=row]').count(), 4, `${locale}: the comparison table's four rows`);
    await go.click();
    eq(await current(p), 'who', `${locale}: 开始 leads to the first question`);
    await c.close();
  }
});

for (const locale of ['zh-Hans', 'zh-Hant', 'en']) {
  for (const elder of [false, true]) {
    const mode = elder ? 'elder' : 'normal';
    T(`${locale} ${mode}: every outcome at 360×740 — essentials first, short, no invented facts`, async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      const zh = locale !== 'en';
      for (const [name, answers] of Object.entries(FAMILIES)) {
        const label = `${locale}/${mode}/${name}`;
        const { c, p } = await phone();
        await p.goto(url(locale, elder));
        await walk(p, answers, label);
        await W(p).locator('section.outcome').waitFor();
        const v = qview(answers, locale);
        const o = v.outcome;
        const m = await measure(p);
        await p.screenshot({ path: path.join(SHOTS, `outcome-${locale}-${mode}-${name}-360x740.png`), fullPage: true });
        eq(m.titleText.trim(), o.headline, `${label}: the headline is the core's`);
        // Normal mode, Chinese: the answer, the first step and its documents on the first screen.
        if (zh && !elder && o.steps.length) ok(m.stepBottom <= H, `${label}: answer + first step + documents on the first screen (${Math.round(m.stepBottom)} px)`);
        if (!elder) {
          const screens = m.height / H;
          ok(screens <= (zh ? 4 : 5), `${label}: the outcome is ${screens.toFixed(2)} screens (≤ ${zh ? 4 : 5})`);
        }
        eq(m.openDetails, 0, `${label}: details collapsed`);
        if (zh) ok(!CJK_SPACE_CJK.test(m.all), `${label}: no CJK–space–CJK: ${m.all.match(CJK_SPACE_CJK)?.[0]}`);
        // No age, no amount: the essentials carry no number but the hotline's (and the document age
        // in a document group's title).
        const numbers = m.essentials.replace(/12393/g, '').match(/\d+/g) || [];
        ok(numbers.every((n) => n === '16'), `${label}: no number the user did not give: ${numbers}`);
        ok(!/岁|歲|years old|元|¥/.test(m.essentials.replace(/周岁|週歲/g, '')), `${label}: no age or amount`);
        for (const glue of [' 我 ', ' 家人 ', '关于：', '關於：']) ok(!m.all.includes(glue), `${label}: no placeholder glue "${glue}"`);
        // Undecided or conditional: the conditions are shown, with the hotline as a tel: link.
        if (o.recommendation === 'undecided' || o.conditional) {
          ok(m.checksShown, `${label}: what to check is shown, not collapsed`);
          ok(m.tel, `${label}: 12393 is a tel: link`);
        }
        // The money: one sentence, and the calculator wherever sharing may pay.
        eq(m.calc, o.money.calculator, `${label}: the calculator button`);
        // English: every Chinese term is marked as Chinese.
        if (!zh) ok(m.marks.every((l) => l.startsWith('zh')), `${label}: Chinese terms marked with lang (${m.marks.filter((l) => !l.startsWith('zh')).length} unmarked)`);
        await c.close();
      }
    });
  }
}

T('elder mode: Next is on screen on every question, the province lists included', async () => {
  for (const locale of ['zh-Hans', 'en']) {
    const { c, p } = await phone();
    // Without the host's region the user's province is asked too.
    await p.goto(`${env.base}embed.html?as-of=${AS_OF}&locale=${locale}&elder=1`);
    const asked = await walk(p, { ...FAMILIES.other_province, my_region: '320000' }, `${locale}/elder/no-region`);
    ok(asked.includes('my_region') && asked.includes('their_province'), `both province questions asked (${asked})`);
    await c.close();
  }
});

T('every 不清楚 path ends in 请确认… with the hotline, never a contradiction', async () => {
  const cat = catalog('zh-Hans');
  const { c, p } = await phone();
  await p.goto(url('zh-Hans', false));
  await walk(p, FAMILIES.not_sure, 'not_sure');
  const checks = await W(p).locator('.checks li').allTextContents();
  const o = qview(FAMILIES.not_sure).outcome;
  eq(checks, o.checks, 'the core\'s checks, all shown');
  for (const id of ['who', 'phone', 'my_scheme', 'their_scheme']) ok(checks.includes(cat[`o.check.${id}`].replace('{who}', o.who)), `a 请确认 line for ${id}`);
  const all = await W(p).locator('section.outcome').textContent();
  for (const bad of ['没有可用余额', '符合共济条件，但', '都不需要', '两样都不用办']) ok(!all.includes(bad), `no "${bad}"`);
  ok(await W(p).locator('.outcome a[href="tel:12393"]').count() >= 1, '12393 as a tel: link');
  await c.close();
});

T('算一算金额 opens the calculator with the two people the questionnaire knows', async () => {
  const { c, p } = await phone();
  await p.goto(url('zh-Hans', false));
  await walk(p, FAMILIES.mother, 'calc');
  await W(p).locator('.calc-go').click();
  eq(await p.locator('#w').getAttribute('mode'), 'calculator', 'the element switched to the calculator');
  const prefill = await p.locator('#w').evaluate((el) => el.calcPrefill);
  eq(prefill, qview(FAMILIES.mother).outcome.calculator, 'calcPrefill is the core\'s scenario');
  eq(prefill.people.map((x) => x.relation), ['self', 'parent'], 'me and the relative');
  ok(prefill.people.every((x) => x.age == null && x.costs == null), 'no invented age or amount');
  const out = env.core.evaluate(prefill, AS_OF);
  ok(!out.error, `the prefill is a valid scenario (${out.error?.message})`);
  // The calculator opens with those two people; with two rough amounts typed in, its figures are
  // the CLI's for the scenario it built.
  const member = (i) => W(p).locator('fieldset.member:not(.pairq)').nth(i);
  await member(1).waitFor();
  eq(await W(p).locator('fieldset.member:not(.pairq)').count(), 2, 'the calculator shows the two people');
  await member(0).locator('[data-f=balance]').fill('3000');
  await member(1).locator('[data-f=share]').fill('1200');
  await p.waitForFunction(() => document.querySelector('#w').scenario?.people?.[1]?.costs?.personal_share === 120000);
  const sc = await W(p).evaluate((el) => el.scenario);
  const [cmd, args] = process.env.YIBAO_CLI ? [process.env.YIBAO_CLI, ['evaluate', '-']] : ['cargo', ['run', '-q', '--bin', 'yibao', '--', 'evaluate', '-']];
  const report = JSON.parse(execFileSync(cmd, args, { input: JSON.stringify(sc), cwd: ROOT, encoding: 'utf8', timeout: 300000 }));
  const me = report.accounts.find((a) => a.id === sc.people[0].id);
  ok(me && me.balance_before === 300000, 'my balance as typed');
  const acc = await W(p).locator(`.accounts li[data-account="${me.id}"]`).textContent();
  const yuan = (fen) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(fen / 100);
  ok(acc.includes(yuan(me.balance_before)) && acc.includes(yuan(me.balance_after)), `my balance before → after, the CLI's (${acc})`);
  await c.close();
});

T('再为另一位家人问一问 keeps the user\'s own answers', async () => {
  const { c, p } = await phone();
  await p.goto(`${env.base}embed.html?as-of=${AS_OF}&locale=zh-Hans`);
  await walk(p, { ...FAMILIES.mother, my_region: '320000' }, 'another');
  await W(p).locator('button.another').click();
  eq(await current(p), 'who', 'asks who again');
  const st = await urlState(p);
  eq(st.answers, { my_region: '320000', my_scheme: 'employee_balance' }, 'the user\'s own answers kept, the relative\'s cleared');
  const asked = await walk(p, { who: 'spouse', phone: 'can', their_scheme: 'resident', place: 'same_city', costs: 'yes' }, 'another-2');
  ok(!asked.includes('my_region') && !asked.includes('my_scheme'), `not asked again (${asked})`);
  eq((await W(p).locator('.rtitle').textContent()).trim(), qview({ my_region: '320000', my_scheme: 'employee_balance', who: 'spouse', phone: 'can', their_scheme: 'resident', place: 'same_city', costs: 'yes' }).outcome.headline.replace(/^/, ''), 'the spouse\'s outcome');
  await c.close();
});

T('the browser\'s Back keeps the answer, and from the first question returns to the start page', async () => {
  const { c, p } = await phone();
  await p.goto(url('zh-Hans', false));
  await pastStart(p);
  for (const [q, a] of [['who', 'mother'], ['phone', 'cannot'], ['my_scheme', 'resident']]) {
    eq(await current(p), q, `on ${q}`);
    await choose(p, a);
    await W(p).locator('form.q button[type=submit]').click();
    await W(p).locator(`[name=a][data-q="${q}"]`).first().waitFor({ state: 'detached' });
  }
  await painted(p);
  await p.goBack();
  await W(p).locator('[name=a][data-q="my_scheme"]').first().waitFor();
  eq(await W(p).locator('input[name=a]:checked').getAttribute('value'), 'resident', 'Back: my_scheme shows the answer given');
  await p.goBack();
  await W(p).locator('[name=a][data-q="phone"]').first().waitFor();
  eq(await W(p).locator('input[name=a]:checked').getAttribute('value'), 'cannot', 'Back again: phone shows its answer');
  await p.goBack();
  await W(p).locator('[name=a][data-q="who"]').first().waitFor();
  await p.goBack();
  await W(p).locator('section.start').waitFor();
  ok(true, 'Back from the first question: the start page');
  await p.goForward();
  await W(p).locator('[name=a][data-q="who"]').first().waitFor();
  eq(await W(p).locator('input[name=a]:checked').getAttribute('value'), 'mother', 'Forward: the first question with its answer');
  await c.close();
});

T('mini-program web-view: no print button; a browser: the print button', async () => {
  for (const [ua, want] of [['Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116 Mobile Safari/537.36 MicroMessenger/8.0.47 miniProgram/wx0123', 0], [undefined, 1]]) {
    const { c, p } = await phone(ua ? { userAgent: ua } : {});
    await p.goto(url('zh-Hans', false));
    await walk(p, FAMILIES.mother, 'print');
    const n = await W(p).locator('.actions button', { hasText: catalog('zh-Hans')['ui.print'] }).count();
    eq(n, want, `${ua ? 'web-view' : 'browser'}: ${want} print button(s)`);
    await c.close();
  }
});

T('iframe under a fixed header: a new question is never scrolled under it; the parent is told where', async () => {
  const { c, p } = await phone();
  await p.goto(`${env.base}__fixtures/parent.html`);
  const f = p.frameLocator('#f');
  const fw = f.locator('#w');
  await fw.locator('section.start button.go').click();
  const header = await p.evaluate(() => document.querySelector('.fixed-header').getBoundingClientRect().bottom);
  const answers = FAMILIES.mother;
  for (let i = 0; i < 8; i++) {
    const form = fw.locator('form.q, section.result').first();
    await form.waitFor();
    if (await fw.locator('section.result').count()) break;
    const q = await fw.locator('[name=a]').first().getAttribute('data-q');
    const heading = fw.locator('.qtext');
    const y = (await heading.boundingBox()).y;
    ok(y >= header - 0.5, `${q}: the question is not under the fixed header (${Math.round(y)} ≥ ${Math.round(header)})`);
    ok(y < H, `${q}: the question is in view (${Math.round(y)})`);
    await fw.locator('label.opt', { has: f.locator(`input[value="${answers[q]}"]`) }).click();
    // The host page scrolls the iframe's Next into view as a user would.
    await fw.locator('form.q button[type=submit]').scrollIntoViewIfNeeded();
    await fw.locator('form.q button[type=submit]').click();
    await fw.locator(`[name=a][data-q="${q}"]`).first().waitFor({ state: 'detached' });
  }
  await fw.locator('section.outcome').waitFor();
  const t = (await fw.locator('.rtitle').boundingBox()).y;
  ok(t >= header - 0.5 && t < H, `the outcome's headline is in view below the header (${Math.round(t)})`);
  const scrolls = await p.evaluate(() => window.__scrolls);
  ok(scrolls.length >= 6, `the parent was told where each new heading is (${scrolls.length})`);
  await c.close();
});

summary('outcome');
