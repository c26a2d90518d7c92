import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { FakeServer, until } from '../support/fake-server.mjs';
import { FakeSchemas, memoryStorage } from '../support/fake-schemas.mjs';
import {
  Collection,
  RealtimeClient,
  SchemaError,
  checkShape,
  diffFields,
} from '../../../main/webapp/js/syncline/index.js';

let server;
let schemas;
const clients = [];
before(async () => {
  server = await FakeServer.start();
  schemas = new FakeSchemas(server);
});
after(() => {
  while (clients.length) clients.pop().disconnect();
  return server.close();
});
beforeEach(() => {
  while (clients.length) clients.pop().disconnect();
  schemas.down = false;
});

let apps = 0;
const nextApp = () => 'app' + ++apps;
const TITLE = { name: 'title', type: 'string', required: true };
const record = (...fields) => ({ fields });

function client(options = {}) {
  const c = new RealtimeClient({
    url: server.url,
    token: () => 'token',
    fetch: schemas.fetch,
    backoffBase: 20,
    backoffCap: 200,
    fallback: false,
    ...options,
  });
  clients.push(c);
  return c.connect();
}

/** A manager whose `change` and `error` events are recorded. */
function manage(c, app, options = {}) {
  const manager = c.schema(app, { storage: memoryStorage(), ...options });
  manager.changes = [];
  manager.errors = [];
  manager.on('change', (change) => manager.changes.push(change));
  manager.on('error', (error) => manager.errors.push(error));
  return manager;
}

const joined = (manager) => until(() => manager.channel.joined, 5000, 'subscribed');

test('the initial schema comes over HTTP, then updates arrive live with what changed', async () => {
  const app = nextApp();
  schemas.put(app, 'record', record(TITLE, { name: 'note', type: 'string' }));
  const manager = manage(client(), app);
  await manager.ready;
  assert.equal(manager.version, 1);
  assert.deepEqual(
    manager.fields.map((f) => f.name),
    ['title', 'note'],
  );
  assert.ok(schemas.requests.includes('/api/schemas/' + app));
  await joined(manager);

  schemas.put(app, 'record', record({ ...TITLE, label: 'Title' }, { name: 'due', type: 'date' }));
  await until(() => manager.version === 2, 5000, 'live update');
  const change = manager.changes.at(-1);
  assert.equal(change.version, 2);
  assert.equal(change.previousVersion, 1);
  assert.deepEqual(change.added, ['due']);
  assert.deepEqual(change.removed, ['note']);
  assert.deepEqual(change.changed, ['title']);
  assert.equal(change.source, 'socket');
  assert.equal(manager.schema.value.version, 2);
});

test('the version never moves backwards: older and repeated updates are ignored', async () => {
  const app = nextApp();
  schemas.put(app, 'record', record(TITLE));
  const v2 = schemas.put(app, 'record', record(TITLE, { name: 'a', type: 'string' }));
  const manager = manage(client(), app);
  await manager.ready;
  await joined(manager);
  assert.equal(manager.version, 2);
  const seen = manager.changes.length;
  schemas.push(schemas.apps.get(app)[0]); // version 1 again
  schemas.push(v2); // version 2 again
  assert.equal(manager.apply({ ...schemas.apps.get(app)[0] }), false);
  const v3 = schemas.put(app, 'record', record(TITLE, { name: 'b', type: 'string' }));
  await until(() => manager.version === 3);
  assert.equal(manager.changes.length, seen + 1, 'only version 3 changed anything');
  assert.deepEqual(manager.changes.at(-1).added, ['b']);
  assert.equal(manager.apply(v3), false);
  assert.equal(manager.errors.length, 0);
});

test('the version held survives in storage, and a reconnect catches up from it', async () => {
  const app = nextApp();
  const storage = memoryStorage();
  schemas.put(app, 'record', record(TITLE));
  schemas.put(app, 'record', record(TITLE, { name: 'a', type: 'string' }));
  const first = client();
  const manager = manage(first, app, { storage });
  await manager.ready;
  assert.equal(JSON.parse(storage.getItem('syncline.schema.' + app)).version, 2);
  first.disconnect();

  schemas.down = true; // offline: the next page starts from storage
  const second = client();
  const restored = manage(second, app, { storage });
  assert.equal(restored.version, 2, 'held before any request');
  await restored.ready;
  await joined(restored);
  const subscribe = server.received
    .filter((f) => f.type === 'subscribe' && f.payload.channel === 'schema:' + app)
    .at(-1);
  assert.equal(subscribe.payload.version, 2, 'subscribes with the version it holds');

  // the close event, not a poll of the state: a fast reconnect can hide the drop from a poll
  const dropped = new Promise((resolve) => second.once('close', resolve));
  server.dropAll();
  await dropped;
  schemas.put(app, 'record', record(TITLE, { name: 'b', type: 'string' })); // while away
  await until(() => restored.version === 3, 5000, 'caught up after the reconnect');
  const resubscribe = server.received
    .filter((f) => f.type === 'subscribe' && f.payload.channel === 'schema:' + app)
    .at(-1);
  assert.equal(resubscribe.payload.version, 2);
  assert.equal(JSON.parse(storage.getItem('syncline.schema.' + app)).version, 3);
});

