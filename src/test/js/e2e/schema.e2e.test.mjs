// The demo's schema-driven parts in two headless Chromium pages against the real server: the
// new-task form follows `PUT /api/schemas/board` live, validates as the user types, and the view
// preferences live in a cookie that survives reloads and schema changes. No page may log a console
// error or load anything that answers an error (the favicon included).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { ARTIFACTS, SERVER, devToken, rest } from '../support/real-server.mjs';

const SECOND = 1000; // the bound for a schema change to show in every open page
let browser;
const pages = {};
const problems = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  pages.ada = await open('ada');
  pages.bob = await open('bob');
});

after(async () => {
  await browser?.close();
});

async function open(user) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const page = await context.newPage();
  page.on(
    'console',
    (message) => message.type() === 'error' && problems.push(`[${user}] console error: ${message.text()}`),
  );
  page.on('pageerror', (error) => problems.push(`[${user}] page error: ${error.message}`));
  page.on(
    'response',
    (response) => response.status() >= 400 && problems.push(`[${user}] ${response.status()} for ${response.url()}`),
  );
  await load(page, user);
  return page;
}

async function load(page, user = 'ada') {
  await page.goto(`${SERVER}/?user=${user}`);
  await page.locator('[data-testid=status][data-state=open]').waitFor({ timeout: 20000 });
  await page.locator('#view-prefs[data-ready=true]').waitFor({ timeout: 10000 });
}

