import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeServer, until } from '../support/fake-server.mjs';
import { RealtimeClient, State } from '../../../main/webapp/js/syncline/index.js';

let server;
let client;
before(async () => {
  server = await FakeServer.start();
  client = new RealtimeClient({ url: server.url, token: () => 't', fallback: false }).connect();
  await until(() => client.state.value === State.OPEN);
});
after(() => {
  client.disconnect();
  return server.close();
});

test('diffs that arrive before the snapshot are held, then applied over it', async () => {
  let socket;
  server.answer['presence:join'] = (frame, s) => {
    socket = s;
    // a join and a leave overtake the snapshot
    server.send(s, { type: 'presence:join', channel: 'presence:doc', payload: { user: { id: 'cy', name: 'Cy' } } });
    server.send(s, { type: 'presence:leave', channel: 'presence:doc', payload: { user: { id: 'bo' } } });
    server.send(s, {
      type: 'presence:sync',
      channel: 'presence:doc',
      requestId: frame.requestId,
      payload: {
        resource: 'doc',
        count: 2,
        users: [
          { id: 'al', name: 'Al' },
          { id: 'bo', name: 'Bo' },
        ],
      },
    });
    return true;
  };
  const presence = client.presence('doc', { name: 'Me' });
  await until(() => presence.synced);
  assert.deepEqual(
    presence.members.value.map((m) => m.id),
    ['al', 'cy'],
  );
  server.send(socket, {
    type: 'presence:diff',
    channel: 'presence:doc',
    payload: { joins: [{ id: 'di', name: 'Di' }], leaves: [], updates: [{ id: 'al', metadata: { typing: true } }] },
  });
  await until(() => presence.members.value.length === 3);
  assert.deepEqual(presence.members.value.find((m) => m.id === 'al').metadata, { typing: true });
  assert.equal(presence.count.value, 3);
  const join = server.received.find((f) => f.type === 'presence:join');
  assert.deepEqual(join.payload, { resource: 'doc', name: 'Me' });
});
