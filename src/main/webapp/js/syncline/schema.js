/**
 * The schema manager (seed 000): one app's schema, first over HTTP, then live on the client's
 * socket (`schema:{app}`). The version it holds is kept in localStorage and never moves backwards;
 * after a reconnect it subscribes with that version and is sent anything newer. Every update is
 * checked against the app's baseline before it is taken, merged with the app's local changes, and
 * announced with a `change` event; bound collections forget the values of removed fields.
 *
 * Conflict rule for local changes (`override`): the server wins. A local change to a field's
 * property lasts until an update changes that same property (the server's value is then taken and
 * the change event lists it in `conflicts`) or removes the field (the local change goes with it).
 */
import { Emitter } from './emitter.js';
import { SynclineError } from './errors.js';
import { canonical, checkBaseline, checkShape, diffFields, fieldsOf, validateRecord } from './schema-rules.js';
import { signal } from './signal.js';

export { checkBaseline, checkField, checkShape, diffFields, fieldsOf, validateRecord } from './schema-rules.js';

const STORAGE_PREFIX = 'syncline.schema.';

/** An update the manager refused: not well formed, or against the baseline. `reasons` says why. */
export class SchemaError extends SynclineError {
  constructor(message, { app, version, reasons = [] } = {}) {
    super({ code: 'schema_refused', message, details: { app, version, reasons }, recoverable: true });
    this.name = 'SchemaError';
    this.reasons = reasons;
  }
}

function defaultStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled by the browser
  }
}

export class SchemaManager extends Emitter {
  #server = null; // the latest accepted update, as the server sent it
  #overrides = new Map(); // field -> Map(property -> {value, base})
  #versions = new Map(); // version -> update (fetched or seen)
  #bound = new Set();

  /**
   * @param {import('./client.js').RealtimeClient} client
   * @param {string} app
   * @param {{baseline?: {schemaType: string, schema: object}, storage?: Storage | null, live?: boolean}} options
   */
  constructor(client, app, { baseline = null, storage = defaultStorage(), live = true } = {}) {
    super();
    this.client = client;
    this.app = app;
    this.baseline = baseline;
    this.storage = storage;
    /** The schema in effect, `{app, version, schemaType, schema}` with local changes, or null. */
    this.schema = signal(null);
    this.#restore();
    const manager = this;
    const name = 'schema:' + app;
    this.channel = live
      ? client.channel(name, {
          join: {
            type: 'subscribe',
            get payload() {
              return { channel: name, version: manager.version ?? 0 };
            },
          },
        })
      : null;
    this.offs = [
      this.channel?.on('schema:update', (update) => this.apply(update, 'socket')),
      // long-poll carries no schema frames: ask over HTTP on every (re)connection instead
      this.channel?.on('join', () => client.transport.value === 'longpoll' && this.refresh()),
    ].filter(Boolean);
    /** Resolves with the manager once the initial HTTP request is answered (or has failed). */
    this.ready = this.refresh().then(() => this);
  }

  /** The version held (the server's), or null before there is one. */
  get version() {
    return this.#server?.version ?? null;
  }

  /** The schema in effect, or null. */
  get current() {
    return this.schema.value;
  }

  /** The fields of the schema in effect, in order. */
  get fields() {
    const current = this.schema.value;
    return current ? fieldsOf(current.schemaType, current.schema) : [];
  }

  /** Fetches the latest over HTTP and applies it; an app with no schema yet is not an error. */
  async refresh() {
    try {
      const { body } = await this.client.http.get('/api/schemas/' + encodeURIComponent(this.app));
      this.apply(body, 'http');
    } catch (error) {
      if (error.code !== 'not_found') this.emit('error', error);
    }
  }

  /** One version of the app's schema, fetched once and kept (the cookie codec migrates with it). */
  async versionOf(version) {
    if (this.#versions.has(version)) return this.#versions.get(version);
    const { body } = await this.client.http.get(`/api/schemas/${encodeURIComponent(this.app)}/versions/${version}`);
    const problems = checkShape(body?.schemaType, body?.schema);
    if (problems.length || body.version !== version) {
      throw new SchemaError(`version ${version} of ${this.app} is not a usable schema`, {
        app: this.app,
        version,
        reasons: problems,
      });
    }
    this.#versions.set(version, body);
    return body;
  }

  /**
   * Takes an update `{app, version, schemaType, schema}` if it is newer than the one held and
   * passes the baseline; returns whether it was taken. A refused one emits `error` (SchemaError).
   */
  apply(update, source = 'local') {
    if (
      !update ||
      typeof update !== 'object' ||
      !Number.isInteger(update.version) ||
      (update.app ?? this.app) !== this.app
    ) {
      this.emit('error', new SchemaError(`not a schema update of ${this.app}`, { app: this.app }));
      return false;
    }
    if (this.#server && update.version <= this.#server.version) return false; // older or repeated
    const reasons = [...checkShape(update.schemaType, update.schema), ...checkBaseline(this.baseline, update)];
    if (reasons.length) {
      this.emit(
        'error',
        new SchemaError(`refused version ${update.version} of ${this.app}: ${reasons.join('; ')}`, {
          app: this.app,
          version: update.version,
          reasons,
        }),
      );
      return false;
    }
    const previous = this.#server;
    this.#server = structuredClone({
      app: this.app,
      version: update.version,
      schemaType: update.schemaType,
      schema: update.schema,
    });
    this.#versions.set(update.version, this.#server);
    this.#persist();
    const conflicts = this.#rebase();
    this.#publish(source, previous?.version ?? null, conflicts);
    return true;
  }

