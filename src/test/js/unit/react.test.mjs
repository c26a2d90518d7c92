// The optional React module (react.js) with React from npm, rendered by react-test-renderer.
import '../support/peers.mjs'; // first: lets react.js import the tests' React
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeServer, until } from '../support/fake-server.mjs';
import { FakeSchemas } from '../support/fake-schemas.mjs';
import { RealtimeClient, State } from '../../../main/webapp/js/syncline/index.js';

const { createElement: h } = await import('react');
const { default: TestRenderer, act } = await import('react-test-renderer');
const { useChannel, usePresence, useSchema, useSignal } = await import('../../../main/webapp/js/syncline/react.js');

globalThis.IS_REACT_ACT_ENVIRONMENT = true;

let server;
let schemas;
let client;
before(async () => {
  server = await FakeServer.start();
  schemas = new FakeSchemas(server);
  client = new RealtimeClient({
    url: server.url,
    token: () => 't',
    fetch: schemas.fetch,
    fallback: false,
  }).connect();
  await until(() => client.state.value === State.OPEN);
});
after(() => {
  client.disconnect();
  return server.close();
});

/** Renders `element`, and what each render of `probe` returned, newest last. */
async function render(element) {
  let renderer;
  await act(async () => {
    renderer = TestRenderer.create(element);
  });
  return renderer;
}

/** Waits, inside act, until `predicate()` holds. */
const settle = (predicate, what) =>
  act(async () => {
    await until(predicate, 5000, what);
  });

function sendTo(channel, frame) {
  for (const socket of server.sockets) if (socket.channels.has(channel)) server.send(socket, { ...frame, channel });
}

test('useChannel joins on mount, re-renders with its frames, and leaves when its last user unmounts', async () => {
  const seen = { a: [], b: [] };
  const frames = [];
  function Board({ id }) {
    const { joined, lastFrame } = useChannel(client, 'component:board', {
      types: ['component:updated'],
      onFrame: (frame) => id === 'a' && frames.push(frame.type),
    });
    seen[id].push({ joined, data: lastFrame?.payload?.data ?? null });
    return h('p', null, joined ? `joined ${lastFrame?.payload?.data?.title ?? '-'}` : 'joining');
  }
  const subscribing = server.next('subscribe');
  const renderer = await render(h('div', null, h(Board, { id: 'a' }), h(Board, { id: 'b' })));
  assert.equal((await subscribing).payload.channel, 'component:board');
  await settle(() => seen.a.at(-1).joined && seen.b.at(-1).joined, 'joined');
  assert.equal(
    server.received.filter((f) => f.type === 'subscribe' && f.payload.channel === 'component:board').length,
    1,
  );

  sendTo('component:board', { type: 'component:typing', payload: { userId: 'bob' } });
  sendTo('component:board', { type: 'component:updated', payload: { data: { title: 'v2' } } });
  await settle(() => seen.a.at(-1).data?.title === 'v2', 'the update');
  assert.deepEqual(
    renderer.toJSON().children.map((p) => p.children.join('')),
    ['joined v2', 'joined v2'],
  );
  assert.deepEqual(frames.slice(-2), ['component:typing', 'component:updated'], 'onFrame sees every frame');

  // one of two unmounts: still subscribed; the last: unsubscribed
  await act(async () => renderer.update(h('div', null, h(Board, { id: 'b' }))));
  assert.equal(server.received.filter((f) => f.type === 'unsubscribe').length, 0);
  const unsubscribing = server.next('unsubscribe');
  await act(async () => renderer.unmount());
  assert.equal((await unsubscribing).payload.channel, 'component:board');
  assert.equal(client.channels.has('component:board'), false);
});

test('usePresence lists the members as they come and go, and leaves on unmount', async () => {
  server.answer['presence:join'] = (frame, socket) => {
    socket.channels.add('presence:doc-1');
    server.send(socket, {
      type: 'presence:sync',
      requestId: frame.requestId,
      channel: 'presence:doc-1',
      payload: {
        users: [
          { id: 'tester', name: frame.payload.name },
          { id: 'bob', name: 'Bob' },
        ],
      },
    });
    return true;
  };
  const renders = [];
  function Who() {
    const members = usePresence(client, 'doc-1', { name: 'Ada' });
    renders.push(members.map((m) => m.name));
    return h('span', null, members.map((m) => m.name).join(','));
  }
  const joining = server.next('presence:join');
  const renderer = await render(h(Who));
  assert.deepEqual((await joining).payload, { resource: 'doc-1', name: 'Ada' });
  await settle(() => renderer.toJSON()?.children?.[0] === 'Ada,Bob', 'the snapshot');

  sendTo('presence:doc-1', { type: 'presence:join', payload: { user: { id: 'cy', name: 'Cy' } } });
  await settle(() => renderer.toJSON().children[0] === 'Ada,Bob,Cy', 'a join');
  sendTo('presence:doc-1', { type: 'presence:leave', payload: { user: { id: 'bob' } } });
  await settle(() => renderer.toJSON().children[0] === 'Ada,Cy', 'a leave');

  const leaving = server.next('presence:leave');
  await act(async () => renderer.unmount());
  assert.deepEqual((await leaving).payload, { resource: 'doc-1' });
  delete server.answer['presence:join'];
});

test('useSchema renders the schema from HTTP, then each live version; useSignal follows a signal', async () => {
  schemas.put('crm', 'record', { fields: [{ name: 'title', type: 'string' }] });
  function Form() {
    const schema = useSchema(client, 'crm', { storage: null });
    const state = useSignal(client.state);
    return h(
      'i',
      null,
      `${state} v${schema?.version ?? 0} ${schema?.schema.fields.map((f) => f.name).join('+') ?? ''}`,
    );
  }
  const renderer = await render(h(Form));
  await settle(() => renderer.toJSON().children[0] === 'open v1 title', 'version 1 over HTTP');
  await settle(() => client.schemas.get('crm')?.channel?.joined, 'subscribed to schema:crm');
  schemas.put('crm', 'record', {
    fields: [
      { name: 'title', type: 'string' },
      { name: 'due', type: 'string' },
    ],
  });
  await settle(() => renderer.toJSON().children[0] === 'open v2 title+due', 'version 2 live');
  const unsubscribing = server.next('unsubscribe');
  await act(async () => renderer.unmount());
  assert.equal((await unsubscribing).payload.channel, 'schema:crm');
  assert.equal(client.schemas.has('crm'), false, 'the manager is disposed with its last user');
});

test('under StrictMode (mount, unmount, mount) useChannel ends up joined and live', async () => {
  const { StrictMode } = await import('react');
  function Feed() {
    const { joined, lastFrame } = useChannel(client, 'component:strict');
    return h('b', null, `${joined} ${lastFrame?.payload?.n ?? '-'}`);
  }
  const renderer = await render(h(StrictMode, null, h(Feed)));
  await settle(() => renderer.toJSON().children[0] === 'true -', 'joined');
  sendTo('component:strict', { type: 'component:updated', payload: { n: 1 } });
  await settle(() => renderer.toJSON().children[0] === 'true 1', 'a frame');
  const unsubscribing = server.next('unsubscribe');
  await act(async () => renderer.unmount());
  assert.equal((await unsubscribing).payload.channel, 'component:strict');
});
