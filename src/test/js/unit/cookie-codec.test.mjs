import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeServer, until } from '../support/fake-server.mjs';
import { FakeSchemas, memoryCookies, memoryStorage } from '../support/fake-schemas.mjs';
import {
  CookieCodec,
  CookieDecodeError,
  CookieTooLargeError,
  RealtimeClient,
  decodeValue,
  encodeValue,
  fieldsOf,
} from '../../../main/webapp/js/syncline/index.js';

let server;
let schemas;
let client;
before(async () => {
  server = await FakeServer.start();
  schemas = new FakeSchemas(server);
  client = new RealtimeClient({
    url: server.url,
    token: () => 'token',
    fetch: schemas.fetch,
    fallback: false,
  }).connect();
});
after(() => {
  client.disconnect();
  return server.close();
});

let apps = 0;
const nextApp = () => 'prefs' + ++apps;

/** A codec over a fresh manager of `app`, with a browser-like cookie jar. */
async function codecFor(app, options = {}) {
  const manager = client.schema(app, { storage: memoryStorage() });
  await manager.ready;
  const cookies = options.cookies ?? memoryCookies();
  const codec = new CookieCodec(manager, { name: app, cookies, ...options });
  codec.errors = [];
  codec.on('error', (error) => codec.errors.push(error));
  return { manager, codec, cookies };
}

// --- a seeded random source, so that a failure can be replayed -----------------------------

function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

const TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'datetime', 'object', 'array'];
const NAMES = ['status', 'sort', 'size', 'dense', 'lang', 'ünï', 'tz', 'cols', 'since', 'q', 'a', 'b'];
const TEXT = ['', 'a', 'open', 'Zoë ✓', 'semi;colon', 'eq=als', 'quo"te', 'comma,', '🙂 emoji', 'x'.repeat(40)];

function value(r, type) {
  switch (type) {
    case 'string':
      return r.pick(TEXT) + (r.chance(0.3) ? String(r.int(1000)) : '');
    case 'number':
      return r.chance(0.5) ? r.int(2000) - 1000 : Math.round((r.next() - 0.5) * 1e6) / 1000;
    case 'integer':
      return r.int(2_000_000) - 1_000_000;
    case 'boolean':
      return r.chance(0.5);
    case 'date':
      return `20${10 + r.int(20)}-0${1 + r.int(9)}-1${r.int(9)}`;
    case 'datetime':
      return `2024-0${1 + r.int(9)}-1${r.int(9)}T1${r.int(9)}:3${r.int(9)}:00Z`;
    case 'object':
      return { x: r.int(9), y: [r.pick(TEXT)] };
    default:
      return [r.int(9), r.pick(TEXT)];
  }
}

function field(r, name) {
  const type = r.pick(TYPES);
  const f = { name, type };
  if (r.chance(0.3)) f.default = value(r, type);
  return f;
}

/** The next version of a field list: some fields added, dropped, retyped, reordered. */
function evolve(r, fields) {
  let next = fields.map((f) => ({ ...f }));
  for (let ops = 1 + r.int(3); ops > 0; ops--) {
    const op = r.int(4);
    const free = NAMES.filter((n) => !next.some((f) => f.name === n));
    if (op === 0 && free.length) next.splice(r.int(next.length + 1), 0, field(r, r.pick(free)));
    else if (op === 1 && next.length > 1) next.splice(r.int(next.length), 1);
    else if (op === 2 && next.length) {
      const i = r.int(next.length);
      next[i] = field(r, next[i].name);
    } else
      next = next
        .map((f) => [r.next(), f])
        .sort((x, y) => x[0] - y[0])
        .map(([, f]) => f);
  }
  return next;
}

/** Random data for a field list: each field set, explicitly null, or absent. */
function data(r, fields) {
  const out = {};
  for (const f of fields) {
    if (r.chance(0.75)) out[f.name] = value(r, f.type);
    else if (r.chance(0.5)) out[f.name] = null;
  }
  return out;
}

// --- the migration rule, stated independently of the codec ---------------------------------

const defaultOf = (f) => (f.default === undefined ? null : f.default);