  /**
   * A local change to a field's properties (a label, a tighter constraint): kept across updates
   * until the server changes the same property. `constraints` merge key by key.
   */
  override(fieldName, properties) {
    const field = this.#serverField(fieldName);
    if (!field) throw new Error(`${this.app} has no field '${fieldName}'`);
    const local = this.#overrides.get(fieldName) ?? new Map();
    for (const [path, value] of flatten(properties)) local.set(path, { value, base: canonical(read(field, path)) });
    this.#overrides.set(fieldName, local);
    this.#publish('local', this.version, []);
  }

  /** A record checked against the schema in effect: `{valid, errors: [{field, error}]}`. */
  validate(record) {
    return validateRecord(this.fields, record);
  }

  /**
   * Keeps `target` in step with the schema: a function is called with each change; an object with
   * `forgetFields(names)` (a Collection) drops the values of removed and retyped fields.
   */
  bind(target) {
    this.#bound.add(target);
    return () => this.#bound.delete(target);
  }

  /** Stops following the app. */
  dispose() {
    for (const off of this.offs) off();
    this.channel?.leave();
    this.#bound.clear();
    this.client._forgetSchema?.(this);
  }

  #publish(source, previousVersion, conflicts) {
    const before = this.fields;
    const effective = this.#effective();
    const diff = diffFields(before, fieldsOf(effective.schemaType, effective.schema));
    this.schema.value = effective;
    const change = { app: this.app, version: effective.version, previousVersion, ...diff, conflicts, source };
    const stale = [...diff.removed, ...diff.retyped];
    for (const target of this.#bound) {
      try {
        if (typeof target === 'function') target(change);
        else if (stale.length) target.forgetFields?.(stale);
      } catch (error) {
        this.emit('error', error);
      }
    }
    this.emit('change', change);
  }

  /** Drops the local changes the new server version overrules; returns them as conflicts. */
  #rebase() {
    const conflicts = [];
    for (const [name, local] of this.#overrides) {
      const field = this.#serverField(name);
      if (!field) {
        conflicts.push({
          field: name,
          property: null,
          local: Object.fromEntries([...local].map(([p, o]) => [p, o.value])),
          server: undefined,
        });
        this.#overrides.delete(name);
        continue;
      }
      for (const [path, { value, base }] of local) {
        if (canonical(read(field, path)) !== base) {
          conflicts.push({ field: name, property: path, local: value, server: read(field, path) });
          local.delete(path);
        }
      }
      if (!local.size) this.#overrides.delete(name);
    }
    return conflicts;
  }

  #effective() {
    const effective = structuredClone(this.#server);
    for (const field of fieldsOf(effective.schemaType, effective.schema)) {
      for (const [path, { value }] of this.#overrides.get(field.name) ?? []) write(field, path, value);
    }
    return effective;
  }

  #serverField(name) {
    return this.#server && fieldsOf(this.#server.schemaType, this.#server.schema).find((f) => f.name === name);
  }

  #restore() {
    try {
      const saved = JSON.parse(this.storage?.getItem(STORAGE_PREFIX + this.app) ?? 'null');
      if (
        saved &&
        Number.isInteger(saved.version) &&
        !checkShape(saved.schemaType, saved.schema).length &&
        !checkBaseline(this.baseline, saved).length
      ) {
        this.#server = saved;
        this.#versions.set(saved.version, saved);
        this.schema.value = this.#effective();
      }
    } catch {
      // unreadable storage: start from the server's
    }
  }

  #persist() {
    try {
      this.storage?.setItem(STORAGE_PREFIX + this.app, JSON.stringify(this.#server));
    } catch {
      // storage full or disabled: the version is still held in memory
    }
  }
}

/** `{label: 'x', constraints: {maxLength: 5}}` → [['label','x'], ['constraints.maxLength', 5]]. */
function flatten(properties) {
  const out = [];
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'constraints' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) out.push(['constraints.' + inner, v]);
    } else {
      out.push([key, value]);
    }
  }
  return out;
}

function read(field, path) {
  const [key, inner] = path.split('.', 2);
  return inner === undefined ? field[key] : field[key]?.[inner];
}

function write(field, path, value) {
  const [key, inner] = path.split('.', 2);
  if (inner === undefined) field[key] = value;
  else field[key] = { ...(field[key] ?? {}), [inner]: value };
}
