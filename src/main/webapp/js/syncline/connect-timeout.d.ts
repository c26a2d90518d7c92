/** Closes `conn` with 1006 after `ms` (not a finite positive number: never); returns the cancel. */
export declare function giveUpAfter(
  conn: { close(code?: number, reason?: string): void },
  ms: number | undefined,
): () => void;
