/**
 * The long-poll transport, for networks that refuse WebSockets. It speaks the same frames as the
 * socket to the client: entity channels follow `GET /api/poll` on the same versions, `sync` is
 * `GET /api/sync/{entity}`, `push` becomes a REST write, a presence join reads a snapshot and form
 * validation is `POST /api/forms/…`. Broadcasts, live presence and field-level sync need the
 * socket; they are refused here.
 */
import { Transport } from './constants.js';
import { changeFrame } from './change.js';
import { SynclineError } from './errors.js';

export class LongPollTransport {
  name = Transport.LONG_POLL;

  /** @param {{http: import('./http.js').Http, pollTimeout?: number}} o */
  constructor({ http, pollTimeout = 25000 }) {
    this.http = http;
    this.pollTimeout = pollTimeout;
    this.opened = false;
    this.channels = new Set();
    this.cursor = null;
  }

  async start(token, handlers) {
    this.token = token;
    this.handlers = handlers;
    try {
      const status = await this.#get('/api/sync/status');
      this.opened = true;
      this.#emit({
        type: 'connection:established',
        payload: { connectionId: 'longpoll', heartbeatInterval: 0, protocolVersion: '1', committed: status.committed },
      });
    } catch (e) {
      this.#fail(e);
    }
  }

  send(frame) {
    this.#handle(frame).catch((e) => {
      if (e instanceof SynclineError && e.status !== 401 && frame.requestId) {
        this.#reply(frame, 'error', {
          code: e.code,
          message: e.message,
          details: e.details,
          recoverable: e.recoverable ?? true,
          retryAfter: e.retryAfter,
        });
      } else {
        this.#fail(e);
      }
    });
  }

  close(code = 1000, reason = '') {
    this.abort?.abort();
    const handlers = this.handlers;
    this.handlers = null;
    handlers?.onClose({ code, reason, opened: this.opened });
  }

  async #handle(frame) {
    const p = frame.payload || {};
    switch (frame.type) {
      case 'subscribe':
        return this.#subscribe(frame, p.channel);
      case 'unsubscribe':
        this.channels.delete(p.channel);
        this.#restartPoll();
        return this.#reply(frame, 'unsubscribed', { channel: p.channel }, p.channel);
      case 'sync':
        return this.#sync(frame, p);
      case 'push':
        return this.#push(frame, p);
      case 'auth':
        this.token = p.token;
        return this.#reply(frame, 'auth:ok', {});
      case 'ping':
        return this.#reply(frame, 'pong', { sequenceNumber: p.sequenceNumber });
      case 'validate_field': {
        const path = `/api/forms/${encodeURIComponent(p.form)}/fields/${encodeURIComponent(p.field)}/validate`;
        const { body } = await this.http.request('POST', path, { body: { value: p.value ?? null }, token: this.token });
        return this.#reply(frame, 'validation_result', body);
      }
      case 'validate_form': {
        const path = `/api/forms/${encodeURIComponent(p.form)}/validate`;
        const { body } = await this.http.request('POST', path, { body: { fields: p.fields }, token: this.token });
        return this.#reply(frame, 'form_validation_result', body);
      }
      case 'presence:join': {
        const channel = 'presence:' + p.resource;
        const snapshot = await this.#get('/api/presence/' + encodeURIComponent(p.resource));
        return this.#reply(frame, 'presence:sync', snapshot, channel);
      }
      default:
        // broadcasts, presence heartbeats and leaves, and field-level sync need the socket
        if (frame.requestId) {
          this.#reply(frame, 'error', {
            code: 'unavailable',
            message: frame.type + ' needs the WebSocket transport',
            recoverable: true,
          });
        }
    }
  }

  async #subscribe(frame, channel) {
    const status = await this.#get('/api/sync/status');
    if (channel.startsWith('entity:')) {
      this.channels.add(channel);
      this.cursor = this.cursor == null ? status.committed : Math.min(this.cursor, status.committed);
      this.#restartPoll();
    }
    this.#reply(frame, 'subscribed', { channel, version: status.committed }, channel);
  }

  async #sync(frame, { entity, since = 0 }) {
    const path = entity ? '/api/sync/' + encodeURIComponent(entity) : '/api/sync';
    const page = await this.#get(`${path}?since=${since}`);
    for (const change of page.changes) {
      this.#emit({
        type: 'change',
        requestId: frame.requestId,
        channel: 'entity:' + change.entity,
        payload: { change },
        version: change.version,
      });
    }
    this.#reply(frame, 'sync:complete', { entity, lastVersion: page.lastVersion, hasMore: page.hasMore });
  }

  async #push(frame, { entity, entityId, action, data, baseVersion, mutationId }) {
    const path = `/api/entities/${encodeURIComponent(entity)}`;
    const one = `${path}/${encodeURIComponent(entityId)}`;
    const ifMatch = baseVersion == null ? {} : { 'If-Match': `"${baseVersion}"` };
    let record;
    try {
      if (action === 'create') {
        record = (await this.http.request('POST', path, { body: { ...data, id: entityId }, token: this.token })).body;
      } else if (action === 'update') {
        record = (
          await this.http.request('PATCH', one, {
            body: data,
            headers: { 'Content-Type': 'application/merge-patch+json', ...ifMatch },
            token: this.token,
          })
        ).body;
      } else {
        const response = await this.http.request('DELETE', one, { headers: ifMatch, token: this.token });
        record = { version: Number(String(response.headers.get('ETag')).replace(/\D/g, '')) || null };
      }
    } catch (e) {
      if (e.status === 412 || (e.status === 409 && action === 'create')) {
        const remote = await this.#get(one).catch(() => null);
        if (e.status === 409 && remote && frame.retried) {
          // our own create, applied before the connection dropped: acknowledge it
          return this.#reply(frame, 'push_ack', { entity, entityId, version: remote.version, mutationId });
        }
        return this.#reply(frame, 'conflict:detect', {
          conflictId: null,
          conflictType: 'version',
          entityType: entity,
          entityId,
          versions: {
            local: { version: baseVersion ?? null, data },
            remote: remote ? { version: remote.version, data: remote.data } : null,
          },
        });
      }
      throw e;
    }
    this.#reply(frame, 'push_ack', { entity, entityId, version: record?.version ?? null, mutationId });
  }

  #restartPoll() {
    this.abort?.abort();
    if (this.channels.size > 0 && this.handlers) queueMicrotask(() => this.#pollLoop());
  }

  async #pollLoop() {
    if (this.polling) return;
    this.polling = true;
    try {
      while (this.handlers && this.channels.size > 0) {
        this.abort = new AbortController();
        const names = [...this.channels].join(',');
        let page;
        try {
          page = await this.#get(
            `/api/poll?channels=${encodeURIComponent(names)}&since=${this.cursor}&timeout=${this.pollTimeout}`,
            this.abort.signal,
          );
        } catch (e) {
          if (e?.name === 'AbortError') continue;
          throw e;
        }
        for (const change of page.changes) {
          for (const channel of [`entity:${change.entity}`, `entity:${change.entity}:${change.entityId}`]) {
            if (this.channels.has(channel)) this.#emit(changeFrame(change, channel));
          }
        }
        this.cursor = Math.max(this.cursor, page.lastVersion ?? this.cursor);
      }
    } catch (e) {
      this.#fail(e);
    } finally {
      this.polling = false;
    }
  }

  async #get(path, signal) {
    return (await this.http.get(path, { signal, token: this.token })).body;
  }

  #reply(request, type, payload, channel) {
    const frame = { type, payload, requestId: request.requestId };
    if (channel) frame.channel = channel;
    this.#emit(frame);
  }

  #emit(frame) {
    this.handlers?.onFrame({ timestamp: Date.now(), ...frame });
  }

  #fail(error) {
    if (!this.handlers) return;
    const code = error?.status === 401 ? 1008 : error?.status === 429 ? 1013 : 1006;
    this.close(code, String(error?.message || error));
  }
}
