export declare class Backoff {
  constructor(options?: { base?: number; cap?: number; random?: () => number });
  base: number;
  cap: number;
  attempt: number;
  /** The next delay in ms: random in [0, min(cap, base·2^attempt)), at least retryAfter. */
  next(retryAfter?: number): number;
  reset(): void;
}
