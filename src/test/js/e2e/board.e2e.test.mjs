// The demo page in two headless Chromium contexts against the real server (Debian's chromium,
// driven by playwright-core). One context reaches the server through a proxy, so its network
// can be cut and restored.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { Proxy } from '../support/proxy.mjs';
import { ARTIFACTS, SERVER, rest } from '../support/real-server.mjs';

const SECOND = 1000; // the bound for seeing another browser's edit or presence
let browser;
let proxy;
let ada;
let bob;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  proxy = await Proxy.start(SERVER);
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
  ada = await open(proxy.url, 'ada');
  bob = await open(SERVER, 'bob');
  // The bounds below are for a running server. Its very first write after deployment also pays
  // for first use (JIT, the first insert of each table: 1-2 s measured on a loaded 2-core machine),
  // which a user meets once per deployment, not per edit; one write outside the pages pays it.
  const warmUp = await rest('POST', '/api/tasks', { title: 'warm-up' });
  await rest('DELETE', '/api/tasks/' + warmUp.id);
});

after(async () => {
  // screenshots of the board as both users left it, kept with the test artifacts (not a test)
  await ada?.screenshot({ path: ARTIFACTS + 'board.png', fullPage: true });
  await bob?.screenshot({ path: ARTIFACTS + 'board-bob.png', fullPage: true });
  await browser?.close();
  await proxy?.close();
});

async function open(base, user) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${user}] page error:`, error.message));
  page.sent = []; // the types of the frames the page's sockets send
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      try {
        page.sent.push(JSON.parse(String(payload)).type);
      } catch {
        // not JSON: not ours
      }
    }),
  );
  await page.goto(`${base}/?user=${user}`);
  await page.locator('[data-testid=status][data-state=open]').waitFor({ timeout: 20000 });
  return page;
}

const card = (page, title) => page.locator('[data-testid=card]', { hasText: title });
const column = (page, status, title) =>
  page.locator(`[data-testid=column-${status}] [data-testid=card]`, { hasText: title });

test('each browser sees the other in the presence bar within a second', async () => {
  await ada.locator('#presence [data-user=bob]').waitFor({ timeout: SECOND * 5 }); // first join includes page start
  await bob.locator('#presence [data-user=ada]').waitFor({ timeout: SECOND });
});

test('a task created, edited, moved and deleted in one browser shows in the other within a second', async () => {
  const title = 'Ship the client ' + Date.now();
  await ada.fill('[data-testid=new-title]', title);
  await bob.locator('[data-testid=typing]', { hasText: 'ada is typing' }).waitFor({ timeout: SECOND });
  await ada.click('[data-testid=add]');
  await card(ada, title).waitFor({ timeout: SECOND }); // optimistic: at once
  await column(bob, 'open', title).waitFor({ timeout: SECOND });

  await card(bob, title).locator('.title').dblclick();
  await bob.fill('[data-testid=edit-title]', title + ' (edited)');
  const pushesBefore = bob.sent.filter((type) => type === 'push_fields').length;
  await bob.press('[data-testid=edit-title]', 'Enter');
  await card(ada, title + ' (edited)').waitFor({ timeout: SECOND });
  assert.equal(
    bob.sent.filter((type) => type === 'push_fields').length,
    pushesBefore + 1,
    'the title went as a field push',
  );

  await card(ada, title).locator('[data-action=move]').last().click();
  await column(bob, 'doing', title).waitFor({ timeout: SECOND });

  await card(bob, title).locator('[data-action=delete]').click();
  await card(ada, title).waitFor({ state: 'detached', timeout: SECOND });
});

test("the new-task form shows the server's validation as the user types", async () => {
  const error = ada.locator('[data-testid=new-title-error]');
  await ada.fill('[data-testid=new-title]', '   ');
  await error.filter({ hasText: 'is required' }).waitFor({ timeout: SECOND * 2 });
  await ada.fill('[data-testid=new-title]', 'A fine title');
  await error.waitFor({ state: 'hidden', timeout: SECOND * 2 });
  await ada.fill('[data-testid=new-title]', '');
});

test('a browser whose connection is cut catches up with what changed meanwhile', async () => {
  const kept = 'Stays ' + Date.now();
  const gone = 'Goes ' + Date.now();
  await bob.fill('[data-testid=new-title]', kept);
  await bob.click('[data-testid=add]');
  await bob.fill('[data-testid=new-title]', gone);
  await bob.click('[data-testid=add]');
  await card(ada, gone).waitFor({ timeout: SECOND });

  proxy.mode = 'down'; // no new connections
  proxy.cutAll(); // and the open ones die
  await ada.locator('[data-testid=status][data-state=reconnecting]').waitFor({ timeout: SECOND * 5 });

  const added = 'Added offline ' + Date.now();
  await bob.fill('[data-testid=new-title]', added);
  await bob.click('[data-testid=add]');
  await card(bob, kept).locator('[data-action=move]').last().click();
  await card(bob, gone).locator('[data-action=delete]').click();
  await column(bob, 'doing', kept).waitFor({ timeout: SECOND });
  await card(bob, gone).waitFor({ state: 'detached', timeout: SECOND });
  assert.equal(await card(ada, added).count(), 0, 'the cut-off browser cannot have seen it yet');

  proxy.mode = 'pass';
  await ada.locator('[data-testid=status][data-state=open]').waitFor({ timeout: 20000 });
  await card(ada, added).waitFor({ timeout: SECOND * 2 });
  await column(ada, 'doing', kept).waitFor({ timeout: SECOND });
  await card(ada, gone).waitFor({ state: 'detached', timeout: SECOND });
  await bob.locator('#presence [data-user=ada]').waitFor({ timeout: SECOND * 2 });
});
