/** A minimal event emitter: `on` returns the function that removes the listener. */
export class Emitter {
  #listeners = new Map();

  on(event, listener) {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event).add(listener);
    return () => this.off(event, listener);
  }

  once(event, listener) {
    const off = this.on(event, (...args) => {
      off();
      listener(...args);
    });
    return off;
  }

  off(event, listener) {
    this.#listeners.get(event)?.delete(listener);
  }

  emit(event, ...args) {
    const listeners = this.#listeners.get(event);
    if (!listeners) return false;
    for (const listener of [...listeners]) {
      try {
        listener(...args);
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    }
    return listeners.size > 0;
  }
}
