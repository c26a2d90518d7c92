/**
 * The connection's lifecycle: dial (a token, then the transport `Fallback` picks, given up if not
 * established within `connectTimeout`), established
 * (heartbeat, token refresh, rejoin every channel, flush the queue), closed (lost requests back in
 * the queue or failed, too many refused tokens end it) and reconnect after a backoff. Frames sent
 * while offline wait in a bounded queue; frames received go to requests, channels and listeners.
 */
import { CloseCode, State, Transport } from './constants.js';
import { giveUpAfter } from './connect-timeout.js';
import { ClosedError, QueueFullError, SynclineError } from './errors.js';
import { Fallback } from './fallback.js';
import { Heartbeat } from './heartbeat.js';
import { Requests, frameBytes, tooLarge } from './requests.js';
import { Tokens } from './tokens.js';
import { LongPollTransport } from './transport-longpoll.js';

export class Lifecycle {
  #client;
  #conn = null;
  #established = false;
  #closedByUser = true;
  #requests = new Requests();
  #queue = [];
  #reconnect;
  #cancelGiveUp = () => {};
  #retryAfter = 0;
  #authFailures = 0;
  #attempts = 0;
  #maxFrameBytes = 0; // the server's limit, once a connection:established has told it
  #heartbeat;
  #fallback;

