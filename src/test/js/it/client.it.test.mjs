// The client against the real server (started by JavaScriptClientIT, or SYNCLINE_URL).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { until } from '../support/fake-server.mjs';
import { Proxy } from '../support/proxy.mjs';
import { SERVER, devToken, rest } from '../support/real-server.mjs';
import { RealtimeClient, State, Transport } from '../../../main/webapp/js/syncline/index.js';

const clients = [];
const proxies = [];
after(async () => {
  for (const c of clients) c.disconnect();
  for (const p of proxies) await p.close();
});

function client(url, user, options = {}) {
  const c = new RealtimeClient({ url, token: () => devToken(user), backoffBase: 50, backoffCap: 500, ...options });
  clients.push(c);
  if (process.env.DEBUG_CLIENT) {
    c.on('close', (e) => console.log('close', e));
    c.on('error', (e) => console.log('error', e));
    c.state.subscribe((s) => console.log('state', s));
  }
  return c.connect();
}

const entity = (name) => name + Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

/** Collects an entity channel's changes; `ids` must each arrive exactly once. */
function collect(channel) {
  const seen = [];
  for (const type of ['entity:created', 'entity:updated', 'entity:deleted']) {
    channel.on(type, (record, frame) => seen.push({ id: record.id, version: frame.version, type }));
  }
  return seen;
}

test('a change made over REST reaches a subscribed client', async () => {
  const c = client(SERVER, 'ada');
  const channel = c.channel('entity:Task');
  const seen = [];
  channel.on('entity:created', (task) => seen.push(task));
  await until(() => channel.joined, 10000, 'subscribed');
  const created = await rest('POST', '/api/tasks', { title: 'from REST ' + Date.now() });
  await until(() => seen.some((t) => t.id === created.id), 5000, 'the change');
  assert.equal(seen.find((t) => t.id === created.id).title, created.data.title);
});

test('a reconnect in the middle of a write burst loses nothing and repeats nothing', async () => {
  const proxy = await Proxy.start(SERVER);
  proxies.push(proxy);
  const name = entity('Burst');
  const c = client(proxy.url, 'ada', { fallback: false });
  const channel = c.channel('entity:' + name);
  const seen = collect(channel);
  await until(() => channel.joined, 10000, 'subscribed');
  let reconnects = 0;
  c.on('reconnecting', () => reconnects++);
  const total = 300;
  const writers = Array.from({ length: 4 }, (_, w) =>
    (async () => {
      for (let i = w; i < total; i += 4) {
        await rest('POST', `/api/entities/${name}`, { id: `r${i}`, n: i });
        if (i === 100 || i === 201) proxy.cutAll(); // twice, mid-burst
      }
    })(),
  );
  await Promise.all(writers);
  await until(() => seen.length >= total, 20000, `all ${total} changes (have ${seen.length})`);
  assert.ok(reconnects >= 2, 'the connection was cut twice');
  assert.equal(seen.length, total, 'no change repeated');
  assert.equal(new Set(seen.map((s) => s.id)).size, total, 'no change lost');
  const versions = seen.map((s) => s.version);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
    'in version order',
  );
});

test('when WebSocket upgrades are refused the client works over long-poll, then moves back', async () => {
  const proxy = await Proxy.start(SERVER);
  proxies.push(proxy);
  proxy.mode = 'refuse-upgrades';
  const name = entity('Poll');
  const c = client(proxy.url, 'ada', { fallbackAfter: 2, probeInterval: 500, pollTimeout: 5000 });
  const channel = c.channel('entity:' + name);
  const seen = collect(channel);
  await until(() => c.transport.value === Transport.LONG_POLL && channel.joined, 20000, 'long-poll');
  assert.ok(proxy.refusedUpgrades >= 2);

  await rest('POST', `/api/entities/${name}`, { id: 'a', n: 1 });
  await until(() => seen.length === 1, 10000, 'a change over long-poll');
  const ack = await c.request(
    'push',
    { entity: name, entityId: 'b', action: 'create', data: { n: 2 }, mutationId: 'm-' + name },
    { until: ['push_ack', 'conflict:detect'] },
  );
  assert.equal(ack.type, 'push_ack');
  await until(() => seen.length === 2, 10000, 'its own push over long-poll');

  proxy.mode = 'pass';
  await until(
    () => c.transport.value === Transport.WEBSOCKET && c.state.value === State.OPEN && channel.joined,
    20000,
    'back on WebSocket',
  );
  await rest('POST', `/api/entities/${name}`, { id: 'c', n: 3 });
  await until(() => seen.length === 3, 10000, 'a change over WebSocket');
  assert.deepEqual(
    seen.map((s) => s.id),
    ['a', 'b', 'c'],
  );
});

