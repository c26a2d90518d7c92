import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import http from 'node:http';
import { FakeServer, until } from '../support/fake-server.mjs';
import { Collection, OptimisticManager, RealtimeClient, State } from '../../../main/webapp/js/syncline/index.js';
import { invalidates } from '../../../main/webapp/js/syncline/collection.js';

let server;
let rest;
let snapshots = 0;
let client;
before(async () => {
  server = await FakeServer.start();
  // the collection's snapshot: the fake server's records, as GET /api/entities/{e} answers
  rest = http.createServer((request, response) => {
    const entity = decodeURIComponent(request.url.split('?')[0].split('/').pop());
    snapshots++;
    const records = new Map();
    for (const c of server.log.filter((change) => change.entity === entity))
      c.action === 'delete' ? records.delete(c.entityId) : records.set(c.entityId, c);
    const items = [...records.values()].map((c) => ({ id: c.entityId, version: c.version, data: c.data }));
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ items, version: server.version, offset: 0, limit: 500 }));
  });
  await new Promise((resolve) => rest.listen(0, '127.0.0.1', resolve));
  const restUrl = `http://127.0.0.1:${rest.address().port}`;
  client = new RealtimeClient({
    url: restUrl,
    socketUrl: server.url.replace('http', 'ws') + '/api/ws',
    token: () => 't',
    backoffBase: 10,
    backoffCap: 50,
    fallback: false,
  }).connect();
  await until(() => client.state.value === State.OPEN);
});
after(() => {
  client.disconnect();
  rest.close();
  return server.close();
});

const ids = (collection) => collection.items.value.map((item) => item.id);

test('a create shows at once under a temporary id and takes the real id on push_ack', async () => {
  const tasks = await new Collection(client, 'Task').load();
  const optimistic = new OptimisticManager(client);
  const pushed = server.next('push');
  const created = optimistic.create(tasks, { title: 'write tests' });
  const shown = tasks.items.value.at(-1);
  assert.match(shown.id, /^temp_/);
  assert.equal(shown._optimistic, true);
  const push = await pushed;
  assert.ok(push.payload.mutationId && push.payload.entityId);
  const record = await created;
  assert.equal(record.id, push.payload.entityId);
  await until(() => !tasks.items.value.some((item) => item._optimistic));
  assert.deepEqual(tasks.items.value.at(-1), { id: push.payload.entityId, title: 'write tests' });
});

test('an update the server refuses is rolled back and rejects with its code', async () => {
  server.commit('Note', 'n1', { text: 'before' }, 'create');
  const notes = await new Collection(client, 'Note').load();
  server.answer.push = (frame, socket) => {
    server.send(socket, {
      type: 'error',
      requestId: frame.requestId,
      payload: { code: 'validation_failed', message: 'too long', recoverable: true },
    });
    return true;
  };
  const optimistic = new OptimisticManager(client);
  const update = optimistic.update(notes, 'n1', { text: 'after' });
  assert.equal(notes.get('n1').text, 'after');
  await assert.rejects(update, (e) => e.code === 'validation_failed');
  assert.deepEqual(notes.get('n1'), { id: 'n1', text: 'before' });
  server.answer = {};
});

test('a conflict rolls back and reaches the callback with both versions and a way to settle it', async () => {
  server.commit('Doc', 'd1', { title: 'theirs' }, 'create');
  const docs = await new Collection(client, 'Doc').load();
  server.answer.push = (frame, socket) => {
    server.send(socket, {
      type: 'conflict:detect',
      requestId: frame.requestId,
      payload: {
        conflictId: 'k1',
        conflictType: 'version',
        entityType: 'Doc',
        entityId: 'd1',
        versions: {
          local: { version: frame.payload.baseVersion, data: frame.payload.data },
          remote: { version: 99, data: { title: 'newer' } },
        },
      },
    });
    return true;
  };
  const conflicts = [];
  const optimistic = new OptimisticManager(client, { onConflict: (c) => conflicts.push(c) });
  const deleting = optimistic.delete(docs, 'd1');
  assert.deepEqual(ids(docs), []);
  await assert.rejects(deleting, (e) => e.code === 'conflict');
  assert.deepEqual(ids(docs), ['d1']);
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].remote.version, 99);
  assert.equal(conflicts[0].local.version, server.version);
  server.answer = {};
  const resolving = server.next('conflict:resolve');
  conflicts[0].resolve('local').catch(() => {});
  assert.deepEqual((await resolving).payload, { conflictId: 'k1', choice: 'local' });
});

