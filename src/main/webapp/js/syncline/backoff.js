/**
 * Reconnect delays: exponential with full jitter, capped ("Exponential Backoff and Jitter",
 * AWS Architecture Blog), never sooner than a `retryAfter` the server asked for.
 */
export class Backoff {
  constructor({ base = 500, cap = 30000, random = Math.random } = {}) {
    this.base = base;
    this.cap = cap;
    this.random = random;
    this.attempt = 0;
  }

  /** The delay before the next attempt, in ms; each call counts one attempt. */
  next(retryAfter = 0) {
    const ceiling = Math.min(this.cap, this.base * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.max(Math.floor(this.random() * ceiling), retryAfter || 0);
  }

  reset() {
    this.attempt = 0;
  }
}
