/**
 * RealtimeClient: one connection to Syncline that survives the network. It reconnects with
 * capped, jittered backoff, resubscribes and resumes every channel from its last version, queues
 * what is sent while offline, refreshes the token before it expires, and falls back to long-poll
 * when WebSockets cannot connect.
 */
import { Backoff } from './backoff.js';
import { Channel } from './channel.js';
import { DEFAULTS, State } from './constants.js';
import { Emitter } from './emitter.js';
import { FieldSync } from './fields.js';
import { FieldValidator, validate, validateForm } from './forms.js';
import { Http } from './http.js';
import { Lifecycle } from './lifecycle.js';
import { PresenceManager } from './presence.js';
import { SchemaManager } from './schema.js';
import { signal } from './signal.js';

export { tokenExpiry } from './tokens.js';

export class RealtimeClient extends Emitter {
  /** See client.d.ts for the options. */
  constructor(options = {}) {
    super();
    const o = { ...DEFAULTS, ...options };
    this.options = o;
    this.url = (o.url || globalThis.location?.origin || '').replace(/\/$/, '');
    this.socketUrl = o.socketUrl || this.url.replace(/^http/, 'ws') + o.socketPath;
    /** The connection state, one of `State`. */
    this.state = signal(State.CLOSED);
    /** The transport in use, one of `Transport`, or null before the first connection. */
    this.transport = signal(null);
    /** The last measured round trip of a ping, in ms. */
    this.latency = signal(null);
    this.userId = null;
    /** The last token fetched from `options.token`. */
    this.token = null;
    this.channels = new Map();
    /** The schema managers, by app. */
    this.schemas = new Map();
    this.backoff = new Backoff({ base: o.backoffBase, cap: o.backoffCap, random: o.random });
    this.#lifecycle = new Lifecycle(this);
    const tokens = this.#lifecycle.tokens;
    this.http = new Http({
      baseUrl: this.url,
      fetch: o.fetch,
      token: async () => this.token ?? (await tokens.fetch('connect')),
      refreshToken: (reason) => tokens.fetch(reason),
    });
  }

  #lifecycle;

  /** Opens the connection (idempotent); returns the client. */
  connect() {
    this.#lifecycle.connect();
    return this;
  }

  /** Closes for good: pending requests fail with ClosedError; queued frames are dropped. */
  disconnect() {
    this.#lifecycle.disconnect();
  }

  /** A channel, created and subscribed on first use; the same object for the same name. */
  channel(name, options = {}) {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new Channel(this, name, options);
      this.channels.set(name, channel);
      if (this._open) channel._join();
    }
    return channel;
  }

  /** Field-level sync on an entity (`fields:{entity}`); the same object for the same entity. */
  fields(entity, options = {}) {
    const name = 'fields:' + entity;
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new FieldSync(this, entity, options);
      this.channels.set(name, channel);
      if (this._open) channel._join();
    }
    return channel;
  }

  /** Validates one value of a form's field: resolves `{form, field, valid, error, metadata}`. */
  validate(form, field, value) {
    return validate(this, form, field, value);
  }

  /** Validates a whole form, `{field: value}`: resolves `{form, valid, errors: [{field, error}]}`. */
  validateForm(form, values) {
    return validateForm(this, form, values);
  }

  /** A validator of one form for as-you-type checks: each field's requests are debounced. */
  validator(form, options) {
    return new FieldValidator(this, form, options);
  }

  /** Presence on a resource: joins it, keeps it alive, and tracks who else is there. */
  presence(resource, { name, metadata } = {}) {
    const channel = this.channel('presence:' + resource, {
      join: { type: 'presence:join', payload: { resource, name, metadata } },
    });
    return (
      channel.presence ??
      (channel.presence = new PresenceManager(channel, { heartbeat: this.options.presenceHeartbeat }))
    );
  }

  /** A seed 001 room (`component:{id}`): subscribing joins its presence; `room.presence.members`. */
  room(id) {
    const channel = this.channel('component:' + id);
    channel.presence ??= new PresenceManager(channel);
    return channel;
  }

  /**
   * The schema manager of an app (seed 000), created on first use: its schema over HTTP, then live
   * on `schema:{app}`, checked against `baseline`. The same object for the same app.
   */
  schema(app, options = {}) {
    let manager = this.schemas.get(app);
    if (!manager) {
      manager = new SchemaManager(this, app, options);
      this.schemas.set(app, manager);
    }
    return manager;
  }

  _forgetSchema(manager) {
    if (this.schemas.get(manager.app) === manager) this.schemas.delete(manager.app);
  }

  /**
   * Sends a request and resolves with the answering frame (`until`: the answer's type(s); other
   * frames with the same requestId are collected in `frames`). Rejects with SynclineError when
   * the server answers `error`, TimeoutError, ConnectionLostError or QueueFullError. With
   * `retry`, the request is sent again after a reconnect instead of failing (use it only for
   * requests the server applies once, such as a push with a mutationId).
   */
  request(type, payload = {}, { until, timeout = this.options.requestTimeout, retry = false, channel } = {}) {
    return this.#lifecycle.request(type, payload, { until, timeout, retry, channel });
  }

  /**
   * Sends a frame that expects no answer. While offline it is queued, unless `volatile`, in
   * which case it is dropped (typing indicators); returns whether it was sent or queued.
   */
  send(type, payload = {}, { channel, volatile = false } = {}) {
    return this.#lifecycle.send(type, payload, { channel, volatile });
  }

  /** Frames waiting for a connection. */
  get queued() {
    return this.#lifecycle.queued;
  }

  _forget(channel) {
    if (this.channels.get(channel.name) === channel) this.channels.delete(channel.name);
  }

  get _open() {
    return this.#lifecycle.open;
  }
}
