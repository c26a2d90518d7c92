/**
 * A tiny observable value (seed 004's "signals"). `subscribe` fits React's
 * `useSyncExternalStore(s.subscribe, () => s.value)` and calls back on every change.
 */
export function signal(initial) {
  let value = initial;
  const listeners = new Set();
  return {
    get value() {
      return value;
    },
    set value(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