test("two clients push different fields of one record; each sees the other's, and a cut connection catches up", async () => {
  const proxy = await Proxy.start(SERVER);
  proxies.push(proxy);
  const name = entity('Fields');
  const ada = client(proxy.url, 'ada', { fallback: false });
  const bob = client(SERVER, 'bob');
  const adaFields = ada.fields(name);
  const bobFields = bob.fields(name);
  const adaSaw = [];
  adaFields.on('change', (change) => adaSaw.push(`${change.field}=${change.value}`));
  await until(() => adaFields.joined && bobFields.joined, 10000, 'both subscribed');

  const results = await Promise.all([
    ...Array.from({ length: 5 }, (_, i) => adaFields.push('r1', { ['ada' + i]: i })),
    ...Array.from({ length: 5 }, (_, i) => bobFields.push('r1', { ['bob' + i]: i })),
  ]);
  assert.deepEqual(
    results.map((r) => r.applied),
    Array(10).fill(1),
  );
  await until(() => adaSaw.length === 10, 10000, 'ten field changes');

  proxy.cutAll();
  await until(() => ada.state.value !== State.OPEN, 5000, 'the cut');
  await bobFields.push('r1', { bob0: 'changed', bob1: null });
  await until(() => adaSaw.length === 12 && adaFields.joined, 20000, 'the catch-up');
  assert.deepEqual(adaSaw.slice(10).sort(), ['bob0=changed', 'bob1=null']);
  const record = await rest('GET', `/api/entities/${name}/r1`);
  assert.equal(Object.keys(record.data).length, 9);

  // a write from a clock a minute behind loses, and says what it lost to
  const old = await bob.request(
    'push_fields',
    {
      entity: name,
      entityId: 'r1',
      fields: [{ field: 'ada1', value: 'old', action: 'set', timestamp: Date.now() - 60000 }],
    },
    { until: 'field_push_ack' },
  );
  assert.equal(old.payload.conflicts, 1);
  assert.equal(old.frames[0].type, 'field_conflict');
  assert.equal(old.frames[0].payload.serverValue, 1);
});

test('validation answers the same over WebSocket and over long-poll', async () => {
  const proxy = await Proxy.start(SERVER);
  proxies.push(proxy);
  const socket = client(SERVER, 'ada');
  await until(() => socket.state.value === State.OPEN, 10000, 'open');
  proxy.mode = 'refuse-upgrades';
  const polling = client(proxy.url, 'ada', { fallbackAfter: 1, probeInterval: 60000 });
  await until(
    () => polling.transport.value === Transport.LONG_POLL && polling.state.value === State.OPEN,
    20000,
    'long-poll',
  );
  for (const c of [socket, polling]) {
    const email = await c.validate('contact', 'email', 'not-an-email');
    assert.equal(email.valid, false);
    assert.equal(email.metadata.format, 'email');
    const form = await c.validateForm('contact', { name: 'Ada', email: 'ada@example.com', message: 'short' });
    assert.deepEqual(form, {
      form: 'contact',
      valid: false,
      errors: [{ field: 'message', error: 'size must be between 10 and 2000' }],
    });
    await assert.rejects(c.validate('nope', 'x', 'y'), (e) => e.code === 'not_found');
  }
});
