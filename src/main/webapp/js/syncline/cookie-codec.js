/**
 * Cookie data encoded with the schema in effect (seed 000's cookie integration). A value is
 * `{version}.{base64url}`: the schema version it was written with, then the data as JSON by
 * position in the schema's field order (not by name; `true`/`false` as 1/0, absent as null). A
 * value longer than one cookie may be is split across `name.1 … name.N`, with `name` holding
 * `~N`; more than `maxCookies` is refused with a CookieTooLargeError.
 *
 * A cookie written under another version still decodes: the codec fetches that version once
 * (through the schema manager), reads the data by its fields, and migrates it by name — fields
 * the current version dropped are discarded, new ones take their `default` (else null), values of
 * a retyped field are converted when they can be — then rewrites the cookie in the current
 * version. A cookie that does not decode yields null and an `error` event (CookieDecodeError),
 * never an exception.
 */
import { Emitter } from './emitter.js';
import { fieldsOf, isOfType } from './schema-rules.js';

/** A cookie that cannot be read as data of the app's schema. */
export class CookieDecodeError extends Error {
  constructor(message, cause) {
    super(message, cause && { cause });
    this.name = 'CookieDecodeError';
    this.code = 'cookie_unreadable';
  }
}

/** Data that does not fit in the cookies allowed. */
export class CookieTooLargeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CookieTooLargeError';
    this.code = 'cookie_too_large';
  }
}

export const COOKIE_BYTES = 4096;

// --- the value format -------------------------------------------------------------------

/** `{version}.{base64url of the positional JSON}` for `data` under `schema` ({version, schemaType, schema}). */
export function encodeValue(schema, data) {
  return `${schema.version}.${toBase64Url(JSON.stringify(toPositional(schema, data)))}`;
}

/** The version and positional JSON in a value; throws CookieDecodeError. */
export function decodeValue(text) {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]*)$/.exec(text ?? '');
  if (!match) throw new CookieDecodeError('not a schema-encoded cookie value');
  let positional;
  try {
    positional = JSON.parse(fromBase64Url(match[2]));
  } catch (error) {
    throw new CookieDecodeError('the cookie value is damaged: ' + error.message, error);
  }
  return { version: Number(match[1]), positional };
}

/** Data as the positional JSON of `schema`. */
export function toPositional({ schemaType, schema }, data) {
  const fields = fieldsOf(schemaType, schema);
  const row = (item) => trim(fields.map((field) => encodeField(field, item?.[field.name])));
  if (schemaType === 'record') return row(data ?? {});
  if (!Array.isArray(data)) throw new TypeError(`data of a ${schemaType} schema is an array`);
  return fields.length ? data.map(row) : data;
}

/**
 * Positional JSON of `schema` as data: every field present, its default (else null) when unset;
 * with `{defaults: false}`, null when unset.
 */
export function fromPositional({ schemaType, schema }, positional, { defaults = true } = {}) {
  const fields = fieldsOf(schemaType, schema);
  const row = (values) => {
    if (!Array.isArray(values)) throw new CookieDecodeError('the cookie does not hold data of this schema');
    return Object.fromEntries(fields.map((field, i) => [field.name, decodeField(field, values[i], defaults)]));
  };
  if (schemaType === 'record') return row(positional);
  if (!Array.isArray(positional)) throw new CookieDecodeError('the cookie does not hold data of this schema');
  return fields.length ? positional.map(row) : positional;
}

/**
 * Data of `from` as data of `to`, by field name: a field `to` lacks is dropped, a field `from`
 * lacks or left unset takes its `to` default (else null), a retyped value is converted if it can be.
 */
export function migrate(data, from, to) {
  const fromFields = new Map(fieldsOf(from.schemaType, from.schema).map((f) => [f.name, f]));
  const toFields = fieldsOf(to.schemaType, to.schema);
  const row = (item) =>
    Object.fromEntries(
      toFields.map((field) => [
        field.name,
        fromFields.has(field.name) ? convert(field, item?.[field.name]) : fallback(field),
      ]),
    );
  if (to.schemaType === 'record') return row(data);
  return toFields.length && Array.isArray(data) ? data.map(row) : data;
}

