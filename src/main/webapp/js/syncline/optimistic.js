/**
 * Optimistic writes (seed 004): create, update and delete show at once (creates under a
 * temporary id), are confirmed by `push_ack` and rolled back on an error or a conflict.
 * Every push carries a `mutationId` and is retried after a reconnect, so it applies once.
 */
import { SynclineError } from './errors.js';

const uuid = () =>
  globalThis.crypto?.randomUUID?.() ??
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) =>
    ((Math.random() * 16) | (c === 'x' ? 0 : 8)).toString(16),
  );

let temps = 0;

export class OptimisticManager {
  /**
   * @param {import('./client.js').RealtimeClient} client
   * @param {{onConflict?: (conflict: object) => void, timeout?: number}} options
   */
  constructor(client, { onConflict, timeout = 30000 } = {}) {
    this.client = client;
    this.onConflict = onConflict;
    this.timeout = timeout;
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
      throw Object.assign(
        new SynclineError({ code: 'conflict', message: `${collection.entity} ${mutation.entityId} changed meanwhile` }),
        { conflict },
      );
    }
    collection._acked(mutation, answer.payload.version);
    return collection.get(mutation.entityId) ?? { ...mutation.data, id: mutation.entityId };
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
