/**
 * Field-level sync on one entity (seed 002): `client.fields('Task')` follows `fields:Task` on every
 * (re)connection and catches up with `sync` from the last version it delivered, so across a
 * reconnect each field change arrives once, in version order. `push` writes fields with timestamps
 * from a clock that never goes back; the server keeps, per field, the latest timestamp, and a field
 * that lost to a newer one comes back as a conflict (an event, and in the promise).
 */
import { Channel } from './channel.js';

let lastStamp = 0;

/**
 * Milliseconds since the epoch, strictly increasing across calls in this page: the wall clock as
 * the page's monotonic clock runs from its start, so a wall clock set back does not reorder writes.
 */
export function fieldTimestamp() {
  const now =
    globalThis.performance?.timeOrigin != null ? Math.round(performance.timeOrigin + performance.now()) : Date.now();
  lastStamp = Math.max(now, lastStamp + 1);
  return lastStamp;
}

export class FieldSync extends Channel {
  /**
   * @param {import('./client.js').RealtimeClient} client
   * @param {string} entity
   * @param {{since?: number}} options
   */
  constructor(client, entity, { since } = {}) {
    super(client, 'fields:' + entity, { since, join: { type: 'subscribe_fields', payload: { entities: [entity] } } });
    this.joinedBy = 'subscribed';
    this.entity = entity;
    /** The fields delivered at the newest version delivered (a push's fields share a version). */
    this.seen = { version: null, fields: new Set() };
  }

  /**
   * Writes fields of one record, `{field: value}`; `null` unsets a field. Resolves with
   * `{applied, conflicts, version}`: the fields that lost to newer ones are in `conflicts`
   * (`field_conflict` payloads) and each is also emitted as `conflict`. Sent again after a
   * reconnect if the answer was lost: the same timestamps make the retry change nothing.
   */
  async push(entityId, values, { timeout } = {}) {
    const timestamp = fieldTimestamp();
    const fields = Object.entries(values).map(([field, value]) =>
      value === null || value === undefined
        ? { field, action: 'unset', timestamp }
        : { field, value, action: 'set', timestamp },
    );
    const answer = await this.client.request(
      'push_fields',
      { entity: this.entity, entityId, fields },
      { until: 'field_push_ack', retry: true, ...(timeout && { timeout }) },
    );
    const conflicts = answer.frames.filter((frame) => frame.type === 'field_conflict').map((frame) => frame.payload);
    for (const conflict of conflicts) this.emit('conflict', conflict);
    return { applied: answer.payload.applied, conflicts, version: answer.version ?? null };
  }

  /** Catch-up delivers the field changes of the `sync` reply; its record changes are not for here. */
  _fromSync(frame) {
    return frame.type === 'field_change' ? { ...frame, channel: this.name, requestId: undefined } : null;
  }

  /** A push's fields share one version: a frame is news unless that version's field was seen. */
  _isNew(frame) {
    const field = frame.payload?.change?.field;
    if (this.lastVersion != null && frame.version < this.lastVersion) return false;
    if (frame.version === this.lastVersion && (frame.version !== this.seen.version || this.seen.fields.has(field))) {
      return false; // this version was caught up with, or this field of it delivered
    }
    if (frame.version !== this.seen.version) this.seen = { version: frame.version, fields: new Set() };
    this.seen.fields.add(field);
    this.lastVersion = frame.version;
    return true;
  }

  /** Field changes are also emitted as `change`, with the change itself: `{entityId, field, value, action, …}`. */
  emit(event, ...args) {
    const handled = super.emit(event, ...args);
    if (event === 'field_change') return super.emit('change', args[0]?.change, args[1]) || handled;
    return handled;
  }
}
