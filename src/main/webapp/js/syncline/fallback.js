/**
 * Which transport the next connection uses. After `fallbackAfter` WebSockets in a row failed to
 * open, long-poll (the `fallback` event); while on long-poll, a WebSocket is probed now and then
 * and, once one opens, the client moves back to it. When long-poll fails too, the network or the
 * server is down, not WebSockets: the next attempt is a WebSocket again.
 */
import { giveUpAfter } from './connect-timeout.js';
import { CloseCode, Transport } from './constants.js';
import { WebSocketTransport } from './transport-websocket.js';

export class Fallback {
  #client;
  #token;
  #stopped;
  #moveToWebSocket;
  #mode;
  #wsFailures = 0;
  #probe;

  /**
   * @param {object} client  the RealtimeClient (its options, socketUrl, `_open`, events)
   * @param {object} o
   * @param {() => Promise<string|null>} o.token  a token for a probe
   * @param {() => boolean} o.stopped  whether the client was closed for good
   * @param {() => void} o.moveToWebSocket  a probe opened: leave long-poll now
   */
  constructor(client, { token, stopped, moveToWebSocket }) {
    this.#client = client;
    this.#token = token;
    this.#stopped = stopped;
    this.#moveToWebSocket = moveToWebSocket;
    this.#mode = client.options.transports?.[0] === Transport.LONG_POLL ? Transport.LONG_POLL : Transport.WEBSOCKET;
  }

  /** The transport of the next connection, one of `Transport`. */
  get mode() {
    return this.#mode;
  }

  /** A new WebSocket transport for the client's socket URL. */
  webSocket() {
    const o = this.#client.options;
    return new WebSocketTransport({ url: this.#client.socketUrl, WebSocket: o.WebSocket, tokenVia: o.tokenVia });
  }

  /** A connection was established on `conn`. */
  established(conn) {
    if (conn.name === Transport.WEBSOCKET) this.#wsFailures = 0;
    if (conn.name === Transport.LONG_POLL) this.#scheduleProbe(0); // at once: the network may just be back
  }

  /** `conn` closed; a WebSocket that never opened counts as a failure. */
  closed(conn, wasEstablished) {
    if (conn.name === Transport.WEBSOCKET && !wasEstablished) this.#wsFailures++;
  }

  /** Before reconnecting after `conn` closed: picks the next transport. */
  chooseNext(conn, wasEstablished) {
    const options = this.#client.options;
    if (conn.name === Transport.LONG_POLL && !wasEstablished) {
      // plain HTTP fails as well: the network or the server is down, WebSockets are not the problem
      this.#mode = Transport.WEBSOCKET;
      this.#wsFailures = 0;
    } else if (
      this.#mode === Transport.WEBSOCKET &&
      options.fallback !== false &&
      this.#wsFailures >= options.fallbackAfter
    ) {
      this.#mode = Transport.LONG_POLL;
      this.#client.emit('fallback', { failures: this.#wsFailures });
    }
  }

  stop() {
    clearTimeout(this.#probe);
    this.#probe = undefined;
  }

  /** While on long-poll, try a WebSocket now and then; when one opens, move back to it. */
  #scheduleProbe(delay = this.#client.options.probeInterval) {
    this.stop();
    this.#probe = setTimeout(async () => {
      if (this.#mode !== Transport.LONG_POLL || this.#stopped()) return;
      const probe = this.webSocket();
      const token = await this.#token().catch(() => null);
      let cancelGiveUp = () => {};
      probe.start(token, {
        onFrame: (frame) => {
          if (frame.type !== 'connection:established') return;
          cancelGiveUp();
          probe.close(CloseCode.NORMAL, 'probe');
          if (this.#mode !== Transport.LONG_POLL || this.#stopped()) return;
          this.#mode = Transport.WEBSOCKET;
          this.#wsFailures = 0;
          this.#moveToWebSocket();
        },
        onClose: () => {
          cancelGiveUp();
          if (this.#mode === Transport.LONG_POLL && this.#client._open) this.#scheduleProbe();
        },
      });
      cancelGiveUp = giveUpAfter(probe, this.#client.options.connectTimeout);
    }, delay);
  }
}
