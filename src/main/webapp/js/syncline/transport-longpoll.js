/**
 * The long-poll transport, for networks that refuse WebSockets: the socket's own frames, carried
 * over HTTP by the server's long-poll sessions (`/api/lp`). `POST /api/lp/connect` opens a session
 * (the token is checked as the socket's handshake checks it) and answers its first frames, such as
 * `connection:established`; the frames the client sends are posted, in order, to
 * `/api/lp/{session}/frames`; `GET /api/lp/{session}/poll?ack=N` answers the server's frames after
 * number N, so an answer lost on the way is fetched again rather than lost. Every answer — `auth:ok`,
 * `pong`, presence, broadcasts, conflicts — comes from the server, exactly as over the socket.
 */
import { Transport } from './constants.js';

/** Most frames in one post (the server's limit). */
const MAX_FRAMES_PER_POST = 64;

/** Polls that fail on the network in a row, each retried with the same `ack`, before giving up. */
const POLL_RETRIES = 2;

export class LongPollTransport {
  name = Transport.LONG_POLL;

  /** @param {{http: import('./http.js').Http, pollTimeout?: number}} o */
  constructor({ http, pollTimeout = 25000 }) {
    this.http = http;
    this.pollTimeout = pollTimeout;
    this.opened = false;
    this.session = null;
    this.ack = 0;
    this.outbox = [];
    this.posting = false;
  }

  async start(token, handlers) {
    this.handlers = handlers;
    let body;
    try {
      ({ body } = await this.http.request('POST', '/api/lp/connect', {
        token: token ?? undefined,
      }));
    } catch (e) {
      this.#fail(e);
      return;
    }
    this.session = body.session;
    if (!this.handlers) {
      this.#delete(); // closed while connecting
      return;
    }
    this.opened = true;
    this.#take(body);
    this.#pollLoop();
  }

  send(frame) {
    this.outbox.push(frame);
    this.#flush();
  }

  close(code = 1000, reason = '') {
    this.#closed(code, reason, true);
  }

  /** Posts what is waiting, one post at a time, so the server gets the frames in order. */
  async #flush() {
    if (this.posting || !this.session || !this.handlers || this.outbox.length === 0) return;
    this.posting = true;
    const frames = this.outbox.splice(0, MAX_FRAMES_PER_POST);
    try {
      await this.http.request('POST', `/api/lp/${this.session}/frames`, {
        body: frames,
        token: '',
      });
    } catch (e) {
      this.posting = false;
      this.#fail(e);
      return;
    }
    this.posting = false;
    this.#flush();
  }

  async #pollLoop() {
    let failures = 0;
    while (this.handlers) {
      this.abort = new AbortController();
      let body;
      try {
        ({ body } = await this.http.get(`/api/lp/${this.session}/poll?ack=${this.ack}&timeout=${this.pollTimeout}`, {
          signal: this.abort.signal,
          token: '',
        }));
      } catch (e) {
        if (!this.handlers) return;
        // the server answered (the session is gone, say), or the network keeps failing: reconnect
        if (e?.status || ++failures > POLL_RETRIES) {
          this.#fail(e);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * failures));
        continue;
      }
      failures = 0;
      this.#take(body);
    }
  }

  /** The frames of an answer, numbered up to `last`; those already seen (a repeat) are skipped. */
  #take({ frames = [], last = this.ack, closed }) {
    const first = last - frames.length + 1;
    frames.forEach((frame, i) => {
      if (first + i <= this.ack || !this.handlers) return;
      this.ack = first + i;
      this.handlers.onFrame(frame);
    });
    this.ack = Math.max(this.ack, last);
    if (closed && this.handlers) this.#closed(closed.code, closed.reason, false);
  }

  #closed(code, reason, tellServer) {
    this.abort?.abort();
    const handlers = this.handlers;
    this.handlers = null;
    if (tellServer && handlers) this.#delete();
    handlers?.onClose({ code, reason, opened: this.opened });
  }

  #delete() {
    if (this.session) this.http.request('DELETE', `/api/lp/${this.session}`, { token: '' }).catch(() => {});
  }

  #fail(error) {
    if (!this.handlers) return;
    // 413: a frame over the server's limit, as a socket closes with 1009 (not sent again)
    const code = { 401: 1008, 413: 1009, 429: 1013 }[error?.status] ?? 1006;
    this.#closed(code, String(error?.message || error), error?.status !== 404);
  }
}
