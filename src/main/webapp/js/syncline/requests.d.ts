import type { Answer, Frame } from './client.js';

export interface PendingRequest {
  frame: Frame;
  promise: Promise<Answer>;
  until?: string[];
  timeout: number;
  retry?: boolean;
  written?: boolean;
}

/** A frame's size as the server counts it: the UTF-8 bytes of its JSON text. */
export declare function frameBytes(frame: object): number;

/** The `too_large` error of a frame over the server's limit (`maxBytes`, 0 when not known). */
export declare function tooLarge(bytes: number, maxBytes: number): import('./errors.js').SynclineError;

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
  /** After a close with 1009: fails the written requests over `maxBytes` (0: the largest one). */
  refuseOversized(maxBytes: number): void;
  failAll(error: Error): void;
}