function encodeField(field, value) {
  if (value === undefined || value === null) return null;
  if (field.type === 'boolean' && typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function decodeField(field, value, defaults) {
  if (value === undefined || value === null) return defaults ? fallback(field) : null;
  if (field.type === 'boolean' && (value === 0 || value === 1)) return value === 1;
  return value;
}

function fallback(field) {
  return field.default === undefined ? null : structuredClone(field.default);
}

/** A value carried over to a field that may have changed type. */
function convert(field, value) {
  if (value === undefined || value === null) return fallback(field);
  if (isOfType(field.type, value)) return value;
  if (field.type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if ((field.type === 'number' || field.type === 'integer') && typeof value === 'string' && value.trim()) {
    const n = Number(value);
    if (isOfType(field.type, n)) return n;
  }
  if (field.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return fallback(field);
}

function trim(values) {
  let end = values.length;
  while (end > 0 && values[end - 1] === null) end--;
  return values.slice(0, end);
}

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

// --- cookies ----------------------------------------------------------------------------

/** The page's cookies (`document.cookie`) as get/set/remove. */
export function documentCookies(
  doc = globalThis.document,
  defaults = { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 },
) {
  const attributes = (options) => {
    const o = { ...defaults, ...options };
    return (
      (o.path ? '; Path=' + o.path : '') +
      (o.maxAge != null ? '; Max-Age=' + o.maxAge : '') +
      (o.sameSite ? '; SameSite=' + o.sameSite : '') +
      (o.secure ? '; Secure' : '')
    );
  };
  return {
    get(name) {
      for (const part of (doc?.cookie ?? '').split(/;\s*/)) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq) === name) return part.slice(eq + 1);
      }
      return null;
    },
    set(name, value, options) {
      doc.cookie = `${name}=${value}${attributes(options)}`;
    },
    remove(name, options) {
      doc.cookie = `${name}=${attributes({ ...options, maxAge: 0 })}`;
    },
  };
}

const bytes = (text) => new TextEncoder().encode(text).length;

export class CookieCodec extends Emitter {
  /**
   * @param {import('./schema.js').SchemaManager} manager  provides the schema in effect and old versions
   * @param {{name?: string, maxBytes?: number, maxCookies?: number, cookies?: ReturnType<typeof documentCookies>, attributes?: object}} options
   */
  constructor(
    manager,
    { name = manager.app, maxBytes = COOKIE_BYTES, maxCookies = 4, cookies = documentCookies(), attributes = {} } = {},
  ) {
    super();
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new TypeError('cookie names here are A-Z a-z 0-9 _ . -');
    Object.assign(this, { manager, name, maxBytes, maxCookies, cookies, attributes });
    // when the schema changes, the cookie follows it into the new version
    this.off = manager.on('change', (change) => change.version !== change.previousVersion && this.read());
  }

  /** The cookie values for `data` under the schema in effect: one, or a `~N` header and N parts. */
  encode(data) {
    const schema = this.#schema();
    const value = encodeValue(schema, data);
    if (bytes(`${this.name}=${value}`) <= this.maxBytes) return [value];
    const size = this.maxBytes - bytes(`${this.name}.${this.maxCookies}=`);
    const parts = [];
    for (let i = 0; i < value.length; i += size) parts.push(value.slice(i, i + size));
    if (parts.length + 1 > this.maxCookies) {
      throw new CookieTooLargeError(
        `${bytes(value)} bytes need ${parts.length + 1} cookies of ${this.maxBytes} bytes; at most ${this.maxCookies} are allowed`,
      );
    }
    return ['~' + parts.length, ...parts];
  }

  /** Writes `data` in the current version; returns how many cookies it took. Throws CookieTooLargeError. */
  write(data) {
    const values = this.encode(data);
    const before = this.#partCount();
    values.forEach((value, i) => this.cookies.set(i === 0 ? this.name : `${this.name}.${i}`, value, this.attributes));
    for (let i = values.length; i <= before; i++) this.cookies.remove(`${this.name}.${i}`, this.attributes);
    return values.length;
  }

  /**
   * The data in the cookie, or null when there is none or it cannot be read (then `error` is
   * emitted with a CookieDecodeError, and a damaged cookie is removed). A cookie of another
   * version is migrated and rewritten in the current one (`migrated` {from, to}).
   */
  async read() {
    let text;
    try {
      text = this.#joined();
    } catch (error) {
      return this.#unreadable(error, true);
    }
    if (text == null) return null;
    await this.manager.ready;
    const current = this.manager.current;
    if (!current) return this.#unreadable(new CookieDecodeError(`${this.manager.app} has no schema yet`), false);
    let version;
    let positional;
    try {
      ({ version, positional } = decodeValue(text));
      if (version === current.version) return fromPositional(current, positional);
    } catch (error) {
      return this.#unreadable(error, true);
    }
    let written;
    try {
      written = await this.manager.versionOf(version);
    } catch (error) {
      const gone = error.code === 'not_found' || error.code === 'schema_refused';
      const message = `the cookie ${this.name} was written with version ${version} of ${this.manager.app}, which ${gone ? 'does not exist' : 'could not be fetched'}: ${error.message}`;
      return this.#unreadable(new CookieDecodeError(message, error), gone);
    }
    let data;
    try {
      data = migrate(fromPositional(written, positional, { defaults: false }), written, current);
    } catch (error) {
      return this.#unreadable(error, true);
    }
    try {
      this.write(data);
    } catch (error) {
      this.emit('error', error);
    }
    this.emit('migrated', { from: version, to: current.version });
    return data;
  }

  #unreadable(error, damaged) {
    const unreadable =
      error instanceof CookieDecodeError
        ? error
        : new CookieDecodeError(`the cookie ${this.name} could not be read: ${error.message}`, error);
    if (damaged) this.clear();
    this.emit('error', unreadable);
    return null;
  }

  /** Removes the cookie and its parts. */
  clear() {
    const parts = this.#partCount();
    this.cookies.remove(this.name, this.attributes);
    for (let i = 1; i <= parts; i++) this.cookies.remove(`${this.name}.${i}`, this.attributes);
  }

  dispose() {
    this.off();
  }

  #schema() {
    const current = this.manager.current;
    if (!current) throw Object.assign(new Error(`${this.manager.app} has no schema yet`), { code: 'no_schema' });
    return current;
  }

  #partCount() {
    const head = this.cookies.get(this.name);
    return head?.startsWith('~') ? Number(head.slice(1)) || 0 : 0;
  }

  #joined() {
    const head = this.cookies.get(this.name);
    if (head == null || head === '') return null;
    if (!head.startsWith('~')) return head;
    const count = Number(head.slice(1));
    if (!Number.isInteger(count) || count < 1 || count > 1000)
      throw new CookieDecodeError(`the cookie ${this.name} names ${head.slice(1)} parts`);
    let text = '';
    for (let i = 1; i <= count; i++) {
      const part = this.cookies.get(`${this.name}.${i}`);
      if (part == null) throw new CookieDecodeError(`part ${i} of ${count} of the cookie ${this.name} is missing`);
      text += part;
    }
    return text;
  }
}
