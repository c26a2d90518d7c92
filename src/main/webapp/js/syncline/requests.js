/**
 * Requests in flight, keyed by `requestId`: each is answered by a frame of its `until` types (other
 * frames with its id are collected), rejected by an `error` frame, or timed out once written.
 */
import { ConnectionLostError, SynclineError, TimeoutError } from './errors.js';

/** A frame's size as the server counts it: the UTF-8 bytes of its JSON text. */
export function frameBytes(frame) {
  const text = JSON.stringify(frame);
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // two bytes up to U+07FF, three for the rest of the BMP, four for a surrogate pair (2 × 2)
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/** The error of a frame over the server's limit: not recoverable by sending it again. */
export function tooLarge(bytes, maxBytes) {
  return new SynclineError({
    code: 'too_large',
    message: maxBytes
      ? `the frame is ${bytes} bytes; the server reads at most ${maxBytes}`
      : `the server closed the connection for a frame too large (this one is ${bytes} bytes)`,
    recoverable: false,
  });
}

export class Requests {
  #pending = new Map();
  #seq = 0;

  /** A new request; `promise` settles with its answer. */
  create(type, payload, { until, timeout, retry, channel }) {
    const frame = { type, requestId: 'r' + ++this.#seq, payload };
    if (channel) frame.channel = channel;
    const entry = { frame, until: until && [].concat(until), frames: [], retry, timeout };
    entry.promise = new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
    this.#pending.set(frame.requestId, entry);
    return entry;
  }

  has(entry) {
    return this.#pending.get(entry.frame.requestId) === entry;
  }

  /** The request was written to a connection: its timeout starts now. */
  written(entry) {
    entry.written = true;
    entry.timer = setTimeout(() => this.fail(entry, new TimeoutError(entry.frame.type, entry.timeout)), entry.timeout);
  }

  fail(entry, error) {
    if (!this.has(entry)) return;
    this.#pending.delete(entry.frame.requestId);
    clearTimeout(entry.timer);
    entry.reject(error);
  }

  /** Settles the request this frame answers, if any; returns the error of an `error` answer. */
  answer(frame) {
    const entry = frame.requestId && this.#pending.get(frame.requestId);
    if (!entry) return undefined;
    if (frame.type !== 'error' && entry.until && !entry.until.includes(frame.type)) {
      entry.frames.push(frame);
      return null;
    }
    if (frame.type === 'error') {
      const error = new SynclineError(frame.payload || {});
      this.fail(entry, error);
      return error;
    }
    this.#pending.delete(frame.requestId);
    clearTimeout(entry.timer);
    entry.resolve(Object.assign(frame, { frames: entry.frames }));
    return null;
  }

  /**
   * The connection went: written requests that may be repeated (`retry`) are returned, in order,
   * to be written again; the other written ones fail with ConnectionLostError.
   */
  lost() {
    const again = [];
    for (const entry of [...this.#pending.values()]) {
      if (!entry.written) continue;
      clearTimeout(entry.timer);
      entry.written = false;
      if (entry.retry) {
        Object.defineProperty(entry.frame, 'retried', { value: true, configurable: true });
        entry.frames = [];
        again.push(entry);
      } else {
        this.fail(entry, new ConnectionLostError(entry.frame.type));
      }
    }
    return again;
  }

  /**
   * The connection was closed for a frame too large (1009): the written requests over `maxBytes`
   * fail with `too_large` instead of being written again, or, with no limit known, the largest
   * written one (the frame the server refused was at most that large, so that one is over too).
   */
  refuseOversized(maxBytes) {
    const written = [...this.#pending.values()]
      .filter((entry) => entry.written)
      .map((entry) => ({ entry, bytes: frameBytes(entry.frame) }));
    const over = maxBytes
      ? written.filter(({ bytes }) => bytes > maxBytes)
      : written.sort((a, b) => b.bytes - a.bytes).slice(0, 1);
    for (const { entry, bytes } of over) this.fail(entry, tooLarge(bytes, maxBytes));
  }

  /** Fails every request. */
  failAll(error) {
    for (const entry of [...this.#pending.values()]) this.fail(entry, error);
  }
}
