// The locale switch keeps the user's work: changing `locale` (the attribute, or the demo host
// page's switch) mid-questionnaire, on the result page, and in the calculator keeps every answer,
// the current step, a choice not yet submitted, every typed value, and the focused field.
// Closes with a line "E2E SUMMARY (locale): n checks passed …".
import {
  env, setup, summary, T, ok, eq, catalog, ZH, qview, embed, gotoWidget, current, answerAll, deepFocus,
  urlState, calcExample, calcFill, pastStart, changeAnswer,
} from './lib.mjs';

let page;
setup({ label: 'locale', ready: () => ({ page } = env) });

const BOTH = { who: 'mother', phone: 'cannot', my_scheme: 'employee_balance', their_scheme: 'resident', place: 'same_city', costs: 'yes' };
const W = () => page.locator('#w');
const step = (loc, n, m) => catalog(loc)['ui.step'].replace('{n}', n).replace('{m}', m);
async function switchTo(loc, sel = '#w') {
  await page.locator(sel).evaluate((el, l) => el.setAttribute('locale', l), loc);
  await page.waitForFunction(([s, l]) => document.querySelector(s).shadowRoot.querySelector('.yf')?.lang === l, [sel, loc]);
}
async function choose(id, value, sel = '#w') {
  await page.locator(sel).locator('label.opt', { has: page.locator(`input[data-q="${id}"][value="${value}"]`) }).click();
}

T('mid-questionnaire: the step, every answer and an unsubmitted choice survive a locale switch', async () => {
  await gotoWidget(page, embed());
  await pastStart(page);
  const ids = ['who', 'phone'];
  for (const id of ids) {
    await choose(id, BOTH[id]);
    await W().locator('button[type=submit]').click();
  }
  eq(await current(page), 'my_scheme', 'on step 3');
  await choose('my_scheme', BOTH.my_scheme); // chosen, not submitted
  const total = String(qview({ who: 'parent', phone: 'cannot' }).total);
  const before = (await urlState(page)).answers;
  for (const loc of ['en', 'zh-Hant', 'zh-Hans', 'en']) {
    await switchTo(loc);
    eq(await current(page), 'my_scheme', `${loc}: still on the same question`);
    eq(await W().locator('.qtext').textContent(), catalog(loc)['q.my_scheme.text'], `${loc}: the question in ${loc}`);
    eq(await W().locator('.prog-t').textContent(), step(loc, '3', total), `${loc}: still step 3`);
    ok(await W().locator(`input[value="${BOTH.my_scheme}"]`).isChecked(), `${loc}: the choice not yet submitted is still chosen`);
    eq((await urlState(page)).answers, before, `${loc}: the answers in the URL are unchanged`);
  }
  // Back shows the earlier answer, in English, still chosen; then on to the result.
  await W().locator('.nav button', { hasText: catalog('en')['ui.back'] }).click();
  eq(await current(page), 'phone', 'Back goes to the previous question');
  ok(await W().locator(`input[value="${BOTH.phone}"]`).isChecked(), 'its answer kept across the switch');
  await W().locator('button[type=submit]').click();
  eq(await current(page), 'my_scheme', 'Next returns to step 3 (a choice never submitted is not an answer)');
  await answerAll(page, BOTH);
  eq(await W().locator('.big .rec-v').getAttribute('data-rec'), 'both', 'the same result as without switching');
});

T('on the result page: the result and every answer stay, in the new language', async () => {
  await gotoWidget(page, embed());
  await answerAll(page, BOTH);
  const n = await W().locator('.answers .ans').count();
  for (const loc of ['zh-Hant', 'en', 'zh-Hans']) {
    await switchTo(loc);
    await W().locator('.rtitle', { hasText: qview(BOTH, loc).outcome.headline }).waitFor();
    eq(await W().locator('.big .rec-v').getAttribute('data-rec'), 'both', `${loc}: same recommendation`);
    eq((await W().locator('.big .rec-v').textContent()).trim(), qview(BOTH, loc).outcome.headline, `${loc}: in ${loc}`);
    eq(await W().locator('.answers .ans').count(), n, `${loc}: every answer listed`);
    eq(await W().locator('.answers dt').first().textContent(), catalog(loc)['q.who.text'], `${loc}: the answers in ${loc}`);
    eq((await urlState(page)).answers, BOTH, `${loc}: the URL state is the same answers`);
  }
  // 修改 after a switch goes to that question with its answer chosen.
  await switchTo('en');
  await changeAnswer(page, 'phone');
  eq(await current(page), 'phone', 'change jumps to the question');
  ok(await W().locator('input[value="cannot"]').isChecked(), 'with the answer chosen');
});

