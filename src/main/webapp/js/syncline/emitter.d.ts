export type Listener = (...args: any[]) => void;
export declare class Emitter {
  /** Adds a listener; returns the function that removes it. */
  on(event: string, listener: Listener): () => void;
  once(event: string, listener: Listener): () => void;
  off(event: string, listener: Listener): void;
  /** Calls the listeners; true when there was one. */
  emit(event: string, ...args: unknown[]): boolean;
}
