/**
 * A channel in the spirit of socket.io rooms and phoenix.js channels:
 * `client.channel('entity:Task').on('entity:updated', (task, frame) => …)`. It subscribes on
 * every (re)connection; an entity channel resumes from the last version it delivered with `sync`,
 * so across a reconnect each change is delivered once, in version order.
 */
import { Emitter } from './emitter.js';
import { changeFrame } from './change.js';
import { SynclineError } from './errors.js';

export class Channel extends Emitter {
  /**
   * @param {import('./client.js').RealtimeClient} client
   * @param {string} name
   * @param {{since?: number, filters?: object, throttle?: number, join?: {type: string, payload: object}}} options
   */
  constructor(client, name, { since, filters, throttle, join } = {}) {
    super();
    this.client = client;
    this.name = name;
    const [kind, entity, id] = name.split(':');
    this.entity = kind === 'entity' ? entity : null;
    this.recordId = kind === 'entity' ? (id ?? null) : null;
    /** The version of the last change delivered (entity channels). */
    this.lastVersion = since ?? null;
    this.joined = false;
    this.closed = false;
    this.join = join ?? {
      type: 'subscribe',
      payload: { channel: name, ...(filters && { filters }), ...(throttle && { throttle }) },
    };
    /** The answer that confirms the join. */
    this.joinedBy = this.join.type === 'presence:join' ? 'presence:sync' : 'subscribed';
    this.generation = 0;
    this.catchingUp = false;
    this.held = [];
  }

  /** Sends an event to the channel's other subscribers (typing, cursors). */
  broadcast(event, data, { volatile = false } = {}) {
    return this.client.send('broadcast', { event, data }, { channel: this.name, volatile });
  }

  /** Unsubscribes and forgets the channel; listeners are no longer called. */
  leave() {
    if (this.closed) return;
    this.closed = true;
    this.generation++;
    this.client._forget(this);
    this.presence?._dispose();
    if (this.client._open) {
      const type = this.join.type === 'presence:join' ? 'presence:leave' : 'unsubscribe';
      const payload = type === 'presence:leave' ? { resource: this.join.payload.resource } : { channel: this.name };
      this.client.request(type, payload).catch(() => {});
    }
    this.joined = false;
  }

  /** The same as `leave()`, for code that disposes of what it created. */
  dispose() {
    this.leave();
  }

  /** Moves the resume point after the application reloaded a snapshot taken at `version`. */
  resetTo(version) {
    this.lastVersion = version;
    this.#release();
  }

  /** Subscribes on the current connection, then catches up from `lastVersion`. */
  async _join() {
    if (this.closed) return;
    const generation = ++this.generation;
    this.catchingUp = true;
    this.held = [];
    let answer;
    try {
      answer = await this.client.request(this.join.type, this.join.payload, { until: this.joinedBy });
    } catch (error) {
      if (generation === this.generation) {
        this.catchingUp = false;
        this.emit('error', error);
      }
      return;
    }
    if (generation !== this.generation) return;
    const version = answer.payload?.version;
    if (this.entity) {
      if (this.lastVersion == null) {
        this.lastVersion = version ?? 0;
      } else if (version == null || version > this.lastVersion) {
        try {
          await this.#catchUp(generation);
        } catch (error) {
          if (generation !== this.generation) return;
          if (error.code === 'resync_required' && this.emit('resync', error)) return; // the app calls resetTo
          this.emit('error', error);
          this.lastVersion = version ?? this.lastVersion;
        }
      }
    }
    if (generation !== this.generation) return;
    this.joined = true;
    this.#release();
    this.emit('join', { version: this.lastVersion });
  }

  _lost() {
    this.generation++;
    this.joined = false;
    this.catchingUp = false;
    this.held = [];
    this.emit('leave', {});
  }

  _receive(frame) {
    if (this.closed) return;
    if (frame.type === 'error' && !frame.requestId && frame.payload?.code === 'resync_required') {
      // the server asks this channel's subscribers to reload (an operator forced a resync)
      this.emit('resync', new SynclineError(frame.payload));
      return;
    }
    if (this.catchingUp && frame.version != null) {
      this.held.push(frame);
      return;
    }
    this.#deliver(frame);
  }

  async #catchUp(generation) {
    for (;;) {
      const page = await this.client.request(
        'sync',
        { entity: this.entity, since: this.lastVersion },
        { until: 'sync:complete' },
      );
      if (generation !== this.generation) return;
      for (const frame of page.frames) {
        const caughtUp = this._fromSync(frame);
        if (caughtUp) this.#deliver(caughtUp);
      }
      const { lastVersion, hasMore } = page.payload || {};
      if (lastVersion != null && lastVersion > this.lastVersion) this.lastVersion = lastVersion;
      if (!hasMore) return;
    }
  }

  /** The frame a `sync` reply's frame is delivered as, or null: here, its record's changes. */
  _fromSync(frame) {
    const change = frame.type === 'change' && frame.payload?.change;
    if (change && (this.recordId == null || change.entityId === this.recordId) && this.#passes(change)) {
      return changeFrame(change, this.name);
    }
    return null;
  }

  /** Whether a frame with a version is news (and remembers that it was seen). */
  _isNew(frame) {
    if (this.lastVersion != null && frame.version <= this.lastVersion) return false; // seen already
    this.lastVersion = frame.version;
    return true;
  }

  /** The subscription's `filters`, as the server applies them live; deletes always pass. */
  #passes(change) {
    const filters = this.join.payload.filters;
    if (!filters || change.action === 'delete') return true;
    return Object.entries(filters).every(([field, value]) => change.data?.[field] === value);
  }

  #release() {
    this.catchingUp = false;
    const held = this.held;
    this.held = [];
    for (const frame of held) this.#deliver(frame);
  }

  #deliver(frame) {
    if (this.entity && frame.version != null && !this._isNew(frame)) return;
    this.emit(frame.type, frame.payload, frame);
    if (frame.type === 'broadcast' && frame.payload?.event) {
      this.emit(frame.payload.event, frame.payload.data, frame.payload);
    }
    this.emit('message', frame);
  }
}
