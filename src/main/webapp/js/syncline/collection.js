/**
 * A live list of one entity's records: a REST snapshot, then the `entity:{Entity}` channel from
 * the snapshot's version, with the OptimisticManager's pending writes laid over it.
 * `collection.items` is a signal of the records as the user should see them.
 */
import { signal } from './signal.js';

const PAGE = 500;

/**
 * Whether a `cache:invalidate {keys, pattern}` (seed 003) names this entity's collection: a key
 * `Task`, `entity:Task` or one of its records (`Task:42`, `entity:Task:42`), or a `pattern` with
 * `*` wildcards matching `Task` or `entity:Task`. No keys and no pattern invalidates everything.
 */
export function invalidates({ keys = [], pattern } = {}, entity) {
  if (keys.length === 0 && !pattern) return true;
  const names = [entity, 'entity:' + entity];
  if (keys.some((key) => names.includes(key) || names.some((name) => key.startsWith(name + ':')))) return true;
  if (!pattern) return false;
  const regex = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return names.some((name) => regex.test(name));
}

export class Collection {
  /**
   * @param {import('./client.js').RealtimeClient} client
   * @param {string} entity  e.g. `Task`
   */
  constructor(client, entity, { path = '/api/entities/' + encodeURIComponent(entity) } = {}) {
    this.client = client;
    this.entity = entity;
    this.path = path;
    /** The records, each `{id, …fields}`; pending writes carry `_optimistic: true`. */
    this.items = signal([]);
    this.confirmed = new Map();
    this.versions = new Map();
    this.pending = [];
    this.channel = null;
  }

  /** Loads the snapshot and follows the channel from its version; resolves when loaded. */
  async load() {
    const confirmed = new Map();
    const versions = new Map();
    let version = 0;
    for (let offset = 0; ; offset += PAGE) {
      const { body } = await this.client.http.get(`${this.path}?limit=${PAGE}&offset=${offset}`);
      if (offset === 0) version = body.version;
      for (const item of body.items) {
        confirmed.set(item.id, { ...item.data, id: item.id });
        versions.set(item.id, item.version);
      }
      if (body.items.length < PAGE) break;
    }
    this.confirmed = confirmed;
    this.versions = versions;
    if (this.channel) {
      this.channel.resetTo(version);
    } else {
      this.channel = this.client.channel('entity:' + this.entity, { since: version });
      this.offs = [
        this.channel.on('entity:created', (record, frame) => this.#put(record, frame.version)),
        this.channel.on('entity:updated', (record, frame) => this.#put(record, frame.version)),
        this.channel.on('entity:deleted', (record, frame) => this.#remove(record.id, frame.version)),
        this.channel.on('resync', () => this.load()),
        this.client.on('cache:invalidate', (invalidation) => {
          if (invalidates(invalidation, this.entity)) this.load();
        }),
      ];
    }
    this.#settle();
    return this;
  }

  /** The record as shown now (with pending writes), by real or temporary id. */
  get(id) {
    return this.items.value.find((item) => item.id === id || item._tempId === id);
  }

  /**
   * Drops the cached values of these fields from every record (a schema dropped or retyped them;
   * see SchemaManager.bind), pending writes included, and renders again.
   */
  forgetFields(fields) {
    const strip = (data) => {
      if (!data) return data;
      const copy = { ...data };
      for (const field of fields) delete copy[field];
      return copy;
    };
    for (const [id, record] of this.confirmed) this.confirmed.set(id, strip(record));
    for (const mutation of this.pending) mutation.data = strip(mutation.data);
    this.#render();
  }

  /** Stops following the channel. */
  dispose() {
    for (const off of this.offs || []) off();
    this.channel?.leave();
  }

  // --- used by OptimisticManager ---

  _realId(id) {
    return this.pending.find((m) => m.action === 'create' && m.tempId === id)?.entityId ?? id;
  }

  _add(mutation) {
    this.pending.push(mutation);
    this.#render();
  }

  _drop(mutation) {
    this.pending = this.pending.filter((m) => m !== mutation);
    this.#render();
  }

  _acked(mutation, version) {
    mutation.ackedVersion = version;
    this.#settle();
  }

  #put(record, version) {
    this.confirmed.set(record.id, record);
    this.versions.set(record.id, version);
    this.#settle();
  }

  #remove(id, version) {
    this.confirmed.delete(id);
    this.versions.set(id, version);
    this.#settle();
  }

  /** Drops the acknowledged writes whose change the channel has delivered, then renders. */
  #settle() {
    const seen = this.channel?.lastVersion ?? -1;
    this.pending = this.pending.filter((m) => m.ackedVersion == null || m.ackedVersion > seen);
    this.#render();
  }

  #render() {
    const view = new Map(this.confirmed);
    const keyOf = (entityId) => {
      if (view.has(entityId)) return entityId;
      const create = this.pending.find((m) => m.action === 'create' && m.entityId === entityId);
      return create && (create.ackedVersion == null ? create.tempId : entityId);
    };
    for (const m of this.pending) {
      if (m.action === 'create') {
        if (this.confirmed.has(m.entityId)) continue;
        const id = m.ackedVersion == null ? m.tempId : m.entityId;
        view.set(id, { ...m.data, id, _tempId: m.tempId, _optimistic: true });
        continue;
      }
      const key = keyOf(m.entityId);
      if (key == null || !view.has(key)) continue;
      if (m.action === 'delete') {
        view.delete(key);
      } else {
        const next = { ...view.get(key), _optimistic: true };
        for (const [field, value] of Object.entries(m.data || {})) {
          if (value === null) delete next[field];
          else next[field] = value;
        }
        view.set(key, next);
      }
    }
    this.items.value = [...view.values()];
  }
}