T('calculator: every typed value, added members and the focused field survive a locale switch', async () => {
  await gotoWidget(page, embed('&mode=calculator'));
  await W().locator('.person').first().waitFor();
  await calcExample(page); // 我 and the example 妈妈
  await W().locator('.calc > button.btn').click(); // a third member
  const row = (i) => W().locator('fieldset.member').nth(i);
  const typed = [
    [0, 'name', '王芳'], [0, 'age', '47'], [0, 'balance', '5521.5'], [0, 'prior', '4321.5'], [0, 'share', '88'],
    [1, 'name', '老王'], [1, 'scheme', 'employee'], [1, 'status', 'suspended'], [1, 'region', '320900'], [1, 'phone', 'yes'], [1, 'prior', '100'],
    [2, 'relation', 'child'], [2, 'age', '9'], [2, 'premium', '400'], [2, 'phone', 'no'],
  ];
  for (const [i, f, v] of typed) await calcFill(page, i, f, v);
  await W().locator('[data-f=as_of]').fill('2025-10-01');
  const read = () => W().evaluate((host) => [...host.shadowRoot.querySelectorAll('[data-f]')].map((el) => `${el.closest('.member') ? [...el.closest('.members').children].indexOf(el.closest('.member')) : '-'}.${el.dataset.f}=${el.value}`));
  const before = await read();
  const scenario = await W().evaluate((el) => el.scenario);
  // The focus is in a field when the locale changes (a host script switching it).
  await row(2).locator('[data-f=age]').focus();
  for (const loc of ['en', 'zh-Hant', 'zh-Hans']) {
    await switchTo(loc);
    await W().locator('h2', { hasText: catalog(loc)['ui.calc.title'] }).waitFor();
    eq(await W().locator('fieldset.member').count(), 3, `${loc}: three members`);
    const after = await read();
    eq(after.filter((x) => !x.startsWith('2.name=')), before.filter((x) => !x.startsWith('2.name=')), `${loc}: every value as typed`);
    eq(after.find((x) => x.startsWith('2.name=')), '2.name=' + catalog(loc)['ui.calc.new_name'].replace('{n}', '3'), `${loc}: the default name (not typed) is in ${loc}`);
    const sc = await W().evaluate((el) => el.scenario);
    eq({ ...sc, locale: 'x', people: sc.people.filter((p, i) => i < 2) }, { ...scenario, locale: 'x', people: scenario.people.filter((p, i) => i < 2) }, `${loc}: the same scenario is evaluated`);
    const f = await deepFocus(page);
    eq([f.tag, await W().evaluate((host) => host.shadowRoot.activeElement?.dataset.f)], ['input', 'age'], `${loc}: focus is back in the same field`);
    eq(await W().locator('.person').count(), 3, `${loc}: results for all three`);
  }
});

T('the demo host page switch keeps both widgets\' work', async () => {
  await gotoWidget(page, env.base, '#q');
  await pastStart(page, '#q');
  await page.locator('#c .person').first().waitFor();
  await calcExample(page, '#c');
  await choose('who', 'spouse', '#q');
  await page.locator('#q button[type=submit]').click();
  await page.locator('#c fieldset.member').nth(1).locator('[data-f=share]').fill('1234');
  await page.selectOption('#locale', 'en');
  await page.locator('#q .qtext', { hasText: catalog('en')['q.phone.text'] }).waitFor();
  eq(await current(page, '#q'), 'phone', 'questionnaire: still on step 2');
  eq(await page.locator('#c fieldset.member').nth(1).locator('[data-f=share]').inputValue(), '1234', 'calculator: the typed amount');
  eq(await page.locator('#c h2').first().textContent(), catalog('en')['ui.calc.title'], 'calculator in English');
  await page.locator('#q .nav button', { hasText: catalog('en')['ui.back'] }).click();
  ok(await page.locator('#q input[value="spouse"]').isChecked(), 'the first answer kept');
  await page.selectOption('#locale', 'zh-Hans');
  await page.locator('#q .qtext', { hasText: ZH['q.who.text'] }).waitFor();
});

summary('locale');
