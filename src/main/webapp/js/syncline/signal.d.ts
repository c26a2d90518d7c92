/** An observable value; `subscribe` fits React's useSyncExternalStore. */
export interface Signal<T> {
  value: T;
  /** Called on every change (not at once); returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void;
}
export declare function signal<T>(initial: T): Signal<T>;