  constructor(client) {
    this.#client = client;
    this.tokens = new Tokens(client);
    this.#heartbeat = new Heartbeat(client, {
      onDead: () => this.#conn?.close(CloseCode.HEARTBEAT_TIMEOUT, 'no answer to ping'),
    });
    this.#fallback = new Fallback(client, {
      token: () => this.tokens.fetch('connect'),
      stopped: () => this.#closedByUser,
      moveToWebSocket: () => this.#moveToWebSocket(),
    });
  }

  /** Whether a connection is established. */
  get open() {
    return this.#established;
  }

  /** Frames waiting for a connection. */
  get queued() {
    return this.#queue.length;
  }

  connect() {
    if (!this.#closedByUser) return;
    this.#closedByUser = false;
    this.#setState(State.CONNECTING);
    this.#dial();
  }

  disconnect() {
    this.#closedByUser = true;
    this.#stopTimers();
    const conn = this.#conn;
    this.#conn = null;
    conn?.close(CloseCode.NORMAL, 'client closed');
    this.#requests.failAll(new ClosedError());
    for (const channel of this.#client.channels.values()) channel._lost();
    this.#established = false;
    this.#queue = [];
    this.#setState(State.CLOSED);
  }

  request(type, payload, { until, timeout, retry, channel }) {
    if (this.#closedByUser) return Promise.reject(new ClosedError());
    const entry = this.#requests.create(type, payload, { until, timeout, retry, channel });
    try {
      this.#write(entry.frame, entry);
    } catch (e) {
      this.#requests.fail(entry, e);
    }
    return entry.promise;
  }

  send(type, payload, { channel, volatile }) {
    const frame = { type, payload };
    if (channel) frame.channel = channel;
    if (volatile && !this.#established) return false;
    this.#write(frame, null);
    return true;
  }

  async #dial() {
    clearTimeout(this.#reconnect);
    let token;
    try {
      token = await this.tokens.fetch(this.#authFailures > 0 ? 'rejected' : 'connect');
    } catch (e) {
      this.#client.emit('error', e);
      return this.#scheduleReconnect(CloseCode.POLICY);
    }
    if (this.#closedByUser) return;
    const options = this.#client.options;
    const conn =
      this.#fallback.mode === Transport.LONG_POLL
        ? new LongPollTransport({ http: this.#client.http, pollTimeout: options.pollTimeout })
        : this.#fallback.webSocket();
    this.#conn = conn;
    this.#established = false;
    this.#heartbeat.heard();
    conn.start(token, {
      onFrame: (frame) => conn === this.#conn && this.#onFrame(frame),
      onClose: (info) => conn === this.#conn && this.#onClose(conn, info),
    });
    this.#cancelGiveUp = giveUpAfter(conn, options.connectTimeout);
  }

  #onEstablished(payload) {
    const client = this.#client;
    this.#cancelGiveUp();
    this.#established = true;
    client.userId = payload.userId ?? client.userId;
    this.#authFailures = 0;
    this.#attempts = 0;
    this.#fallback.established(this.#conn);
    client.backoff.reset();
    client.transport.value = this.#conn.name;
    this.#heartbeat.start(payload.heartbeatInterval);
    if (payload.maxFrameBytes > 0) this.#maxFrameBytes = payload.maxFrameBytes;
    this.tokens.scheduleRefresh();
    this.#setState(State.OPEN);
    for (const channel of client.channels.values()) channel._join();
    const queue = this.#queue;
    this.#queue = [];
    for (const { frame, entry } of queue) {
      try {
        if (!entry || this.#requests.has(entry)) this.#write(frame, entry);
      } catch (e) {
        // over the server's limit, learnt only now: the request fails, a plain frame is reported
        if (entry) this.#requests.fail(entry, e);
        else client.emit('error', e);
      }
    }
    client.emit('open', payload);
  }

  #onClose(conn, { code, reason }) {
    const client = this.#client;
    this.#cancelGiveUp();
    this.#conn = null;
    const wasEstablished = this.#established;
    this.#established = false;
    this.#heartbeat.stop();
    this.tokens.stop();
    this.#fallback.closed(conn, wasEstablished);
    if (code === CloseCode.TOO_LARGE) this.#requests.refuseOversized(this.#maxFrameBytes);
    this.#queue = this.#requests
      .lost()
      .map((entry) => ({ frame: entry.frame, entry }))
      .concat(this.#queue);
    for (const channel of client.channels.values()) channel._lost();
    client.emit('close', { code, reason });
    if (this.#closedByUser) return;
    if (code === CloseCode.POLICY) {
      client.token = null;
      if (++this.#authFailures > (client.options.maxAuthFailures ?? 3)) {
        client.emit(
          'error',
          new SynclineError({ code: 'unauthenticated', message: reason || 'the server refused the token' }),
        );
        client.disconnect();
        return;
      }
    }
    this.#fallback.chooseNext(conn, wasEstablished);
    this.#scheduleReconnect(code);
  }

  #scheduleReconnect(code) {
    const max = this.#client.options.maxReconnectAttempts ?? Infinity;
    if (++this.#attempts > max) {
      this.#client.emit(
        'error',
        new SynclineError({
          code: 'unavailable',
          message: `no connection after ${max} reconnect attempts`,
          recoverable: false,
        }),
      );
      this.#client.disconnect();
      return;
    }
    const backoff = this.#client.backoff;
    const delay = backoff.next(this.#retryAfter);
    this.#retryAfter = 0;
    this.#setState(State.RECONNECTING);
    this.#client.emit('reconnecting', { attempt: backoff.attempt, delay, code });
    this.#status('reconnecting', { reason: `closed with ${code}`, nextReconnectIn: delay });
    this.#reconnect = setTimeout(() => this.#dial(), delay);
  }

  /** A probe opened a WebSocket: close the long-poll connection (its close reconnects) or dial. */
  #moveToWebSocket() {
    const conn = this.#conn;
    clearTimeout(this.#reconnect);
    if (conn) {
      conn.close(CloseCode.NORMAL, 'moving to WebSocket');
    } else {
      this.#dial();
    }
  }

  /** Writes a frame now or queues it; a frame over the server's limit throws `too_large`. */
  #write(frame, entry) {
    if (this.#maxFrameBytes) {
      const bytes = frameBytes(frame);
      if (bytes > this.#maxFrameBytes) throw tooLarge(bytes, this.#maxFrameBytes);
    }
    if (this.#established && this.#conn) {
      this.#conn.send(frame);
      if (entry) this.#requests.written(entry);
      return;
    }
    const maxQueue = this.#client.options.maxQueue;
    if (this.#queue.length >= maxQueue) throw new QueueFullError(maxQueue);
    this.#queue.push({ frame, entry });
  }

  #onFrame(frame) {
    const client = this.#client;
    this.#heartbeat.heard();
    if (frame.type === 'batch:update' && Array.isArray(frame.payload?.updates)) {
      for (const update of frame.payload.updates) this.#onFrame(update);
      return;
    }
    switch (frame.type) {
      case 'connection:established':
        return this.#onEstablished(frame.payload || {});
      case 'pong':
        this.#heartbeat.pong(frame.payload || {});
        break;
      case 'rate-limit':
        client.emit('rate-limit', frame.payload);
        break;
      case 'cache:invalidate':
        client.emit('cache:invalidate', frame.payload || {});
        break;
    }
    const refused = this.#requests.answer(frame);
    if (refused?.retryAfter) this.#retryAfter = refused.retryAfter;
    if (refused === undefined && frame.type === 'error') this.#unsolicitedError(frame.payload || {});
    if (frame.channel && !(frame.requestId && /^(subscribed|unsubscribed|change|field_change)$/.test(frame.type))) {
      client.channels.get(frame.channel)?._receive(frame);
    }
    client.emit('message', frame);
  }

  #unsolicitedError(payload) {
    if (payload.retryAfter) this.#retryAfter = payload.retryAfter;
    this.#client.emit('error', new SynclineError(payload));
  }

  #setState(state) {
    const client = this.#client;
    if (client.state.value === state) return;
    client.state.value = state;
    client.emit('state', state);
    if (state === State.OPEN) this.#status('connected');
    if (state === State.CLOSED) this.#status('disconnected');
  }

  /** Seed 003's `connection:status`, as an event of the client: what changed and what comes next. */
  #status(status, { reason, nextReconnectIn = 0 } = {}) {
    this.#client.emit('connection:status', {
      status,
      ...(reason ? { reason } : {}),
      reconnectAttempts: this.#attempts,
      nextReconnectIn,
    });
  }

  #stopTimers() {
    clearTimeout(this.#reconnect);
    this.#cancelGiveUp();
    this.#reconnect = undefined;
    this.#heartbeat.stop();
    this.tokens.stop();
    this.#fallback.stop();
  }
}