function ofType(type, v) {
  return {
    string: typeof v === 'string',
    number: Number.isFinite(v),
    integer: Number.isInteger(v),
    boolean: typeof v === 'boolean',
    date: typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v),
    datetime: typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v),
    object: v !== null && typeof v === 'object' && !Array.isArray(v),
    array: Array.isArray(v),
  }[type];
}

/** What data written with `fromFields` reads as under `toFields`. */
function expected(record, fromFields, toFields) {
  const from = new Map(fromFields.map((f) => [f.name, f]));
  const out = {};
  for (const f of toFields) {
    const v = from.has(f.name) ? record[f.name] : undefined;
    if (v === undefined || v === null) out[f.name] = defaultOf(f);
    else if (ofType(f.type, v)) out[f.name] = v;
    else if (f.type === 'string' && (typeof v === 'number' || typeof v === 'boolean')) out[f.name] = String(v);
    else if (
      (f.type === 'number' || f.type === 'integer') &&
      typeof v === 'string' &&
      v.trim() &&
      ofType(f.type, Number(v))
    )
      out[f.name] = Number(v);
    else if (f.type === 'boolean' && (v === 'true' || v === 'false')) out[f.name] = v === 'true';
    else out[f.name] = defaultOf(f);
  }
  return out;
}

// --- tests -----------------------------------------------------------------------------------

test('randomized round trips: a cookie of any earlier version reads as the current one and is rewritten', async () => {
  const seed = Number(process.env.COOKIE_SEED ?? Date.now() % 1e9);
  const r = random(seed);
  for (let trial = 0; trial < 25; trial++) {
    const app = nextApp();
    let fields = Array.from({ length: 1 + r.int(5) }, (_, i) => field(r, NAMES[i]));
    const chain = [];
    for (let v = 1 + r.int(5); v > 0; v--) {
      chain.push(schemas.put(app, 'record', { fields }));
      fields = evolve(r, fields);
    }
    const { manager, codec, cookies } = await codecFor(app);
    const current = manager.current;
    assert.equal(current.version, chain.length);
    for (const written of chain) {
      const record = data(r, fieldsOf('record', written.schema));
      cookies.set(app, encodeValue(written, record));
      const context = `seed ${seed}, trial ${trial}, version ${written.version} → ${current.version}`;
      const read = await codec.read();
      assert.deepEqual(
        read,
        expected(record, fieldsOf('record', written.schema), fieldsOf('record', current.schema)),
        context,
      );
      assert.ok(cookies.get(app).startsWith(current.version + '.'), 'rewritten in the current version: ' + context);
      assert.deepEqual(await codec.read(), read, 'reads the same again: ' + context);
      assert.deepEqual(codec.errors, [], context);
    }
    for (const written of chain) {
      const fetched = schemas.requests.filter((p) => p === `/api/schemas/${app}/versions/${written.version}`).length;
      assert.ok(fetched <= 1, `version ${written.version} fetched ${fetched} times (seed ${seed})`);
    }
    codec.dispose();
    manager.dispose();
  }
});

test('the value is positional, tagged with the version, base64url, and round-trips every field type', async () => {
  const app = nextApp();
  const fields = TYPES.map((type, i) => ({ name: 'field_' + type, type, ...(i === 0 && { default: 'none' }) }));
  const schema = schemas.put(app, 'record', { fields });
  const full = Object.fromEntries(fields.map((f) => [f.name, value(random(7), f.type)]));
  full.field_string = 'Zoë; "quoted" = ✓ 🙂';
  const text = encodeValue(schema, full);
  assert.match(text, /^1\.[A-Za-z0-9_-]+$/);
  const { version, positional } = decodeValue(text);
  assert.equal(version, 1);
  assert.ok(Array.isArray(positional));
  assert.equal(positional[fields.findIndex((f) => f.type === 'boolean')], full.field_boolean ? 1 : 0);
  for (const f of fields)
    assert.ok(!Buffer.from(text.split('.')[1], 'base64url').toString().includes(f.name), 'no field names');
  const { codec, cookies } = await codecFor(app);
  codec.write(full);
  assert.equal(cookies.get(app), text);
  assert.deepEqual(await codec.read(), full);
  codec.write({ field_integer: 3 });
  assert.deepEqual(await codec.read(), {
    ...Object.fromEntries(fields.map((f) => [f.name, null])),
    field_string: 'none',
    field_integer: 3,
  });
});

