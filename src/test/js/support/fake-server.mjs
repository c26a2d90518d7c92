// A small scripted stand-in for Syncline's /api/ws, for the client's unit tests: a change log
// with versions, subscribe/sync/push/ping, field-level sync (subscribe_fields, push_fields with
// last writer wins per field), and switches to misbehave (refuse, leave a handshake unanswered, go
// silent, drop).
import { WebSocketServer } from 'ws';

export class FakeServer {
  static async start(options = {}) {
    const server = new FakeServer(options);
    await new Promise((resolve) => server.wss.once('listening', resolve));
    server.url = `http://127.0.0.1:${server.wss.address().port}`;
    return server;
  }

  constructor({ heartbeatInterval = 25000 } = {}) {
    this.heartbeatInterval = heartbeatInterval;
    this.log = []; // {entity, entityId, action, data, version}
    this.mutations = new Map();
    this.stamps = new Map(); // entity/id/field -> {value, timestamp}
    this.sockets = new Set();
    this.received = [];
    this.handshakes = [];
    this.refuse = false;
    this.silent = false;
    this.hang = 0; // handshakes to leave unanswered, as a lost 101 would
    this.hanging = [];
    this.answer = {}; // type -> (frame, socket) => handled?
    this.wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (protocols) => (protocols.has('jwt') ? 'jwt' : false),
      verifyClient: (info, done) => {
        if (this.hang > 0) {
          this.hang--;
          this.hanging.push(info.req.socket); // done is never called: no status line ever comes
        } else if (this.refuse) done(false, 503, 'refused');
        else done(true);
      },
    });
    this.wss.on('connection', (socket, request) => this.#open(socket, request));
  }

  get version() {
    return this.log.length;
  }

  /** Commits a change and sends it to the entity's subscribers. */
  commit(entity, entityId, data, action = 'update') {
    const change = {
      entity,
      entityId,
      action,
      data: { ...data, id: entityId },
      version: this.log.length + 1,
      timestamp: new Date().toISOString(),
    };
    this.log.push(change);
    const past = { create: 'created', update: 'updated', delete: 'deleted' }[action];
    for (const socket of this.sockets) {
      if (socket.channels.has('entity:' + entity)) {
        this.send(socket, {
          type: 'entity:' + past,
          channel: 'entity:' + entity,
          payload: action === 'delete' ? { id: entityId } : change.data,
          version: change.version,
        });
      }
    }
    return change;
  }

  /**
   * Commits a field-level change: the fields that are newer than their stamps are written as one
   * change, sent to `fields:` subscribers; returns {change, applied, conflicts}.
   */
  commitFields(entity, entityId, fields, actor = 'tester') {
    const applied = [];
    const written = [];
    const conflicts = [];
    for (const f of fields) {
      const key = `${entity}/${entityId}/${f.field}`;
      const stored = this.stamps.get(key);
      if (stored && stored.timestamp >= f.timestamp) {
        if (stored.timestamp === f.timestamp && stored.value === f.value) applied.push(f);
        else
          conflicts.push({
            entity,
            entityId,
            field: f.field,
            serverValue: stored.value ?? null,
            serverTimestamp: new Date(stored.timestamp).toISOString(),
            clientValue: f.value ?? null,
            clientTimestamp: new Date(f.timestamp).toISOString(),
          });
        continue;
      }
      this.stamps.set(key, { value: f.action === 'unset' ? null : f.value, timestamp: f.timestamp });
      applied.push(f);
      written.push(f);
    }
    if (written.length === 0) return { change: null, applied, conflicts };
    const change = {
      entity,
      entityId,
      action: 'update',
      data: {},
      version: this.log.length + 1,
      timestamp: new Date().toISOString(),
      actor,
    };
    change.fields = written.map((f) => ({
      entity,
      entityId,
      field: f.field,
      value: f.action === 'unset' ? null : f.value,
      action: f.action,
      version: change.version,
      timestamp: new Date(f.timestamp).toISOString(),
      actor,
    }));
    this.log.push(change);
    for (const socket of this.sockets) {
      if (socket.channels.has('fields:' + entity)) {
        for (const field of change.fields) {
          this.send(socket, {
            type: 'field_change',
            channel: 'fields:' + entity,
            payload: { change: field },
            version: change.version,
          });
        }
      }
    }
    return { change, applied, conflicts };
  }

  send(socket, frame) {
    socket.send(JSON.stringify({ timestamp: Date.now(), ...frame }));
  }

  /** Ends every connection abruptly (as a network failure would). */
  dropAll() {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Resolves with the next frame of this type the server receives. */
  next(type) {
    return new Promise((resolve) => {
      this.waiters = (this.waiters || []).concat({ type, resolve });
    });
  }

  close() {
    this.dropAll();
    for (const socket of this.hanging.splice(0)) socket.destroy();
    return new Promise((resolve) => this.wss.close(resolve));
  }

  #open(socket, request) {
    socket.channels = new Set();
    this.sockets.add(socket);
    this.handshakes.push({
      protocol: socket.protocol,
      token: request.headers['sec-websocket-protocol']?.split(',')[1]?.trim(),
    });
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('message', (data) => this.#frame(socket, JSON.parse(String(data))));
    this.send(socket, {
      type: 'connection:established',
      payload: {
        connectionId: 'c' + this.handshakes.length,
        userId: 'tester',
        heartbeatInterval: this.heartbeatInterval,
        ...(this.maxFrameBytes && { maxFrameBytes: this.maxFrameBytes }),
        protocolVersion: '1',
      },
    });
  }

  #frame(socket, frame) {
    this.received.push(frame);
    for (const waiter of (this.waiters || []).filter((w) => w.type === frame.type)) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(frame);
    }
    if (this.silent) return;
    if (this.answer[frame.type]?.(frame, socket)) return;
    const reply = (type, payload, extra = {}) =>
      this.send(socket, { type, requestId: frame.requestId, payload, ...extra });
    const p = frame.payload || {};
    switch (frame.type) {
      case 'subscribe':
        socket.channels.add(p.channel);
        return reply('subscribed', { channel: p.channel, version: this.version }, { channel: p.channel });
      case 'unsubscribe':
        socket.channels.delete(p.channel);
        return reply('unsubscribed', { channel: p.channel }, { channel: p.channel });
      case 'subscribe_fields':
        for (const entity of p.entities) {
          socket.channels.add('fields:' + entity);
          reply('subscribed', { channel: 'fields:' + entity, version: this.version }, { channel: 'fields:' + entity });
        }
        return;
      case 'push_fields': {
        const { change, applied, conflicts } = this.commitFields(p.entity, p.entityId, p.fields);
        for (const conflict of conflicts) reply('field_conflict', conflict);
        return reply(
          'field_push_ack',
          { entity: p.entity, entityId: p.entityId, applied: applied.length, conflicts: conflicts.length },
          change ? { version: change.version } : {},
        );
      }
      case 'sync': {
        const changes = this.log.filter((c) => c.entity === p.entity && c.version > p.since);
        for (const change of changes) {
          reply('change', { change }, { channel: 'entity:' + p.entity, version: change.version });
          if (socket.channels.has('fields:' + p.entity)) {
            for (const field of change.fields ?? [])
              reply('field_change', { change: field }, { channel: 'fields:' + p.entity, version: change.version });
          }
        }
        return reply('sync:complete', { entity: p.entity, lastVersion: this.version, hasMore: false });
      }
      case 'push': {
        const done = this.mutations.get(p.mutationId);
        const change = done ?? this.commit(p.entity, p.entityId, p.data, p.action);
        this.mutations.set(p.mutationId, change);
        return reply('push_ack', {
          entity: p.entity,
          entityId: p.entityId,
          version: change.version,
          mutationId: p.mutationId,
        });
      }
      case 'ping':
        return reply('pong', { sequenceNumber: p.sequenceNumber });
      case 'auth':
        return reply('auth:ok', { userId: 'tester' });
    }
  }
}

/** Resolves when `predicate()` holds, checking after every event loop turn; rejects after `ms`. */
export async function until(predicate, ms = 5000, what = 'condition') {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
