/** The WebSocket transport: one socket, JSON frames, the token as the `jwt` subprotocol. */
import { Transport } from './constants.js';

export class WebSocketTransport {
  name = Transport.WEBSOCKET;

  /**
   * @param {object} o
   * @param {string} o.url  `ws(s)://host/api/ws`
   * @param {typeof WebSocket} [o.WebSocket]
   * @param {'protocol'|'query'} [o.tokenVia]  how the token travels in the handshake
   */
  constructor({ url, WebSocket: Impl, tokenVia = 'protocol' }) {
    this.url = url;
    this.Impl = Impl || globalThis.WebSocket;
    this.tokenVia = tokenVia;
    this.opened = false;
  }

  /** Opens the socket; `handlers.onFrame(frame)` and, once, `handlers.onClose({code, reason})`. */
  start(token, handlers) {
    this.handlers = handlers;
    let url = this.url;
    let protocols;
    if (token && this.tokenVia === 'query') {
      url += (url.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(token);
    } else if (token) {
      protocols = ['jwt', token];
    }
    let ws;
    try {
      ws = protocols ? new this.Impl(url, protocols) : new this.Impl(url);
    } catch (e) {
      queueMicrotask(() => this.#closed(1006, String(e.message || e)));
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.opened = true;
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame && typeof frame.type === 'string') this.handlers?.onFrame(frame);
    };
    ws.onclose = (event) => this.#closed(event.code, event.reason);
    // a refused handshake fires only `error` in some runtimes (Node's undici), never `close`
    ws.onerror = () => this.close(1006, 'network error');
  }

  send(frame) {
    this.ws.send(JSON.stringify(frame));
  }

  /** Closes the socket; `onClose` is called at once with this code, not when the peer answers. */
  close(code = 1000, reason = '') {
    this.#closed(code, reason); // detaches first: closing a connecting socket fires `error` at once
    try {
      this.ws?.close(code >= 3000 || code === 1000 ? code : 1000, reason);
    } catch {
      // already closing
    }
  }

  #closed(code, reason) {
    const handlers = this.handlers;
    this.handlers = null;
    if (this.ws) {
      this.ws.onopen = this.ws.onmessage = this.ws.onclose = this.ws.onerror = null;
    }
    handlers?.onClose({ code, reason, opened: this.opened });
  }
}
