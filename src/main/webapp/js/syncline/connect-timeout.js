/**
 * The limit on one connection attempt (`connectTimeout`): a transport that has not opened by then
 * is closed with 1006, as a failed handshake is, so a handshake nobody answers (a lost 101, a stuck
 * proxy) does not wait on the runtime.
 */

/** Closes `conn` after `ms` (not a finite positive number: never); returns the cancel. */
export function giveUpAfter(conn, ms) {
  if (!Number.isFinite(ms) || ms <= 0) return () => {};
  const limit = Math.min(ms, 2 ** 31 - 1); // setTimeout fires at once past that
  const timer = setTimeout(() => conn.close(1006, `not established within ${limit} ms`), limit);
  return () => clearTimeout(timer);
}
