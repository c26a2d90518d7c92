import assert from 'node:assert/strict';
import { test } from 'node:test';
import { until } from '../support/fake-server.mjs';
import { LongPollTransport } from '../../../main/webapp/js/syncline/transport-longpoll.js';

/**
 * An Http whose answers the test gives: each request waits in `calls` until the test answers it
 * (`reply`) or fails it (`fail`); an aborted one rejects as fetch does.
 */
function fakeHttp() {
  const calls = [];
  const http = {
    calls,
    request(method, path, { body, signal } = {}) {
      return new Promise((resolve, reject) => {
        const call = {
          method,
          path,
          body,
          reply: (answer) => resolve({ status: 200, body: answer }),
          fail: (error) => reject(error),
        };
        signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
        calls.push(call);
      });
    },
    get(path, options) {
      return http.request('GET', path, options);
    },
    /** The next unanswered call to `path` (a prefix). */
    async next(path) {
      let call;
      await until(() => (call = calls.find((c) => !c.taken && c.path.startsWith(path))), 2000, path);
      call.taken = true;
      return call;
    },
  };
  return http;
}

const frame = (type, extra = {}) => ({ type, ...extra });

async function started() {
  const http = fakeHttp();
  const transport = new LongPollTransport({ http, pollTimeout: 1000 });
  const frames = [];
  const closes = [];
  transport.start('t0k3n', { onFrame: (f) => frames.push(f), onClose: (c) => closes.push(c) });
  (await http.next('/api/lp/connect')).reply({
    session: 's1',
    connectionId: 'c1',
    last: 1,
    frames: [frame('connection:established', { payload: { connectionId: 'c1' } })],
  });
  return { http, transport, frames, closes };
}

test('long-poll: a poll lost on the network is asked again with the same ack, and each frame arrives once', async () => {
  const { http, frames, closes } = await started();
  assert.deepEqual(
    frames.map((f) => f.type),
    ['connection:established'],
  );
  const first = await http.next('/api/lp/s1/poll');
  assert.match(first.path, /ack=1&/);
  first.fail(new TypeError('fetch failed'));
  const again = await http.next('/api/lp/s1/poll');
  assert.match(again.path, /ack=1&/, 'the same ack after a lost answer');
  again.reply({ last: 3, frames: [frame('pong', { requestId: 'a' }), frame('pong', { requestId: 'b' })] });
  const third = await http.next('/api/lp/s1/poll');
  assert.match(third.path, /ack=3&/);
  // an answer that repeats frames already taken (numbers 2 and 3) delivers only the new one
  third.reply({
    last: 4,
    frames: [frame('pong', { requestId: 'a' }), frame('pong', { requestId: 'b' }), frame('pong', { requestId: 'c' })],
  });
  await http.next('/api/lp/s1/poll?ack=4');
  assert.deepEqual(
    frames.slice(1).map((f) => f.requestId),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(closes, []);
});

test('long-poll: frames are posted in order, one post at a time, and a close from the server ends it', async () => {
  const { http, transport, frames, closes } = await started();
  transport.send(frame('ping', { requestId: '1' }));
  transport.send(frame('ping', { requestId: '2' }));
  transport.send(frame('ping', { requestId: '3' }));
  const post = await http.next('/api/lp/s1/frames');
  assert.deepEqual(
    post.body.map((f) => f.requestId),
    ['1'],
  );
  assert.equal(http.calls.filter((c) => c.path.endsWith('/frames')).length, 1, 'one post in flight');
  post.reply({ accepted: 1 });
  const rest = await http.next('/api/lp/s1/frames');
  assert.deepEqual(
    rest.body.map((f) => f.requestId),
    ['2', '3'],
  );
  rest.reply({ accepted: 2 });

  (await http.next('/api/lp/s1/poll')).reply({
    last: 2,
    frames: [frame('error', { payload: { code: 'unauthenticated' } })],
    closed: { code: 1008, reason: 'unauthenticated' },
  });
  await until(() => closes.length === 1, 2000, 'the close');
  assert.deepEqual(closes, [{ code: 1008, reason: 'unauthenticated', opened: true }]);
  assert.equal(frames.at(-1).type, 'error');
});

test('long-poll: a session the server no longer knows closes the transport, so the client reconnects', async () => {
  const { http, closes } = await started();
  (await http.next('/api/lp/s1/poll')).fail(Object.assign(new Error('no long-poll session'), { status: 404 }));
  await until(() => closes.length === 1, 2000, 'the close');
  assert.equal(closes[0].code, 1006);
  assert.equal(http.calls.filter((c) => c.method === 'DELETE').length, 0, 'nothing to delete');
});

test('long-poll: a post refused as too large (413) closes the transport as a socket would, with 1009', async () => {
  const { http, transport, closes } = await started();
  transport.send(frame('push', { requestId: 'big' }));
  (await http.next('/api/lp/s1/frames')).fail(Object.assign(new Error('too large'), { status: 413 }));
  await until(() => closes.length === 1, 2000, 'the close');
  assert.equal(closes[0].code, 1009);
});

test('long-poll: closing from the client deletes the session', async () => {
  const { http, transport, closes } = await started();
  await http.next('/api/lp/s1/poll');
  transport.close(1000, 'bye');
  const deleted = await http.next('/api/lp/s1');
  assert.equal(deleted.method, 'DELETE');
  assert.deepEqual(closes, [{ code: 1000, reason: 'bye', opened: true }]);
});