test('data too long for one cookie is split across numbered cookies, each within 4096 bytes, or refused', async () => {
  const app = nextApp();
  schemas.put(app, 'table', {
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'note', type: 'string' },
    ],
  });
  const { codec, cookies } = await codecFor(app, { maxCookies: 5 });
  const rows = Array.from({ length: 60 }, (_, i) => ({ id: i, note: `row ${i} — ${'ä✓'.repeat(20)}` }));
  const written = codec.write(rows);
  assert.ok(written > 2, `${written} cookies`);
  assert.equal(cookies.get(app), '~' + (written - 1));
  for (const [name, value] of cookies.jar) assert.ok(Buffer.byteLength(`${name}=${value}`) <= 4096, name);
  assert.deepEqual(await codec.read(), rows);

  assert.equal(codec.write(rows.slice(0, 2)), 1);
  assert.deepEqual([...cookies.jar.keys()], [app], 'the parts of the longer value are removed');
  assert.deepEqual(await codec.read(), rows.slice(0, 2));

  const tooMuch = Array.from({ length: 400 }, (_, i) => ({ id: i, note: 'x'.repeat(60) }));
  assert.throws(
    () => codec.write(tooMuch),
    (e) => e instanceof CookieTooLargeError && /at most 5 are allowed/.test(e.message),
  );
  assert.deepEqual(await codec.read(), rows.slice(0, 2), 'a refused write leaves the cookie as it was');
});

test('a cookie that does not decode gives a clear error and null, never an exception', async () => {
  const app = nextApp();
  const schema = schemas.put(app, 'record', { fields: [{ name: 'status', type: 'string' }] });
  const { codec, cookies } = await codecFor(app);
  const damaged = {
    hello: /not a schema-encoded cookie value/,
    '1.%%%': /not a schema-encoded cookie value/,
    '1.bm90IGpzb24': /damaged/,
    '1.eyJhIjoxfQ': /does not hold data of this schema/,
    '1.gA': /damaged/,
    '9.WyJ4Il0': /version 9 .* does not exist/,
    '~2': /part 1 of 2 .* is missing/,
  };
  for (const [text, reason] of Object.entries(damaged)) {
    cookies.set(app, text);
    assert.equal(await codec.read(), null, text);
    const error = codec.errors.at(-1);
    assert.ok(error instanceof CookieDecodeError, text);
    assert.equal(error.code, 'cookie_unreadable');
    assert.match(error.message, reason, text);
    assert.equal(cookies.get(app), null, 'a damaged cookie is removed: ' + text);
  }
  schemas.down = true;
  cookies.set(app, encodeValue({ ...schema, version: 0 }, { status: 'x' }));
  assert.equal(await codec.read(), null);
  assert.match(codec.errors.at(-1).message, /could not be fetched/);
  assert.ok(cookies.get(app), 'kept when the old version only could not be fetched now');
  schemas.down = false;
});

test('when the schema changes, the cookie is rewritten in the new version at once', async () => {
  const app = nextApp();
  schemas.put(app, 'record', {
    fields: [
      { name: 'status', type: 'string' },
      { name: 'zoom', type: 'integer' },
    ],
  });
  const { manager, codec, cookies } = await codecFor(app);
  await until(() => manager.channel.joined);
  codec.write({ status: 'doing', zoom: 2 });
  const migrated = [];
  codec.on('migrated', (event) => migrated.push(event));
  schemas.put(app, 'record', {
    fields: [
      { name: 'dense', type: 'boolean', default: false },
      { name: 'status', type: 'string' },
      { name: 'zoom', type: 'string' },
    ],
  });
  await until(() => cookies.get(app)?.startsWith('2.'), 5000, 'rewritten');
  assert.deepEqual(migrated, [{ from: 1, to: 2 }]);
  assert.deepEqual(await codec.read(), { dense: false, status: 'doing', zoom: '2' });
});
