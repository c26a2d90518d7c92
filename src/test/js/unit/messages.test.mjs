import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import http from 'node:http';
import { FakeServer, until } from '../support/fake-server.mjs';
import {
  MESSAGE_TYPES,
  RealtimeClient,
  State,
  calendarMessages as calendar,
  contactMessages as contacts,
  dashboardMessages as dashboard,
  emailMessages as email,
  invalidFields,
  onMessage,
  taskMessages as tasks,
} from '../../../main/webapp/js/syncline/index.js';

let server;
let rest;
let posts = [];
let client;
before(async () => {
  server = await FakeServer.start();
  // the publish endpoint: POST /api/channels/{channel}/messages answers {channel, type, delivered}
  rest = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const channel = decodeURIComponent(request.url.split('/')[3]);
      const parsed = JSON.parse(body);
      posts.push({ method: request.method, url: request.url, auth: request.headers.authorization, body: parsed });
      response.statusCode = 202;
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ channel, type: parsed.type, delivered: 1 }));
    });
  });
  await new Promise((resolve) => rest.listen(0, '127.0.0.1', resolve));
  client = new RealtimeClient({
    url: `http://127.0.0.1:${rest.address().port}`,
    socketUrl: server.url.replace('http', 'ws') + '/api/ws',
    token: () => 'svc',
    fallback: false,
  }).connect();
  await until(() => client.state.value === State.OPEN);
});
after(() => {
  client.disconnect();
  rest.close();
  return server.close();
});

/** Sends a frame of `type` on `channel` to every subscriber of the fake server. */
function deliver(channel, type, payload) {
  for (const socket of server.sockets) {
    if (socket.channels.has(channel)) server.send(socket, { type, channel, payload });
  }
}

const examples = {
  'dashboard:update': {
    module: 'tasks',
    metric: 'completed',
    value: 24,
    change: { previous: 23, current: 24, delta: 1 },
  },
  'task:update': { action: 'updated', task: { id: 't1', title: 'x' }, source: 'motion' },
  'task:sync': { syncId: 's1', status: 'progress', progress: 0.5, processed: 5, total: 10 },
  'calendar:update': { action: 'created', event: { id: 'e1' }, source: 'google', attendees: [{ email: 'a@b' }] },
  'calendar:reminder': {
    eventId: 'e1',
    title: 'Standup',
    startTime: '2024-01-15T10:30:00Z',
    reminderType: 'popup',
    minutesBefore: 10,
  },
  'email:new': { message: { id: 'm1', subject: 'hi' }, folder: 'INBOX', importance: 'high' },
  'email:status': { messageId: 'm1', status: 'read', changedBy: 'ada' },
  'contact:update': { action: 'deleted', contact: { id: 'c1' }, source: 'internal', mergeConflict: false },
};

test("each family's handler gets the frames of its type with the seed's shape, and only those", async () => {
  const channel = client.channel('user:tester');
  await until(() => channel.joined);
  const got = [];
  const offs = [
    dashboard.onUpdate(channel, (p, frame) => got.push(['dashboard:update', p, frame.type])),
    tasks.onUpdate(channel, (p) => got.push(['task:update', p])),
    tasks.onSync(channel, (p) => got.push(['task:sync', p])),
    calendar.onUpdate(channel, (p) => got.push(['calendar:update', p])),
    calendar.onReminder(channel, (p) => got.push(['calendar:reminder', p])),
    email.onNew(channel, (p) => got.push(['email:new', p])),
    email.onStatus(channel, (p) => got.push(['email:status', p])),
    contacts.onUpdate(channel, (p) => got.push(['contact:update', p])),
  ];
  // malformed ones first: a wrong enum, a missing field, a non-number delta
  deliver('user:tester', 'task:sync', { ...examples['task:sync'], status: 'paused' });
  deliver('user:tester', 'email:new', { folder: 'INBOX', importance: 'low' });
  deliver('user:tester', 'dashboard:update', { ...examples['dashboard:update'], change: { delta: 'one' } });
  for (const [type, payload] of Object.entries(examples)) deliver('user:tester', type, payload);
  await until(() => got.length === MESSAGE_TYPES.length, 5000, 'one of each');
  assert.deepEqual(
    got.map(([type]) => type),
    Object.keys(examples),
  );
  assert.deepEqual(got[0], ['dashboard:update', examples['dashboard:update'], 'dashboard:update']);
  for (const [type, payload] of got) assert.deepEqual(payload, examples[type]);

  for (const off of offs) off();
  deliver('user:tester', 'task:sync', examples['task:sync']);
  const seen = new Promise((resolve) => channel.once('task:sync', resolve));
  await seen;
  assert.equal(got.length, MESSAGE_TYPES.length, 'a removed handler is not called');
  channel.leave();
});

test('publishing posts {type, payload} to the channel with the token; a wrong shape sends nothing', async () => {
  posts = [];
  const result = await dashboard.publishUpdate(client, 'user:ada', {
    module: 'tasks',
    metric: 'completed',
    value: 24,
    change: dashboard.change(23, 24),
  });
  assert.deepEqual(result, { channel: 'user:ada', type: 'dashboard:update', delivered: 1 });
  assert.equal(posts.length, 1);
  assert.equal(posts[0].method, 'POST');
  assert.equal(posts[0].url, '/api/channels/user%3Aada/messages');
  assert.equal(posts[0].auth, 'Bearer svc');
  assert.deepEqual(posts[0].body, { type: 'dashboard:update', payload: examples['dashboard:update'] });

  await tasks.publishSync(client, 'entity:Task', examples['task:sync']);
  await email.publishStatus(client, 'user:ada', examples['email:status']);
  assert.deepEqual(
    posts.map((p) => p.body.type),
    ['dashboard:update', 'task:sync', 'email:status'],
  );

  await assert.rejects(
    calendar.publishReminder(client, 'user:ada', { ...examples['calendar:reminder'], reminderType: 'sms' }),
    (e) => e instanceof TypeError && /reminderType/.test(e.message),
  );
  await assert.rejects(
    contacts.publishUpdate(client, 'user:ada', { action: 'updated', source: 'google' }),
    (e) => e instanceof TypeError && /contact/.test(e.message),
  );
  assert.equal(posts.length, 3, 'nothing sent for a wrong shape');
});

test('invalidFields names what is wrong; unknown types are refused', () => {
  for (const [type, payload] of Object.entries(examples)) assert.deepEqual(invalidFields(type, payload), [], type);
  assert.deepEqual(invalidFields('task:sync', { syncId: 's', status: 'done', progress: '1', processed: 1 }), [
    'status',
    'progress',
    'total',
  ]);
  assert.deepEqual(invalidFields('email:status', null), ['messageId', 'status', 'changedBy']);
  assert.throws(() => invalidFields('journal:update', {}), TypeError);
  assert.throws(() => onMessage(client.channel('user:x'), 'journal:update', () => {}), TypeError);
  client.channel('user:x').leave();
});
