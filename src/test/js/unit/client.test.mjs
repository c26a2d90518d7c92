import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { FakeServer, until } from '../support/fake-server.mjs';
import {
  QueueFullError,
  RealtimeClient,
  State,
  SynclineError,
  TimeoutError,
} from '../../../main/webapp/js/syncline/index.js';

let server;
const clients = [];
before(async () => (server = await FakeServer.start()));
const disconnectAll = () => {
  while (clients.length) clients.pop().disconnect();
};
after(() => {
  disconnectAll();
  return server.close();
});
beforeEach(() => {
  disconnectAll();
  server.refuse = false;
  server.hang = 0;
  server.silent = false;
  server.answer = {};
  server.received = [];
  server.maxFrameBytes = 0;
});

function client(options = {}) {
  const c = new RealtimeClient({
    url: server.url,
    token: () => 'token-' + clients.length,
    backoffBase: 20,
    backoffCap: 200,
    fallback: false,
    ...options,
  });
  clients.push(c);
  return c;
}

/** An unsigned JWT for `tester` that expires at `exp` (seconds since the epoch). */
const jwt = (exp) =>
  ['{"alg":"none"}', JSON.stringify({ sub: 'tester', exp })]
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.') + '.sig';

const opened = (c) => until(() => c.state.value === State.OPEN, 5000, 'open');

test('state moves connecting → open, and reconnecting → open after the server drops it', async () => {
  const c = client();
  const states = [];
  c.state.subscribe((s) => states.push(s));
  c.connect();
  await opened(c);
  server.dropAll();
  await until(() => states.includes(State.RECONNECTING), 5000, 'reconnecting');
  await opened(c);
  assert.deepEqual(states, [State.CONNECTING, State.OPEN, State.RECONNECTING, State.OPEN]);
  c.disconnect();
  assert.equal(c.state.value, State.CLOSED);
});

test('the token function is asked again for every connection and sent as the jwt subprotocol', async () => {
  let n = 0;
  const c = client({ token: async () => 'tok' + ++n }).connect();
  await opened(c);
  const first = server.handshakes.length;
  server.dropAll();
  await until(() => server.handshakes.length > first && c.state.value === State.OPEN);
  assert.equal(server.handshakes.at(-1).protocol, 'jwt');
  assert.equal(server.handshakes.at(-1).token, 'tok' + n);
  assert.ok(n >= 2);
});

test('channels are subscribed again after a reconnect', async () => {
  const c = client().connect();
  c.channel('component:room');
  await until(() => server.received.some((f) => f.type === 'subscribe'));
  server.dropAll();
  await until(() => server.received.filter((f) => f.type === 'subscribe').length === 2, 5000, 'resubscribe');
  assert.ok(server.received.filter((f) => f.type === 'subscribe').every((f) => f.payload.channel === 'component:room'));
});

test('a reconnect resumes from the last version: every change exactly once, in order', async () => {
  const c = client().connect();
  const seen = [];
  const channel = c.channel('entity:Item');
  channel.on('entity:updated', (item, frame) => seen.push(frame.version));
  await until(() => channel.joined);
  const base = server.version;
  for (let i = 0; i < 5; i++) server.commit('Item', 'i' + i, { n: i });
  await until(() => seen.length === 5, 5000, 'live changes');
  server.dropAll();
  for (let i = 5; i < 10; i++) server.commit('Item', 'i' + i, { n: i }); // while disconnected
  // a change that commits between the resubscribe and the sync is delivered live as well as in the sync
  server.answer.sync = () => {
    server.commit('Item', 'late', { n: 10 });
    server.answer = {};
    return false;
  };
  await until(() => seen.length === 11, 5000, 'resumed changes');
  server.commit('Item', 'after', { n: 11 });
  await until(() => seen.length === 12);
  assert.deepEqual(
    seen,
    Array.from({ length: 12 }, (_, i) => base + i + 1),
  );
  const sync = server.received.find((f) => f.type === 'sync');
  assert.equal(sync.payload.since, base + 5);
});