test('a conflict:manual-resolution after the conflict reaches onManualResolution with its options and ui', async () => {
  server.commit('Card', 'c1', { title: 'theirs', done: false }, 'create');
  const cards = await new Collection(client, 'Card').load();
  const options = [
    { choice: 'local', id: 'c1', version: 1, data: { title: 'mine' }, metadata: { source: 'local' } },
    { choice: 'remote', id: 'c1', version: 7, data: { title: 'newer', done: false }, metadata: { source: 'server' } },
  ];
  const ui = { title: 'Card c1 was changed meanwhile', description: 'Keep yours or theirs', fields: ['title'] };
  server.answer.push = (frame, socket) => {
    const payload = { conflictId: 'k2', conflictType: 'version', entityType: 'Card', entityId: 'c1', versions: {} };
    server.send(socket, { type: 'conflict:detect', requestId: frame.requestId, payload });
    // another conflict's request first: not this manager's
    server.send(socket, { type: 'conflict:manual-resolution', payload: { conflictId: 'other', options: [], ui } });
    server.send(socket, {
      type: 'conflict:manual-resolution',
      requestId: frame.requestId,
      payload: { conflictId: 'k2', options, ui },
    });
    return true;
  };
  const conflicts = [];
  const manual = [];
  const optimistic = new OptimisticManager(client, {
    onConflict: (c) => conflicts.push(c),
    onManualResolution: (r) => manual.push(r),
  });
  await assert.rejects(optimistic.update(cards, 'c1', { title: 'mine' }), (e) => e.code === 'conflict');
  await until(() => manual.length === 1, 5000, 'the manual resolution');
  assert.equal(conflicts.length, 1);
  assert.equal(manual[0].conflictId, 'k2');
  assert.equal(manual[0].entity, 'Card');
  assert.deepEqual(manual[0].options, options);
  assert.deepEqual(manual[0].ui.fields, ['title']);
  server.answer = {};
  const resolving = server.next('conflict:resolve');
  manual[0].resolve('remote').catch(() => {});
  assert.deepEqual((await resolving).payload, { conflictId: 'k2', choice: 'remote' });
  optimistic.dispose();
});

test('a push in flight when the connection drops is sent again with the same mutationId', async () => {
  const tasks = await new Collection(client, 'Job').load();
  let first;
  server.answer.push = (frame, socket) => {
    first = frame;
    server.answer = {};
    socket.terminate(); // lost before the ack
    return true;
  };
  const optimistic = new OptimisticManager(client);
  const record = await optimistic.create(tasks, { title: 'once' });
  const pushes = server.received.filter((f) => f.type === 'push' && f.payload.entity === 'Job');
  assert.equal(pushes.length, 2);
  assert.equal(pushes[1].payload.mutationId, first.payload.mutationId);
  await until(() => !tasks.items.value.some((item) => item._optimistic));
  assert.deepEqual(ids(tasks), [record.id]);
  assert.equal(server.log.filter((c) => c.entity === 'Job').length, 1);
});

test('a published cache:invalidate naming a collection reloads it; others stay', async () => {
  server.commit('Inv', 'i1', { n: 1 }, 'create');
  const invs = await new Collection(client, 'Inv').load();
  const others = await new Collection(client, 'Other').load();
  const before = snapshots;
  server.log.push({ entity: 'Inv', entityId: 'i2', action: 'create', data: { n: 2 }, version: server.version });
  for (const socket of server.sockets) {
    server.send(socket, { type: 'cache:invalidate', channel: 'user:t', payload: { keys: ['Inv'], cascade: false } });
  }
  await until(() => ids(invs).includes('i2'), 5000, 'reloaded');
  assert.equal(snapshots, before + 1, 'only the named collection asked for a new snapshot');
  assert.deepEqual(ids(others), []);
  assert.equal(invalidates({ pattern: 'entity:In*' }, 'Inv'), true);
  assert.equal(invalidates({ keys: ['Inv:i1'] }, 'Inv'), true);
  assert.equal(invalidates({ keys: ['Invoice'] }, 'Inv'), false);
});
