/**
 * RealtimeClient: one connection to Syncline that survives the network. It reconnects with
 * capped, jittered backoff, resubscribes and resumes every channel from its last version, queues
 * what is sent while offline, refreshes the token before it expires, and falls back to long-poll
 * when WebSockets cannot connect.
 */
import { Backoff } from './backoff.js';
import { Channel } from './channel.js';
import { CloseCode, DEFAULTS, State, Transport } from './constants.js';
import { Emitter } from './emitter.js';
import { ClosedError, QueueFullError, SynclineError } from './errors.js';
import { FieldSync } from './fields.js';
import { FieldValidator, validate, validateForm } from './forms.js';
import { Http } from './http.js';
import { PresenceManager } from './presence.js';
import { Requests } from './requests.js';
import { SchemaManager } from './schema.js';
import { signal } from './signal.js';
import { LongPollTransport } from './transport-longpoll.js';
import { WebSocketTransport } from './transport-websocket.js';

/** Seconds-since-epoch expiry of a JWT, or null when the token is not one. */
export function tokenExpiry(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(globalThis.atob ? atob(part) : Buffer.from(part, 'base64').toString());
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null;
  }
}

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
    this.channels = new Map();
    /** The schema managers, by app. */
    this.schemas = new Map();
    this.backoff = new Backoff({ base: o.backoffBase, cap: o.backoffCap, random: o.random });
    this.http = new Http({
      baseUrl: this.url,
      fetch: o.fetch,
      token: async () => this.token ?? (await this.#fetchToken('connect')),
      refreshToken: (reason) => this.#fetchToken(reason),
    });
    this.#mode = o.transports?.[0] === Transport.LONG_POLL ? Transport.LONG_POLL : Transport.WEBSOCKET;
  }

  #mode;
  #conn = null;
  #established = false;
  #closedByUser = true;
  #requests = new Requests();
  #queue = [];
  #timers = {};
  #lastHeard = 0;
  #retryAfter = 0;
  #wsFailures = 0;
  #authFailures = 0;
  #pingSeq = 0;
  #pings = new Map();

  /** Opens the connection (idempotent); returns the client. */
  connect() {
    if (!this.#closedByUser) return this;
    this.#closedByUser = false;
    this.#setState(State.CONNECTING);
    this.#dial();
    return this;
  }

  /** Closes for good: pending requests fail with ClosedError; queued frames are dropped. */
  disconnect() {
    this.#closedByUser = true;
    for (const name of Object.keys(this.#timers)) this.#clear(name);
    const conn = this.#conn;
    this.#conn = null;
    conn?.close(CloseCode.NORMAL, 'client closed');
    this.#requests.failAll(new ClosedError());
    for (const channel of this.channels.values()) channel._lost();
    this.#established = false;
    this.#queue = [];
    this.#setState(State.CLOSED);
  }

  /** A channel, created and subscribed on first use; the same object for the same name. */
  channel(name, options = {}) {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new Channel(this, name, options);
      this.channels.set(name, channel);
      if (this.#established) channel._join();
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
      if (this.#established) channel._join();
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
    const channel = this.channel('presence:' + resource, { join: { type: 'presence:join', payload: { resource, name, metadata } } });
    return channel.presence ?? (channel.presence = new PresenceManager(channel, { heartbeat: this.options.presenceHeartbeat }));
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
    if (this.#closedByUser) return Promise.reject(new ClosedError());
    const entry = this.#requests.create(type, payload, { until, timeout, retry, channel });
    try {
      this.#write(entry.frame, entry);
    } catch (e) {
      this.#requests.fail(entry, e);
    }
    return entry.promise;
  }

  /**
   * Sends a frame that expects no answer. While offline it is queued, unless `volatile`, in
   * which case it is dropped (typing indicators); returns whether it was sent or queued.
   */
  send(type, payload = {}, { channel, volatile = false } = {}) {
    const frame = { type, payload };
    if (channel) frame.channel = channel;
    if (volatile && !this.#established) return false;
    this.#write(frame, null);
    return true;
  }

  /** Frames waiting for a connection. */
  get queued() {
    return this.#queue.length;
  }

  _forget(channel) {
    if (this.channels.get(channel.name) === channel) this.channels.delete(channel.name);
  }

  get _open() {
    return this.#established;
  }

  // --- connection lifecycle ---

  async #dial() {
    this.#clear('reconnect');
    let token;
    try {
      token = await this.#fetchToken(this.#authFailures > 0 ? 'rejected' : 'connect');
    } catch (e) {
      this.emit('error', e);
      return this.#scheduleReconnect(CloseCode.POLICY);
    }
    if (this.#closedByUser) return;
    const conn =
      this.#mode === Transport.LONG_POLL
        ? new LongPollTransport({ http: this.http, pollTimeout: this.options.pollTimeout })
        : new WebSocketTransport({ url: this.socketUrl, WebSocket: this.options.WebSocket, tokenVia: this.options.tokenVia });
    this.#conn = conn;
    this.#established = false;
    this.#lastHeard = Date.now();
    conn.start(token, {
      onFrame: (frame) => conn === this.#conn && this.#onFrame(frame),
      onClose: (info) => conn === this.#conn && this.#onClose(conn, info),
    });
  }

  #onEstablished(payload) {
    this.#established = true;
    this.userId = payload.userId ?? this.userId;
    this.#authFailures = 0;
    if (this.#conn.name === Transport.WEBSOCKET) this.#wsFailures = 0;
    this.backoff.reset();
    this.transport.value = this.#conn.name;
    this.#startHeartbeat(payload.heartbeatInterval);
    this.#scheduleTokenRefresh();
    if (this.#conn.name === Transport.LONG_POLL) this.#scheduleProbe(0); // at once: the network may just be back
    this.#setState(State.OPEN);
    for (const channel of this.channels.values()) channel._join();
    const queue = this.#queue;
    this.#queue = [];
    for (const { frame, entry } of queue) {
      if (!entry || this.#requests.has(entry)) this.#write(frame, entry);
    }
    this.emit('open', payload);
  }

  #onClose(conn, { code, reason }) {
    this.#conn = null;
    const wasEstablished = this.#established;
    this.#established = false;
    this.#clear('heartbeat');
    this.#clear('refresh');
    if (conn.name === Transport.WEBSOCKET && !wasEstablished) this.#wsFailures++;
    this.#queue = this.#requests.lost().map((entry) => ({ frame: entry.frame, entry })).concat(this.#queue);
    for (const channel of this.channels.values()) channel._lost();
    this.emit('close', { code, reason });
    if (this.#closedByUser) return;
    if (code === CloseCode.POLICY) {
      this.token = null;
      if (++this.#authFailures > (this.options.maxAuthFailures ?? 3)) {
        this.emit('error', new SynclineError({ code: 'unauthenticated', message: reason || 'the server refused the token' }));
        this.disconnect();
        return;
      }
    }
    if (conn.name === Transport.LONG_POLL && !wasEstablished) {
      // plain HTTP fails as well: the network or the server is down, WebSockets are not the problem
      this.#mode = Transport.WEBSOCKET;
      this.#wsFailures = 0;
    } else if (
      this.#mode === Transport.WEBSOCKET &&
      this.options.fallback !== false &&
      this.#wsFailures >= this.options.fallbackAfter
    ) {
      this.#mode = Transport.LONG_POLL;
      this.emit('fallback', { failures: this.#wsFailures });
    }
    this.#scheduleReconnect(code);
  }

  #scheduleReconnect(code) {
    const delay = this.backoff.next(this.#retryAfter);
    this.#retryAfter = 0;
    this.#setState(State.RECONNECTING);
    this.emit('reconnecting', { attempt: this.backoff.attempt, delay, code });
    this.#timers.reconnect = setTimeout(() => this.#dial(), delay);
  }

  /** While on long-poll, try a WebSocket now and then; when one opens, move back to it. */
  #scheduleProbe(delay = this.options.probeInterval) {
    this.#clear('probe');
    this.#timers.probe = setTimeout(async () => {
      if (this.#mode !== Transport.LONG_POLL || this.#closedByUser) return;
      const probe = new WebSocketTransport({ url: this.socketUrl, WebSocket: this.options.WebSocket, tokenVia: this.options.tokenVia });
      const token = await this.#fetchToken('connect').catch(() => null);
      probe.start(token, {
        onFrame: (frame) => {
          if (frame.type !== 'connection:established') return;
          probe.close(CloseCode.NORMAL, 'probe');
          if (this.#mode !== Transport.LONG_POLL || this.#closedByUser) return;
          this.#mode = Transport.WEBSOCKET;
          this.#wsFailures = 0;
          const conn = this.#conn;
          this.#clear('reconnect');
          if (conn) {
            conn.close(CloseCode.NORMAL, 'moving to WebSocket');
          } else {
            this.#dial();
          }
        },
        onClose: () => this.#mode === Transport.LONG_POLL && this.#established && this.#scheduleProbe(),
      });
    }, delay);
  }

  // --- frames ---

  #write(frame, entry) {
    if (this.#established && this.#conn) {
      this.#conn.send(frame);
      if (entry) this.#requests.written(entry);
      return;
    }
    if (this.#queue.length >= this.options.maxQueue) throw new QueueFullError(this.options.maxQueue);
    this.#queue.push({ frame, entry });
  }

  #onFrame(frame) {
    this.#lastHeard = Date.now();
    if (frame.type === 'batch:update' && Array.isArray(frame.payload?.updates)) {
      for (const update of frame.payload.updates) this.#onFrame(update);
      return;
    }
    switch (frame.type) {
      case 'connection:established':
        return this.#onEstablished(frame.payload || {});
      case 'pong':
        this.#onPong(frame.payload || {});
        break;
      case 'rate-limit':
        this.emit('rate-limit', frame.payload);
        break;
    }
    const refused = this.#requests.answer(frame);
    if (refused?.retryAfter) this.#retryAfter = refused.retryAfter;
    if (refused === undefined && frame.type === 'error') this.#unsolicitedError(frame.payload || {});
    if (frame.channel && !(frame.requestId && /^(subscribed|unsubscribed|change|field_change)$/.test(frame.type))) {
      this.channels.get(frame.channel)?._receive(frame);
    }
    this.emit('message', frame);
  }

  #unsolicitedError(payload) {
    if (payload.retryAfter) this.#retryAfter = payload.retryAfter;
    this.emit('error', new SynclineError(payload));
  }

  // --- heartbeat and token ---

  #startHeartbeat(serverInterval) {
    this.#clear('heartbeat');
    if (!serverInterval && !this.options.pingInterval) return; // long-poll: nothing to keep alive
    const every = this.options.pingInterval ?? Math.max(1000, (serverInterval || this.options.heartbeatInterval) / 2);
    const deadAfter = this.options.deadAfter ?? every * 2.5;
    this.#timers.heartbeat = setInterval(() => {
      if (Date.now() - this.#lastHeard > deadAfter) {
        this.emit('dead', { silentFor: Date.now() - this.#lastHeard });
        this.#conn?.close(CloseCode.HEARTBEAT_TIMEOUT, 'no answer to ping');
        return;
      }
      const sequenceNumber = ++this.#pingSeq;
      this.#pings.set(sequenceNumber, Date.now());
      this.send('ping', { sequenceNumber, timestamp: Date.now() }, { volatile: true });
    }, every);
  }

  #onPong({ sequenceNumber }) {
    const sent = this.#pings.get(sequenceNumber);
    if (sent) this.latency.value = Date.now() - sent;
    this.#pings.clear();
  }

  async #fetchToken(reason) {
    if (!this.options.token) return null;
    this.token = await this.options.token({ reason });
    return this.token;
  }

  #scheduleTokenRefresh() {
    this.#clear('refresh');
    const exp = this.token && tokenExpiry(this.token);
    if (!exp) return;
    const delay = Math.max(1000, exp * 1000 - Date.now() - this.options.tokenRefreshMargin);
    this.#timers.refresh = setTimeout(async () => {
      try {
        const token = await this.#fetchToken('expiry');
        if (this.#established) await this.request('auth', { token }, { until: 'auth:ok' });
        this.#scheduleTokenRefresh();
      } catch (e) {
        this.emit('error', e);
      }
    }, Math.min(delay, 2 ** 31 - 1));
  }

  #setState(state) {
    if (this.state.value === state) return;
    this.state.value = state;
    this.emit('state', state);
  }

  #clear(name) {
    clearTimeout(this.#timers[name]);
    clearInterval(this.#timers[name]);
    delete this.#timers[name];
  }
}
