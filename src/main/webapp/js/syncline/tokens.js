/**
 * The client's token: fetched from the `token` option for every connection and after a refusal,
 * and refreshed over the open connection (`auth`) shortly before a JWT expires.
 */

/** Seconds-since-epoch expiry of a JWT, or null when the token is not one. */
export function tokenExpiry(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(part));
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null;
  }
}

export class Tokens {
  #client;
  #refresh;

  /** `client.token` holds the last token fetched. */
  constructor(client) {
    this.#client = client;
  }

  /** A fresh token from the `token` option (null without one); `reason` tells it why. */
  async fetch(reason) {
    const client = this.#client;
    if (!client.options.token) return null;
    client.token = await client.options.token({ reason });
    return client.token;
  }

  /** Refreshes the token `tokenRefreshMargin` before it expires, and again after each refresh. */
  scheduleRefresh() {
    this.stop();
    const client = this.#client;
    const exp = client.token && tokenExpiry(client.token);
    if (!exp) return;
    const delay = Math.max(1000, exp * 1000 - Date.now() - client.options.tokenRefreshMargin);
    this.#refresh = setTimeout(
      async () => {
        try {
          await this.#refreshNow('expiry');
        } catch (e) {
          // a refused token leaves the connection as it was: ask once for another
          if (e?.code !== 'unauthenticated') return client.emit('error', e);
          try {
            await this.#refreshNow('rejected');
          } catch (again) {
            client.emit('error', again); // the connection ends as its token expires
          }
        }
      },
      Math.min(delay, 2 ** 31 - 1),
    );
  }

  async #refreshNow(reason) {
    const client = this.#client;
    const token = await this.fetch(reason);
    if (client._open) await client.request('auth', { token }, { until: 'auth:ok' });
    this.scheduleRefresh();
  }

  stop() {
    clearTimeout(this.#refresh);
    this.#refresh = undefined;
  }
}