/** A PUT as an administrator (development mode mints the token). */
async function putSchema(app, schemaType, schema) {
  const response = await fetch(`${SERVER}/api/schemas/${app}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + (await devToken('admin', ['admin'])) },
    body: JSON.stringify({ schemaType, schema }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

const latest = (app) => rest('GET', '/api/schemas/' + app);
const cookie = async (page) => (await page.context().cookies()).find((c) => c.name === 'board-view')?.value;
async function until(predicate, ms, what) {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a field added to the board schema appears in both open pages within a second, without a reload', async () => {
  const { ada, bob } = pages;
  await ada.evaluate(() => (window.notReloaded = true));
  await bob.evaluate(() => (window.notReloaded = true));
  const board = await latest('board');
  const fields = board.schema.fields.filter((f) => f.name !== 'assignee');
  await putSchema('board', 'record', {
    ...board.schema,
    fields: [...fields, { name: 'assignee', type: 'string', label: 'Who?', constraints: { maxLength: 40 } }],
  });
  await ada.locator('[data-testid=new-assignee]').waitFor({ timeout: SECOND });
  await bob.locator('[data-testid=new-assignee]').waitFor({ timeout: SECOND });
  assert.equal(await ada.getAttribute('[data-testid=new-assignee]', 'name'), 'assignee');
  assert.equal(await ada.evaluate(() => window.notReloaded), true);
  assert.equal(await bob.evaluate(() => window.notReloaded), true);

  const title = 'Assigned by schema ' + Date.now();
  await ada.fill('[data-testid=new-title]', title);
  await ada.fill('[data-testid=new-assignee]', 'bob');
  await ada.click('[data-testid=add]');
  await bob.locator('[data-testid=card]', { hasText: title }).waitFor({ timeout: SECOND });
  const { items } = await rest('GET', '/api/tasks?limit=500');
  assert.equal(items.find((task) => task.data.title === title)?.data.assignee, 'bob');
  assert.equal(await ada.inputValue('[data-testid=new-assignee]'), '', 'the form is emptied after adding');
});

test('the new-task form validates as the user types, and refuses what its schema refuses', async () => {
  const { ada } = pages;
  const long = 'L'.repeat(201);
  await ada.fill('[data-testid=new-title]', long);
  await ada
    .locator('[data-testid=error-title]', { hasText: 'must be at most 200 characters long' })
    .waitFor({ timeout: SECOND });
  assert.equal(await ada.getAttribute('[data-testid=new-title]', 'aria-invalid'), 'true');
  await ada.fill('[data-testid=new-assignee]', 'x'.repeat(41));
  await ada
    .locator('[data-testid=error-assignee]', { hasText: 'must be at most 40 characters long' })
    .waitFor({ timeout: SECOND });
  await ada.click('[data-testid=add]');

  const fixed = 'Valid after all ' + Date.now();
  await ada.fill('[data-testid=new-title]', fixed);
  await ada.fill('[data-testid=new-assignee]', '');
  await ada.locator('[data-testid=error-title]', { hasText: /^$/ }).waitFor({ timeout: SECOND });
  await ada.click('[data-testid=add]');
  await ada.locator('[data-testid=card]', { hasText: fixed }).waitFor({ timeout: SECOND });
  assert.equal(
    await ada.locator('[data-testid=card]', { hasText: long }).count(),
    0,
    'the refused task was never added',
  );
  await ada.fill('[data-testid=new-title]', '');
  await ada.click('[data-testid=add]');
  await ada.locator('[data-testid=error-title]', { hasText: 'is required' }).waitFor({ timeout: SECOND });
});

test('the view preference lives in a cookie that survives a reload and a schema change', async () => {
  const { ada, bob } = pages;
  const v1 = (await latest('board-view')).version;
  await ada.selectOption('[data-testid=view-status]', 'doing');
  await until(async () => (await cookie(ada))?.startsWith(v1 + '.'), 5000, 'the cookie');
  assert.equal(await ada.locator('.column[data-status=open]').isHidden(), true);
  assert.equal(await ada.locator('.column[data-status=doing]').isVisible(), true);

  await load(ada);
  assert.equal(await ada.inputValue('[data-testid=view-status]'), 'doing');
  assert.equal(await ada.locator('.column[data-status=done]').isHidden(), true);

  const old = await cookie(ada);
  const view = await latest('board-view');
  const added = 'compact' + view.schema.fields.length; // a new name also on a server that ran this before
  await putSchema('board-view', 'record', {
    ...view.schema,
    fields: [...view.schema.fields, { name: added, type: 'boolean', label: 'Compact', default: false }],
  });
  await ada.locator(`[data-testid=view-${added}]`).waitFor({ timeout: SECOND });
  await until(
    async () => (await cookie(ada))?.startsWith(v1 + 1 + '.'),
    SECOND,
    'the cookie rewritten in the new version',
  );
  assert.equal(await ada.inputValue('[data-testid=view-status]'), 'doing');

  // a page that comes back with a cookie of the older version reads it, and rewrites it
  await bob.context().addCookies([{ name: 'board-view', value: old, url: SERVER }]);
  await load(bob, 'bob');
  assert.equal(await bob.inputValue('[data-testid=view-status]'), 'doing');
  assert.equal(await bob.locator('.column[data-status=open]').isHidden(), true);
  await until(async () => (await cookie(bob))?.startsWith(v1 + 1 + '.'), 5000, "bob's cookie rewritten");

  await load(ada);
  assert.equal(await ada.inputValue('[data-testid=view-status]'), 'doing');
});

test('a cookie that does not decode is reported on the page, never thrown', async () => {
  const { bob } = pages;
  await bob.context().addCookies([{ name: 'board-view', value: '3.not-base64!', url: SERVER }]);
  await load(bob, 'bob');
  await bob.locator('#notice', { hasText: 'Your saved view was not used' }).waitFor({ timeout: SECOND });
  assert.equal(await bob.inputValue('[data-testid=view-status]'), 'all');
  assert.equal(await bob.locator('.column[hidden]').count(), 0);
  assert.equal(await cookie(bob), undefined, 'the damaged cookie is gone');
});

test('no page logged a console error or loaded anything that failed, favicon included', async () => {
  await pages.ada.screenshot({ path: ARTIFACTS + 'schema-form.png', fullPage: true });
  const favicon = await fetch(SERVER + '/favicon.svg');
  assert.equal(favicon.status, 200);
  assert.deepEqual(problems, []);
});
