// The admin page in headless Chromium against the real server (development mode): it loads
// without console errors, its plots move when load is applied, and a non-admin is refused.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { ARTIFACTS, SERVER, devToken, rest } from '../support/real-server.mjs';

let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

async function open(query) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(message.text());
  });
  page.on('pageerror', (error) => page.problems.push(error.message));
  await page.goto(`${SERVER}/admin/${query}`);
  return page;
}

/** A subscriber of entity:Task over a real socket, so that writes are delivered to someone. */
async function subscriber() {
  const socket = new WebSocket(`${SERVER.replace(/^http/, 'ws')}/api/ws?access_token=${await devToken('watcher')}`);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  const subscribed = new Promise((resolve) =>
    socket.addEventListener('message', function listen(event) {
      if (JSON.parse(event.data).type === 'subscribed') {
        socket.removeEventListener('message', listen);
        resolve();
      }
    }),
  );
  socket.send(JSON.stringify({ type: 'subscribe', channel: 'entity:Task' }));
  await subscribed;
  return socket;
}

const latest = (page, plot) =>
  page.locator(`[data-testid=plot-${plot}]`).evaluate((canvas) => Number(canvas.dataset.max || 0));

test('an admin sees live plots that move under load, with the connection listed, and no console errors', async () => {
  const page = await open('?user=operator&roles=admin');
  await page.locator('[data-testid=status][data-state=live]').waitFor({ timeout: 20000 });
  const socket = await subscriber();
  try {
    // one write at a time: concurrent first writes after deployment can wait past H2's 2 s lock
    // timeout while the first pays for first use
    const created = [];
    for (let i = 0; i < 30; i++) created.push(await rest('POST', '/api/tasks', { title: 'load ' + i }));
    // the sampler runs every few seconds: wait for samples that saw the deliveries and the socket
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=plot-deliveries]').dataset.max || 0) > 0,
      null,
      { timeout: 20000 },
    );
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=plot-connections]').dataset.max || 0) >= 1,
      null,
      { timeout: 20000 },
    );
    assert.ok((await latest(page, 'latency')) > 0, 'the p99 latency plot has a value');
    await page.locator('[data-testid=connections] tr[data-user=watcher]').first().waitFor({ timeout: 10000 });
    await page.locator('[data-testid=channels] tr[data-channel="entity:Task"]').waitFor({ timeout: 10000 });
    assert.notEqual(await page.locator('[data-testid=feed-head]').textContent(), '–');
    await page.screenshot({ path: ARTIFACTS + 'admin-page.png', fullPage: true });

    const closed = new Promise((resolve) =>
      socket.addEventListener('close', (event) => resolve(event.code), { once: true }),
    );
    await page.locator('[data-testid=connections] tr[data-user=watcher] [data-action=disconnect]').first().click();
    assert.equal(await closed, 1001, 'the disconnect button closed the socket');
    for (const task of created) await rest('DELETE', '/api/tasks/' + task.id);
    assert.deepEqual(page.problems, [], 'no console errors');
  } finally {
    socket.close();
    await page.context().close();
  }
});

test('a user without role admin is refused', async () => {
  const page = await open('?user=bob&roles=user');
  try {
    await page.locator('[data-testid=refused]').waitFor({ timeout: 20000 });
    assert.match(await page.locator('[data-testid=refused]').textContent(), /role admin/);
    assert.equal(await page.locator('#main').isHidden(), true, 'no data shown');
  } finally {
    await page.context().close();
  }
});