test('updates that break the baseline or are not well formed are refused, and the schema stays', async () => {
  const app = nextApp();
  schemas.put(app, 'record', record(TITLE, { name: 'n', type: 'number' }));
  const manager = manage(client(), app, { baseline: { schemaType: 'record', schema: record(TITLE) } });
  await manager.ready;
  await joined(manager);
  const bad = [
    [{ schemaType: 'table', schema: { columns: [TITLE] } }, 'schemaType is table, the baseline says record'],
    [{ schemaType: 'record', schema: record({ name: 'n', type: 'number' }) }, "drops the required field 'title'"],
    [
      { schemaType: 'record', schema: record({ ...TITLE, type: 'integer' }) },
      "retypes the required field 'title' from string to integer",
    ],
    [
      { schemaType: 'record', schema: record(TITLE, { name: 'x', type: 'text' }) },
      "field 'schema.fields[1].type' must be one of",
    ],
    [{ schemaType: 'record', schema: record(TITLE, TITLE) }, "field 'schema.fields[1].name' repeats the name 'title'"],
    [{ schemaType: 'record', schema: { fields: 'title' } }, "field 'schema.fields' must be an array"],
  ];
  let version = 1;
  for (const [forged, reason] of bad) {
    schemas.push({ app, version: ++version, ...forged });
    await until(() => manager.errors.length === version - 1, 5000, 'refusal ' + reason);
    const error = manager.errors.at(-1);
    assert.ok(error instanceof SchemaError);
    assert.equal(error.code, 'schema_refused');
    assert.ok(
      error.reasons.some((r) => r.startsWith(reason)),
      `${error.reasons} ~ ${reason}`,
    );
    assert.equal(manager.version, 1);
    assert.deepEqual(
      manager.fields.map((f) => f.name),
      ['title', 'n'],
    );
  }
  assert.equal(manager.changes.length, 1, 'only the initial schema changed anything');
  schemas.push({ app, version: ++version, schemaType: 'record', schema: record(TITLE) });
  await until(() => manager.version === version, 5000, 'a good update after bad ones');
  assert.deepEqual(manager.changes.at(-1).removed, ['n']);
});

test('local changes survive updates until the server changes the same property; a removed field takes them', async () => {
  const app = nextApp();
  schemas.put(
    app,
    'record',
    record(
      { ...TITLE, label: 'Title', constraints: { maxLength: 100 } },
      { name: 'note', type: 'string', label: 'Note' },
    ),
  );
  const manager = manage(client(), app);
  await manager.ready;
  await joined(manager);
  manager.override('title', { label: 'What?', constraints: { maxLength: 20 } });
  assert.equal(manager.changes.at(-1).source, 'local');
  assert.deepEqual(manager.changes.at(-1).changed, ['title']);
  manager.override('note', { placeholder: 'optional' });
  assert.deepEqual(manager.changes.at(-1).changed, ['note']);
  const title = () => manager.fields.find((f) => f.name === 'title');
  assert.equal(title().label, 'What?');
  assert.equal(title().constraints.maxLength, 20);

  // the server changes something else: every local change stays
  schemas.put(
    app,
    'record',
    record(
      { ...TITLE, label: 'Title', constraints: { maxLength: 100, minLength: 1 } },
      { name: 'note', type: 'string', label: 'Note' },
    ),
  );
  await until(() => manager.version === 2);
  assert.deepEqual(manager.changes.at(-1).conflicts, []);
  assert.equal(title().label, 'What?');
  assert.deepEqual(title().constraints, { maxLength: 20, minLength: 1 });

  // the server changes the same property: its value wins, and the conflict is reported
  schemas.put(app, 'record', record({ ...TITLE, label: 'Task title', constraints: { maxLength: 100, minLength: 1 } }));
  await until(() => manager.version === 3);
  const { conflicts, removed } = manager.changes.at(-1);
  assert.deepEqual(removed, ['note']);
  assert.deepEqual(conflicts, [
    { field: 'title', property: 'label', local: 'What?', server: 'Task title' },
    { field: 'note', property: null, local: { placeholder: 'optional' }, server: undefined },
  ]);
  assert.equal(title().label, 'Task title');
  assert.equal(title().constraints.maxLength, 20, 'the untouched local change stays');
  assert.throws(() => manager.override('note', { label: 'x' }), /no field 'note'/);
});