test('frames sent while offline are queued in order up to the bound, then refused', async () => {
  server.refuse = true;
  const c = client({ maxQueue: 3 }).connect();
  c.send('broadcast', { event: 'a' }, { channel: 'component:x' });
  c.send('broadcast', { event: 'b' }, { channel: 'component:x' });
  c.send('broadcast', { event: 'c' }, { channel: 'component:x' });
  assert.throws(() => c.send('broadcast', { event: 'd' }, { channel: 'component:x' }), QueueFullError);
  assert.equal(c.send('broadcast', { event: 'typing' }, { channel: 'component:x', volatile: true }), false);
  assert.equal(c.queued, 3);
  server.refuse = false;
  await until(() => server.received.filter((f) => f.type === 'broadcast').length === 3, 5000, 'queued frames');
  assert.deepEqual(
    server.received.filter((f) => f.type === 'broadcast').map((f) => f.payload.event),
    ['a', 'b', 'c'],
  );
  assert.equal(c.queued, 0);
});

test('a request with no answer fails with TimeoutError; an error answer with a typed SynclineError', async () => {
  server.answer['validate_field'] = () => true; // never answered
  server.answer['presence:join'] = (frame, socket) => {
    server.send(socket, {
      type: 'error',
      requestId: frame.requestId,
      payload: { code: 'forbidden', message: 'no', recoverable: false },
    });
    return true;
  };
  const c = client().connect();
  await opened(c);
  await assert.rejects(c.request('validate_field', { form: 'f' }, { timeout: 100 }), TimeoutError);
  await assert.rejects(
    c.request('presence:join', { resource: 'r' }),
    (e) => e instanceof SynclineError && e.code === 'forbidden',
  );
});

test('a silent connection is declared dead by the ping timer and replaced', async () => {
  const c = client({ pingInterval: 50, deadAfter: 200 }).connect();
  await opened(c);
  let dead = false;
  c.on('dead', () => (dead = true));
  const before = server.handshakes.length;
  server.silent = true;
  await until(() => dead, 5000, 'dead detection');
  server.silent = false;
  await until(() => server.handshakes.length > before && c.state.value === State.OPEN, 5000, 'a new connection');
});

test('a handshake nobody answers is given up after connectTimeout and the next attempt opens', async () => {
  server.hang = 1;
  const unanswered = server.hanging.length;
  const c = client({ connectTimeout: 300 });
  const closes = [];
  c.on('close', (info) => closes.push({ ...info, at: Date.now() }));
  const dialled = Date.now();
  c.connect();
  await opened(c);
  assert.equal(server.hanging.length, unanswered + 1, 'the first handshake was left unanswered');
  assert.deepEqual(
    closes.map((info) => info.code),
    [1006],
  );
  assert.match(closes[0].reason, /not established within 300 ms/);
  assert.ok(closes[0].at - dialled >= 300, 'given up before its timeout');
});

test('handshakes given up after connectTimeout count towards falling back to long-poll', async () => {
  server.hang = 2;
  const c = client({ connectTimeout: 200, fallback: true, fallbackAfter: 2 });
  const fallbacks = [];
  c.on('fallback', (info) => fallbacks.push(info));
  c.connect();
  await until(() => fallbacks.length === 1, 5000, 'the fallback');
  assert.deepEqual(fallbacks, [{ failures: 2 }]);
});

test('maxReconnectAttempts: after that many failed reconnects the client gives up and closes', async () => {
  const c = client({ maxReconnectAttempts: 3 }).connect();
  await opened(c);
  const errors = [];
  const attempts = [];
  c.on('error', (e) => errors.push(e));
  c.on('reconnecting', ({ attempt }) => attempts.push(attempt));
  server.refuse = true;
  server.dropAll();
  await until(() => c.state.value === State.CLOSED, 5000, 'closed');
  assert.equal(attempts.length, 3);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 'unavailable');
});

