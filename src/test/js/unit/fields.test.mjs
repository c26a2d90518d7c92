import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeServer, until } from '../support/fake-server.mjs';
import { RealtimeClient, State, fieldTimestamp } from '../../../main/webapp/js/syncline/index.js';

let server;
let client;
before(async () => {
  server = await FakeServer.start();
  client = new RealtimeClient({
    socketUrl: server.url.replace('http', 'ws') + '/api/ws',
    url: server.url,
    token: () => 't',
    backoffBase: 10,
    backoffCap: 50,
    fallback: false,
  }).connect();
  await until(() => client.state.value === State.OPEN);
});
after(() => {
  client.disconnect();
  return server.close();
});

test('field timestamps never go back, however often they are taken', () => {
  const stamps = Array.from({ length: 1000 }, () => fieldTimestamp());
  for (let i = 1; i < stamps.length; i++) assert.ok(stamps[i] > stamps[i - 1], `stamp ${i}`);
  assert.ok(Math.abs(stamps[0] - Date.now()) < 60000, 'close to the wall clock');
});

test('a push sends each field with one timestamp and resolves with what was applied', async () => {
  const notes = client.fields('Note');
  await until(() => notes.joined, 5000, 'the subscription');
  const sent = server.next('push_fields');
  const result = await notes.push('n1', { title: 'Hello', body: null });
  const push = await sent;
  assert.equal(push.payload.entity, 'Note');
  assert.deepEqual(
    push.payload.fields.map(({ field, action }) => `${field} ${action}`),
    ['title set', 'body unset'],
  );
  assert.equal(push.payload.fields[0].timestamp, push.payload.fields[1].timestamp);
  assert.equal(result.applied, 2);
  assert.deepEqual(result.conflicts, []);
  assert.equal(result.version, server.version);
});

test('a field that loses to a newer one is a conflict, as an event and in the promise', async () => {
  const docs = client.fields('Doc');
  await until(() => docs.joined, 5000, 'the subscription');
  server.commitFields(
    'Doc',
    'd1',
    [{ field: 'title', value: 'theirs', action: 'set', timestamp: Date.now() + 30000 }],
    'bob',
  );
  const events = [];
  docs.on('conflict', (conflict) => events.push(conflict));
  const result = await docs.push('d1', { title: 'mine', body: 'also mine' });
  assert.equal(result.applied, 1);
  assert.equal(result.conflicts.length, 1);
  assert.equal(result.conflicts[0].field, 'title');
  assert.equal(result.conflicts[0].serverValue, 'theirs');
  assert.equal(result.conflicts[0].clientValue, 'mine');
  assert.deepEqual(events, result.conflicts);
});

test('field changes arrive as change events, and a reconnect catches up each one once, in order', async () => {
  const cards = client.fields('Card');
  const seen = [];
  cards.on('change', (change, frame) => seen.push(`${change.field}=${change.value}@${frame.version}`));
  await until(() => cards.joined, 5000, 'the subscription');
  server.commitFields('Card', 'c1', [{ field: 'a', value: 1, action: 'set', timestamp: 1 }], 'bob');
  await until(() => seen.length === 1, 5000, 'the live change');

  // the close event, not a poll of the state: a fast reconnect can hide the drop from a poll
  const dropped = new Promise((resolve) => client.once('close', resolve));
  server.dropAll();
  await dropped;
  server.commitFields('Card', 'c1', [
    { field: 'b', value: 2, action: 'set', timestamp: 2 },
    { field: 'c', value: 3, action: 'set', timestamp: 2 },
  ]);
  server.commitFields('Card', 'c1', [{ field: 'a', value: 4, action: 'set', timestamp: 3 }]);
  await until(() => seen.length === 4, 5000, 'the catch-up');
  await until(() => cards.joined, 5000, 'the rejoin');
  server.commitFields('Card', 'c1', [{ field: 'd', value: 5, action: 'set', timestamp: 4 }]);
  await until(() => seen.length === 5, 5000, 'the next live change');
  const v = (i) => server.version - 3 + i;
  assert.deepEqual(seen, [`a=1@${v(0)}`, `b=2@${v(1)}`, `c=3@${v(1)}`, `a=4@${v(2)}`, `d=5@${v(3)}`]);
});

test('a push whose answer was lost is sent again with the same timestamps and applied once', async () => {
  const memos = client.fields('Memo');
  await until(() => memos.joined, 5000, 'the subscription');
  let first = true;
  server.answer.push_fields = () => {
    if (!first) return false;
    first = false;
    setTimeout(() => server.dropAll(), 5);
    return true; // swallowed: the connection drops before any answer
  };
  const pushes = [];
  const received = (frame) => frame.type === 'push_fields' && pushes.push(frame);
  const before = server.received.length;
  const result = await memos.push('m1', { text: 'once' });
  server.received.slice(before).forEach(received);
  delete server.answer.push_fields;
  assert.equal(pushes.length, 2);
  assert.deepEqual(pushes[0].payload.fields, pushes[1].payload.fields);
  assert.equal(result.applied, 1);
  assert.equal(server.log.filter((change) => change.entity === 'Memo').length, 1);
});
