import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeServer, until } from '../support/fake-server.mjs';
import { RealtimeClient, State } from '../../../main/webapp/js/syncline/index.js';

let server;
let client;
before(async () => {
  server = await FakeServer.start();
  // a contact form: email needs an @, message 10 characters
  const check = (field, value) =>
    field === 'email' && !String(value).includes('@')
      ? 'must be a well-formed email address'
      : field === 'message' && String(value ?? '').length < 10
        ? 'size must be between 10 and 2000'
        : null;
  server.answer.validate_field = (frame, socket) => {
    const { form, field, value } = frame.payload;
    if (form !== 'contact') {
      server.send(socket, {
        type: 'error',
        requestId: frame.requestId,
        payload: { code: 'not_found', message: `no form '${form}'`, recoverable: true },
      });
      return true;
    }
    const error = check(field, value);
    server.send(socket, {
      type: 'validation_result',
      requestId: frame.requestId,
      payload: { form, field, valid: !error, error, metadata: {} },
    });
    return true;
  };
  server.answer.validate_form = (frame, socket) => {
    const errors = frame.payload.fields
      .map(({ field, value }) => ({ field, error: check(field, value) }))
      .filter((e) => e.error);
    server.send(socket, {
      type: 'form_validation_result',
      requestId: frame.requestId,
      payload: { form: frame.payload.form, valid: errors.length === 0, errors },
    });
    return true;
  };
  client = new RealtimeClient({
    socketUrl: server.url.replace('http', 'ws') + '/api/ws',
    url: server.url,
    token: () => 't',
    fallback: false,
  }).connect();
  await until(() => client.state.value === State.OPEN);
});
after(() => {
  client.disconnect();
  return server.close();
});

test('validate answers one field, validateForm a whole form given as {field: value}', async () => {
  assert.deepEqual(await client.validate('contact', 'email', 'ada@example.com'), {
    form: 'contact',
    field: 'email',
    valid: true,
    error: null,
    metadata: {},
  });
  assert.equal((await client.validate('contact', 'email', 'nope')).error, 'must be a well-formed email address');
  const sent = server.next('validate_form');
  const result = await client.validateForm('contact', { email: 'x', message: 'long enough now' });
  assert.deepEqual((await sent).payload.fields, [
    { field: 'email', value: 'x' },
    { field: 'message', value: 'long enough now' },
  ]);
  assert.deepEqual(result, {
    form: 'contact',
    valid: false,
    errors: [{ field: 'email', error: 'must be a well-formed email address' }],
  });
});

test("an unknown form rejects with the server's code", async () => {
  await assert.rejects(client.validate('nope', 'x', 'y'), (e) => e.code === 'not_found');
});

test("as-you-type checks send only a field's latest value, and every call gets its answer", async () => {
  const validator = client.validator('contact', { wait: 40 });
  const before = server.received.filter((f) => f.type === 'validate_field').length;
  const typed = ['a', 'ad', 'ada', 'ada@', 'ada@x.io'].map((value) => validator.field('email', value));
  const message = validator.field('message', 'short');
  const answers = await Promise.all(typed);
  const messageAnswer = await message; // answered: the server has both fields' requests
  const sent = server.received.filter((f) => f.type === 'validate_field').slice(before);
  assert.deepEqual(sent.map((f) => `${f.payload.field}=${f.payload.value}`).sort(), [
    'email=ada@x.io',
    'message=short',
  ]);
  for (const answer of answers) assert.equal(answer.valid, true);
  assert.equal(messageAnswer.valid, false);
  validator.dispose();
});
