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

// The scenarios below run over both transports. Long-poll is forced as a network that refuses
// WebSockets forces it: the client starts on long-poll behind a proxy that refuses upgrades, so
// its probes for a WebSocket fail and it stays there.
const TRANSPORTS = [Transport.WEBSOCKET, Transport.LONG_POLL];

/** A client of `user` on `transport`, behind a proxy of its own (`c.proxy`) to cut. */
async function clientOn(transport, user, options = {}) {
  const proxy = await Proxy.start(SERVER);
  proxies.push(proxy);
  const forced =
    transport === Transport.LONG_POLL
      ? { transports: [Transport.LONG_POLL], fallbackAfter: 1, probeInterval: 600000 }
      : { fallback: false };
  if (transport === Transport.LONG_POLL) proxy.mode = 'refuse-upgrades';
  const c = client(proxy.url, user, { ...forced, ...options });
  c.proxy = proxy;
  return c;
}

/** Breaks `c`'s connection (every request in flight fails, and retries too) until it notices. */
async function cut(c) {
  const mode = c.proxy.mode;
  c.proxy.mode = 'down';
  c.proxy.cutAll();
  await until(() => c.state.value !== State.OPEN, 10000, 'the cut');
  c.proxy.mode = mode;
}

async function opened(c, transport) {
  await until(() => c.state.value === State.OPEN, 20000, 'open on ' + transport);
  assert.equal(c.transport.value, transport);
}

for (const transport of TRANSPORTS) {
  test(`[${transport}] a change made over REST reaches a subscribed client`, async () => {
    const c = await clientOn(transport, 'ada');
    const channel = c.channel('entity:Task');
    const seen = [];
    channel.on('entity:created', (task) => seen.push(task));
    await until(() => channel.joined, 10000, 'subscribed');
    await opened(c, transport);
    const created = await rest('POST', '/api/tasks', { title: 'from REST ' + Date.now() });
    await until(() => seen.some((t) => t.id === created.id), 5000, 'the change');
    assert.equal(seen.find((t) => t.id === created.id).title, created.data.title);
  });

  test(`[${transport}] a ping is answered by the server, and its round trip is the latency`, async () => {
    const c = await clientOn(transport, 'ada', { pingInterval: 300, deadAfter: 20000 });
    await opened(c, transport);
    const pong = await c.request('ping', { sequenceNumber: 42, timestamp: Date.now() }, { until: 'pong' });
    assert.equal(pong.payload.sequenceNumber, 42);
    // only the server computes this: its clock minus the ping's timestamp
    assert.equal(typeof pong.payload.latency, 'number');
    await until(() => c.latency.value !== null, 10000, 'a measured round trip');
  });

  test(`[${transport}] presence and broadcasts between a ${transport} client and a WebSocket client`, async () => {
    const ada = await clientOn(transport, 'ada');
    const bob = client(SERVER, 'bob');
    await opened(ada, transport);
    const resource = 'entity:Doc:' + entity('p');
    const adaHere = ada.presence(resource, { name: 'Ada' });
    await until(() => adaHere.channel.joined, 10000, 'ada joined');
    const bobHere = bob.presence(resource, { name: 'Bob' });
    const has = (manager, id) => manager.members.value.some((m) => m.id === id);
    await until(() => has(adaHere, 'bob') && has(bobHere, 'ada'), 10000, 'each sees the other');

    const room = 'entity:Room:' + entity('r');
    const adaRoom = ada.channel(room);
    const bobRoom = bob.channel(room);
    const adaGot = [];
    const bobGot = [];
    adaRoom.on('typing', (data, payload) => adaGot.push({ ...data, from: payload.from }));
    bobRoom.on('cursor', (data, payload) => bobGot.push({ ...data, from: payload.from }));
    await until(() => adaRoom.joined && bobRoom.joined, 10000, 'both in the room');
    bobRoom.broadcast('typing', { field: 'title' });
    await until(() => adaGot.length === 1, 10000, 'bob to ada');
    assert.deepEqual(adaGot, [{ field: 'title', from: 'bob' }]);
    adaRoom.broadcast('cursor', { x: 3 });
    await until(() => bobGot.length === 1, 10000, 'ada to bob');
    assert.deepEqual(bobGot, [{ x: 3, from: 'ada' }]);

    ada.disconnect();
    await until(() => !has(bobHere, 'ada'), 10000, 'ada left');
  });

  test(`[${transport}] a stale push is a conflict that names the server's conflictId`, async () => {
    const c = await clientOn(transport, 'ada');
    await opened(c, transport);
    const name = entity('Conflict');
    const created = await rest('POST', `/api/entities/${name}`, { id: 'x', n: 1 });
    const push = (n, mutationId) =>
      c.request(
        'push',
        { entity: name, entityId: 'x', action: 'update', data: { n }, baseVersion: created.version, mutationId },
        { until: ['push_ack', 'conflict:detect'] },
      );
    assert.equal((await push(2, 'm1-' + name)).type, 'push_ack');
    const conflict = await push(3, 'm2-' + name);
    assert.equal(conflict.type, 'conflict:detect');
    assert.equal(typeof conflict.payload.conflictId, 'string');
    assert.ok(conflict.payload.conflictId.length > 0);
  });

  test(`[${transport}] a reconnect in the middle of a write burst loses nothing and repeats nothing`, async () => {
    const name = entity('Burst');
    const c = await clientOn(transport, 'ada');
    const proxy = c.proxy;
    const channel = c.channel('entity:' + name);
    const seen = collect(channel);
    await until(() => channel.joined, 10000, 'subscribed');
    await opened(c, transport);
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
    // a cut socket reconnects; a cut poll is asked again with the same ack (or, failing, reconnects)
    if (transport === Transport.WEBSOCKET) assert.ok(reconnects >= 2, 'the connection was cut twice');
    assert.equal(seen.length, total, 'no change repeated');
    assert.equal(new Set(seen.map((s) => s.id)).size, total, 'no change lost');
    const versions = seen.map((s) => s.version);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'in version order',
    );
  });

  test(`[${transport}] two clients push different fields of one record; each sees the other's, and a cut connection catches up`, async () => {
    const name = entity('Fields');
    const ada = await clientOn(transport, 'ada');
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

    assert.equal(ada.transport.value, transport);
    await cut(ada);
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
}

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