test('connection:status (seed 003) says connected, reconnecting with the attempt and delay, then disconnected', async () => {
  const c = client();
  const statuses = [];
  c.on('connection:status', (status) => statuses.push(status));
  c.connect();
  await opened(c);
  server.dropAll();
  await until(() => statuses.filter((s) => s.status === 'connected').length === 2, 5000, 'connected again');
  c.disconnect();
  assert.deepEqual(
    statuses.map((s) => s.status),
    ['connected', 'reconnecting', 'connected', 'disconnected'],
  );
  const reconnecting = statuses[1];
  assert.equal(reconnecting.reconnectAttempts, 1);
  assert.ok(reconnecting.nextReconnectIn >= 0 && reconnecting.nextReconnectIn <= 200, JSON.stringify(reconnecting));
  assert.equal(statuses[2].reconnectAttempts, 0);
});

test('the server’s retryAfter holds the next reconnect back at least that long', async () => {
  const c = client().connect();
  await opened(c);
  const delays = [];
  c.on('reconnecting', ({ delay }) => delays.push(delay));
  server.answer.ping = (frame, socket) => {
    server.send(socket, {
      type: 'error',
      payload: { code: 'rate_limited', message: 'slow down', recoverable: true, retryAfter: 60000 },
    });
    socket.close(1013);
    return true;
  };
  c.send('ping', {});
  await until(() => delays.length === 1);
  assert.ok(delays[0] >= 60000, `delay ${delays[0]}`);
});

test('a request over the maxFrameBytes the server announced fails with too_large unsent, and the connection stays open', async () => {
  server.maxFrameBytes = 300;
  const c = client().connect();
  await opened(c);
  const big = c.request(
    'push',
    { entity: 'Doc', entityId: 'd', action: 'create', data: { text: 'é'.repeat(150) } },
    { retry: true },
  );
  await assert.rejects(big, (e) => e instanceof SynclineError && e.code === 'too_large' && e.recoverable === false);
  // 150 × 'é' is 300 bytes of UTF-8 (150 characters): the client counts bytes, as the server does
  const answer = await c.request('ping', {}, { until: 'pong' });
  assert.equal(answer.type, 'pong');
  assert.deepEqual(
    server.received.map((f) => f.type),
    ['ping'],
  );
  assert.equal(c.state.value, State.OPEN);
});

test(
  'after a close with 1009 the largest request written is failed with too_large, not sent again; the others are',
  { timeout: 10000 },
  async () => {
    const c = client().connect();
    await opened(c);
    server.answer.push = (frame, socket) => {
      if (JSON.stringify(frame).length < 1000) return false;
      socket.close(1009);
      return true;
    };
    server.silent = true; // the small push is read but not answered before the close
    const small = c.request(
      'push',
      { entity: 'Doc', entityId: 's', action: 'create', data: { n: 1 } },
      { retry: true },
    );
    await until(() => server.received.length === 1);
    server.silent = false;
    const big = c.request(
      'push',
      { entity: 'Doc', entityId: 'b', action: 'create', data: { text: 'x'.repeat(2000) } },
      { retry: true },
    );
    await assert.rejects(big, (e) => e instanceof SynclineError && e.code === 'too_large');
    const ack = await small;
    assert.equal(ack.type, 'push_ack');
    assert.deepEqual(
      server.received.map((f) => f.payload.entityId),
      ['s', 'b', 's'],
      'the small push is sent again after the reconnect, the big one is not',
    );
  },
);

test('a batch:update is unpacked in order, batches within it too', async () => {
  const c = client().connect();
  const channel = c.channel('entity:Batch');
  await until(() => channel.joined);
  const seen = [];
  channel.on('entity:updated', (record) => seen.push(record.id));
  const v = server.version;
  const [a, b, cc, d] = ['a', 'b', 'c', 'd'].map((id, i) => ({
    type: 'entity:updated',
    channel: 'entity:Batch',
    payload: { id },
    version: v + i + 1,
  }));
  // a batch that queued behind a write arrives whole inside the backlog's batch
  const inner = { type: 'batch:update', payload: { batchId: 'b0', updates: [b, cc] } };
  for (const socket of server.sockets)
    server.send(socket, { type: 'batch:update', payload: { batchId: 'b1', updates: [a, inner, d] } });
  await until(() => seen.length === 4);
  assert.deepEqual(seen, ['a', 'b', 'c', 'd']);
});

