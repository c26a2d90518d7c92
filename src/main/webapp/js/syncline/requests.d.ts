import type { Answer, Frame } from './client.js';

export interface PendingRequest {
  frame: Frame;
  promise: Promise<Answer>;
  until?: string[];
  timeout: number;
  retry?: boolean;
  written?: boolean;
}

/** Requests in flight, keyed by requestId (used by RealtimeClient). */
export declare class Requests {
  create(
    type: string,
    payload: object,
    options: { until?: string | string[]; timeout: number; retry?: boolean; channel?: string },
  ): PendingRequest;
  has(request: PendingRequest): boolean;
  written(request: PendingRequest): void;
  fail(request: PendingRequest, error: Error): void;
  /** undefined: no such request; null: answered or collected; an error: the server refused it. */
  answer(frame: Frame): import('./errors.js').SynclineError | null | undefined;
  lost(): PendingRequest[];
  failAll(error: Error): void;
}
