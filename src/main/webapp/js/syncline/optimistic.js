/**
 * Optimistic writes (seed 004): create, update and delete show at once (creates under a
 * temporary id), are confirmed by `push_ack` and rolled back on an error or a conflict.
 * Every push carries a `mutationId` and is retried after a reconnect, so it applies once.
 * A conflict the server leaves to a person is followed by seed 003's
 * `conflict:manual-resolution` (the versions to choose from, what to show), handed to
 * `onManualResolution` with the same `resolve`.
 */
import { SynclineError } from './errors.js';

const uuid = () =>
  globalThis.crypto?.randomUUID?.() ??
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) =>
    ((Math.random() * 16) | (c === 'x' ? 0 : 8)).toString(16),
  );

let temps = 0;

/** Conflicts waiting for their `conflict:manual-resolution` (and the reverse), at most this many. */
const MAX_AWAITED = 100;

const remember = (map, key, value) => {
  if (map.size >= MAX_AWAITED) map.delete(map.keys().next().value);
  map.set(key, value);
};

export class OptimisticManager {
  /**
   * @param {import('./client.js').RealtimeClient} client
   * @param {{onConflict?: (conflict: object) => void, timeout?: number}} options
   */
  constructor(client, { onConflict, onManualResolution, timeout = 30000 } = {}) {
    this.client = client;
    this.onConflict = onConflict;
    this.onManualResolution = onManualResolution;
    this.timeout = timeout;
    if (onManualResolution) {
      this.#stopListening = client.on('message', (frame) => {
        if (frame.type === 'conflict:manual-resolution') this.#manual(frame.payload || {});
      });
    }
  }

  /** Conflicts by id, until their `conflict:manual-resolution` arrives. */
  #awaited = new Map();
  /**
   * `conflict:manual-resolution` payloads by conflict id that came before the push's promise
   * settled (frames read in one go are dispatched before its continuation runs).
   */
  #early = new Map();
  #stopListening = null;

  /** Stops listening for `conflict:manual-resolution`. */
  dispose() {
    this.#stopListening?.();
    this.#stopListening = null;
    this.#awaited.clear();
    this.#early.clear();
  }

  /** Adds a record at once under a temporary id; resolves with the stored record. */
  create(collection, data) {
    const { id, ...fields } = data;
    const mutation = { action: 'create', tempId: `temp_${++temps}`, entityId: id ?? uuid(), data: fields };
    return this.#push(collection, mutation);
  }

  /** Changes fields at once (`null` removes one); resolves with the stored record. */
  update(collection, id, changes) {
    return this.#push(collection, { action: 'update', entityId: collection._realId(id), data: changes });
  }

  /** Removes a record at once; resolves when the server has deleted it. */
  delete(collection, id) {
    return this.#push(collection, { action: 'delete', entityId: collection._realId(id) });
  }

  async #push(collection, mutation) {
    mutation.mutationId = uuid();
    const baseVersion =
      mutation.action === 'create' || mutation.force ? undefined : collection.versions.get(mutation.entityId);
    collection._add(mutation);
    let answer;
    try {
      answer = await this.client.request(
        'push',
        {
          entity: collection.entity,
          entityId: mutation.entityId,
          action: mutation.action,
          ...(mutation.data && { data: mutation.data }),
          ...(baseVersion != null && { baseVersion }),
          mutationId: mutation.mutationId,
        },
        { until: ['push_ack', 'conflict:detect'], retry: true, timeout: this.timeout },
      );
    } catch (error) {
      collection._drop(mutation);
      throw error;
    }
    if (answer.type === 'conflict:detect') {
      collection._drop(mutation);
      const conflict = this.#conflict(collection, mutation, answer.payload);
      this.onConflict?.(conflict);
      if (this.#stopListening && conflict.conflictId) {
        const early = this.#early.get(conflict.conflictId);
        this.#early.delete(conflict.conflictId);
        remember(this.#awaited, conflict.conflictId, conflict);
        if (early) this.#manual(early);
      }
      throw Object.assign(
        new SynclineError({ code: 'conflict', message: `${collection.entity} ${mutation.entityId} changed meanwhile` }),
        { conflict },
      );
    }
    collection._acked(mutation, answer.payload.version);
    return collection.get(mutation.entityId) ?? { ...mutation.data, id: mutation.entityId };
  }

  /** A `conflict:manual-resolution` for one of this manager's conflicts: its options and ui. */
  #manual(payload) {
    const conflict = this.#awaited.get(payload.conflictId);
    if (!conflict) {
      if (payload.conflictId) remember(this.#early, payload.conflictId, payload);
      return;
    }
    this.#awaited.delete(payload.conflictId);
    this.onManualResolution({
      ...conflict,
      options: Array.isArray(payload.options) ? payload.options : [],
      ui: payload.ui ?? { title: '', description: '', fields: [] },
    });
  }

  /** The conflict as handed to `onConflict`: both versions, and how to settle it. */
  #conflict(collection, mutation, payload) {
    const client = this.client;
    return {
      conflictId: payload.conflictId,
      conflictType: payload.conflictType,
      entity: collection.entity,
      entityId: mutation.entityId,
      local: payload.versions?.local,
      remote: payload.versions?.remote,
      /** `local` (mine wins), `remote` (theirs stays) or `merged` with `data`. */
      resolve: (choice, data) => {
        if (payload.conflictId) {
          return client.request(
            'conflict:resolve',
            { conflictId: payload.conflictId, choice, ...(data && { data }) },
            { until: 'push_ack' },
          );
        }
        if (choice === 'remote') return Promise.resolve(null);
        const again = {
          action: mutation.action,
          entityId: mutation.entityId,
          data: choice === 'merged' ? data : mutation.data,
          force: true,
        };
        return this.#push(collection, again);
      },
    };
  }
}
