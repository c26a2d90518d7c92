// A TCP proxy on 127.0.0.1 in front of the real server, to break the network on purpose:
// cut every connection, refuse new ones, or refuse only WebSocket upgrades (as some corporate
// proxies do) while plain HTTP passes.
import net from 'node:net';

export class Proxy {
  static async start(target) {
    const proxy = new Proxy(new URL(target));
    await new Promise((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.url = `http://127.0.0.1:${proxy.server.address().port}`;
    return proxy;
  }

  constructor(target) {
    this.target = target;
    this.mode = 'pass'; // 'pass' | 'refuse-upgrades' | 'down'
    this.sockets = new Set();
    this.refusedUpgrades = 0;
    this.server = net.createServer((client) => this.#accept(client));
  }

  /** Ends every open connection at once, as a network failure would. */
  cutAll() {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  close() {
    this.cutAll();
    return new Promise((resolve) => this.server.close(resolve));
  }

  #accept(client) {
    if (this.mode === 'down') return client.destroy();
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => {});
    let head = Buffer.alloc(0);
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk]);
      if (!head.includes('\r\n\r\n') && head.length < 65536) return; // the request head is not all here yet
      client.off('data', onData);
      this.#forward(client, head);
    };
    client.on('data', onData);
  }

  #forward(client, first) {
    if (this.#refused(client, first)) return;
    client.pause(); // until the upstream is connected
    const upstream = net.connect(Number(this.target.port), this.target.hostname, () => {
      upstream.write(first);
      // a kept-alive connection can carry an upgrade later: look at every request
      client.on('data', (chunk) => this.#refused(client, chunk) || upstream.write(chunk));
      client.resume();
      upstream.pipe(client);
    });
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  }

  #refused(client, request) {
    if (this.mode !== 'refuse-upgrades' || !/\r\nupgrade:\s*websocket/i.test(request.toString('latin1'))) {
      return false;
    }
    this.refusedUpgrades++;
    client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return true;
  }
}