test('a bound collection drops the cached values of removed and retyped fields', async () => {
  const app = 'Gadget' + nextApp();
  schemas.put(
    app,
    'record',
    record({ name: 'name', type: 'string' }, { name: 'colour', type: 'string' }, { name: 'size', type: 'string' }),
  );
  schemas.records.set(app, [{ id: 'g1', version: 0, data: { name: 'lamp', colour: 'red', size: 'L' } }]);
  const c = client();
  const gadgets = await new Collection(c, app).load();
  const manager = manage(c, app);
  manager.bind(gadgets);
  const calls = [];
  manager.bind((change) => calls.push(change.version));
  await manager.ready;
  await joined(manager);
  assert.deepEqual(gadgets.get('g1'), { id: 'g1', name: 'lamp', colour: 'red', size: 'L' });
  schemas.put(app, 'record', record({ name: 'name', type: 'string' }, { name: 'size', type: 'integer' }));
  await until(() => manager.version === 2);
  assert.deepEqual(gadgets.get('g1'), { id: 'g1', name: 'lamp' });
  assert.deepEqual(calls, [1, 2]);
});

test('records are validated against the schema in effect, with the registry’s messages', async () => {
  const app = nextApp();
  schemas.put(
    app,
    'record',
    record(
      { ...TITLE, constraints: { maxLength: 5 } },
      { name: 'qty', type: 'integer', constraints: { min: 1 } },
      { name: 'when', type: 'date' },
    ),
  );
  const manager = manage(client(), app);
  await manager.ready;
  assert.deepEqual(manager.validate({ title: 'ok', qty: 2, when: '2024-01-15' }), { valid: true, errors: [] });
  assert.deepEqual(manager.validate({ title: '  ', qty: 0.5, when: 'soon' }), {
    valid: false,
    errors: [
      { field: 'title', error: 'is required' },
      { field: 'qty', error: 'must be an integer' },
      { field: 'when', error: 'must be a date (YYYY-MM-DD)' },
    ],
  });
  assert.deepEqual(manager.validate({ title: 'toolong', qty: 0 }).errors, [
    { field: 'title', error: 'must be at most 5 characters long' },
    { field: 'qty', error: 'must be at least 1' },
  ]);
});

test('an app without a schema yet is no error, and its first version arrives live', async () => {
  const app = nextApp();
  const manager = manage(client(), app);
  await manager.ready;
  assert.equal(manager.current, null);
  assert.equal(manager.errors.length, 0);
  await joined(manager);
  schemas.put(app, 'array', { items: { type: 'string' } });
  await until(() => manager.version === 1);
  assert.equal(manager.current.schemaType, 'array');
});

test('the shape and diff rules match the registry’s', () => {
  assert.deepEqual(checkShape('record', record(TITLE)), []);
  assert.deepEqual(
    checkShape('table', { columns: [{ name: 'a', type: 'number', constraints: { min: 0, enum: [1, 2] } }] }),
    [],
  );
  assert.deepEqual(checkShape('array', { items: { type: 'object', fields: [TITLE] } }), []);
  assert.deepEqual(checkShape('list', {}), ['field \'schemaType\' must be table, array or record, not "list"']);
  assert.deepEqual(checkShape('record', []), ["field 'schema' must be a JSON object"]);
  assert.deepEqual(checkShape('array', {}), ["field 'schema.items' must be an object {type, fields?}"]);
  assert.deepEqual(checkShape('record', record({ name: 'a', type: 'string', constraints: { pattern: '(' } })), [
    "field 'schema.fields[0].constraints.pattern' is not a valid regular expression",
  ]);
  assert.deepEqual(checkShape('record', record({ name: 'a', type: 'string', required: 'yes' })), [
    "field 'schema.fields[0].required' must be true or false",
  ]);
  assert.deepEqual(diffFields([TITLE], [{ ...TITLE, type: 'integer' }]), {
    added: [],
    removed: [],
    changed: ['title'],
    retyped: ['title'],
  });
});
