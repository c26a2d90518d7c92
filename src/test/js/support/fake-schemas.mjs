// A stand-in for Syncline's schema registry, for the schema manager's and cookie codec's unit
// tests: versions per app served over a fake `fetch` (GET /api/schemas/{app}[/versions/{n}]) and,
// on a FakeServer's sockets, `schema:update` pushes, `schema:get` and subscribe-with-version.

export class FakeSchemas {
  constructor(server) {
    this.server = server;
    this.apps = new Map(); // app -> [update, …] oldest first
    this.requests = []; // paths fetched
    this.records = new Map(); // entity -> [{id, version, data}] for /api/entities
    this.down = false;
    server.answer.subscribe = (frame, socket) => this.#subscribe(frame, socket);
    server.answer['schema:get'] = (frame, socket) => this.#get(frame, socket);
    this.fetch = (url, init) => this.#fetch(url, init);
  }

  /** Stores the next version of an app and pushes it to the app's subscribers. */
  put(app, schemaType, schema) {
    const versions = this.apps.get(app) ?? [];
    const update = { app, version: versions.length + 1, schemaType, schema };
    versions.push(update);
    this.apps.set(app, versions);
    this.push(update);
    return update;
  }

  /** Sends any update (even a forged or old one) to the app's subscribers. */
  push(update) {
    for (const socket of this.server.sockets) {
      if (socket.channels.has('schema:' + update.app)) {
        this.server.send(socket, { type: 'schema:update', channel: 'schema:' + update.app, payload: update });
      }
    }
  }

  latest(app) {
    return this.apps.get(app)?.at(-1);
  }

  #subscribe(frame, socket) {
    const p = frame.payload || {};
    if (!p.channel?.startsWith('schema:')) return false;
    socket.channels.add(p.channel);
    this.server.send(socket, {
      type: 'subscribed',
      requestId: frame.requestId,
      channel: p.channel,
      payload: { channel: p.channel, version: 0 },
    });
    const latest = this.latest(p.channel.slice('schema:'.length));
    if (latest && p.version != null && latest.version > p.version) {
      this.server.send(socket, {
        type: 'schema:update',
        requestId: frame.requestId,
        channel: p.channel,
        payload: latest,
      });
    }
    return true;
  }

  #get(frame, socket) {
    const { app, version } = frame.payload || {};
    const found = version == null ? this.latest(app) : this.apps.get(app)?.[version - 1];
    this.server.send(
      socket,
      found
        ? { type: 'schema:update', requestId: frame.requestId, channel: 'schema:' + app, payload: found }
        : {
            type: 'error',
            requestId: frame.requestId,
            payload: { code: 'not_found', message: 'no such schema', recoverable: true },
          },
    );
    return true;
  }

  async #fetch(url) {
    const path = new URL(url).pathname;
    this.requests.push(path);
    if (this.down) throw new TypeError('fetch failed');
    let match = /^\/api\/schemas\/([^/]+)$/.exec(path);
    if (match) return answer(this.latest(decodeURIComponent(match[1])));
    match = /^\/api\/schemas\/([^/]+)\/versions\/(\d+)$/.exec(path);
    if (match) return answer(this.apps.get(decodeURIComponent(match[1]))?.[Number(match[2]) - 1]);
    match = /^\/api\/entities\/([^/]+)$/.exec(path);
    if (match)
      return answer({ items: this.records.get(match[1]) ?? [], version: this.server.version, offset: 0, limit: 500 });
    return answer(undefined);
  }
}

function answer(body) {
  return body === undefined
    ? new Response(JSON.stringify({ code: 'not_found', message: 'not found', recoverable: true }), { status: 404 })
    : new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

/** A cookie jar as a browser keeps one: a cookie whose name=value is over 4096 bytes is dropped. */
export function memoryCookies(limit = 4096) {
  const jar = new Map();
  return {
    jar,
    get: (name) => (jar.has(name) ? jar.get(name) : null),
    set(name, value) {
      if (new TextEncoder().encode(`${name}=${value}`).length <= limit) jar.set(name, value);
    },
    remove: (name) => jar.delete(name),
  };
}

/** localStorage as a Map. */
export function memoryStorage() {
  const map = new Map();
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
  };
}