test('a resync_required error the server sends on a channel makes the channel emit resync', async () => {
  const c = client().connect();
  const channel = c.channel('entity:Forced');
  await until(() => channel.joined);
  const resyncs = [];
  channel.on('resync', (error) => resyncs.push(error.code));
  for (const socket of server.sockets) {
    server.send(socket, {
      type: 'error',
      channel: 'entity:Forced',
      payload: { code: 'resync_required', message: 'reload', recoverable: true },
    });
  }
  await until(() => resyncs.length === 1);
  assert.deepEqual(resyncs, ['resync_required']);
});

test('unsubscribes when a channel is left, and its listeners stop', async () => {
  const c = client().connect();
  const channel = c.channel('component:gone');
  await until(() => channel.joined);
  channel.leave();
  await until(() => server.received.some((f) => f.type === 'unsubscribe' && f.payload.channel === 'component:gone'));
  assert.equal(c.channels.has('component:gone'), false);
});

test('a token about to expire is replaced with an auth frame, without reconnecting', async () => {
  const reasons = [];
  const c = client({
    token: ({ reason }) => {
      reasons.push(reason);
      return jwt(Math.floor(Date.now() / 1000) + (reason === 'expiry' ? 3600 : 1));
    },
    tokenRefreshMargin: 0,
  }).connect();
  await opened(c);
  const handshakes = server.handshakes.length;
  const auth = await server.next('auth');
  assert.equal(auth.payload.token, c.token);
  assert.deepEqual(reasons, ['connect', 'expiry']);
  assert.equal(server.handshakes.length, handshakes, 'no new connection');
});

test('a refreshed token the server refuses is replaced once more, asked for as rejected', async () => {
  const reasons = [];
  server.answer.auth = (frame, socket) => {
    if (frame.payload.token !== 'refused') return false;
    server.send(socket, {
      type: 'error',
      requestId: frame.requestId,
      payload: { code: 'unauthenticated', message: 'the token has expired', recoverable: false },
    });
    return true;
  };
  const c = client({
    token: ({ reason }) => {
      reasons.push(reason);
      if (reason === 'expiry') return 'refused';
      return jwt(Math.floor(Date.now() / 1000) + (reason === 'rejected' ? 3600 : 1));
    },
    tokenRefreshMargin: 0,
  }).connect();
  await opened(c);
  const handshakes = server.handshakes.length;
  assert.equal((await server.next('auth')).payload.token, 'refused');
  const second = await server.next('auth');
  assert.equal(second.payload.token, c.token);
  assert.deepEqual(reasons, ['connect', 'expiry', 'rejected']);
  assert.equal(server.handshakes.length, handshakes, 'no new connection');
});

test('catching up applies the subscription’s filters as the server does live', async () => {
  const c = client().connect();
  const channel = c.channel('entity:Filtered', { filters: { status: 'open' } });
  const seen = [];
  channel.on('entity:updated', (record) => seen.push(record.id));
  channel.on('entity:deleted', (record) => seen.push('-' + record.id));
  await until(() => channel.joined);
  server.dropAll();
  server.commit('Filtered', 'a', { status: 'open' });
  server.commit('Filtered', 'b', { status: 'done' });
  server.commit('Filtered', 'c', {}, 'delete');
  await until(() => seen.length === 2, 5000, 'the catch-up');
  assert.deepEqual(seen, ['a', '-c']);
});

test('when plain HTTP fails as well, the client does not settle on long-poll but returns to WebSocket', async () => {
  server.refuse = true; // the fake server answers no HTTP either, like a network that is down
  const c = client({ fallback: true, fallbackAfter: 2 });
  let fallbacks = 0;
  c.on('fallback', () => fallbacks++);
  c.connect();
  await until(() => fallbacks >= 1, 5000, 'a fallback attempt');
  server.refuse = false;
  await opened(c);
  assert.equal(c.transport.value, 'websocket');
});
