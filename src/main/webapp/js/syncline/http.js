/** JSON over HTTP with the client's token: REST snapshots, long-poll and REST writes. */
import { SynclineError } from './errors.js';

export class Http {
  /**
   * @param {object} o
   * @param {string} o.baseUrl  e.g. `https://portal.example.com` (no trailing slash)
   * @param {() => Promise<string|null>} o.token  the current token
   * @param {(reason: string) => Promise<string|null>} o.refreshToken  a fresh one after a 401
   * @param {typeof fetch} [o.fetch]
   */
  constructor({ baseUrl, token, refreshToken, fetch: fetchImpl }) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.token = token;
    this.refreshToken = refreshToken;
    this.fetch = fetchImpl || globalThis.fetch.bind(globalThis);
  }

  /** Sends a request; answers `{status, headers, body}`, throws SynclineError for 4xx/5xx. */
  async request(method, path, { body, headers = {}, signal, token } = {}) {
    let response = await this.#send(method, path, body, headers, signal, token ?? (await this.token()));
    if (response.status === 401 && this.refreshToken) {
      response = await this.#send(method, path, body, headers, signal, await this.refreshToken('rejected'));
    }
    const text = await response.text();
    let parsed = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { message: text };
      }
    }
    if (response.status >= 400) {
      const retryAfter = Number(response.headers.get('Retry-After')) * 1000 || undefined;
      throw Object.assign(
        new SynclineError({
          code: parsed?.code || (response.status === 401 ? 'unauthenticated' : 'http_' + response.status),
          message: parsed?.message || `${method} ${path} answered ${response.status}`,
          details: parsed?.details,
          recoverable: parsed?.recoverable,
          retryAfter: parsed?.retryAfter ?? retryAfter,
        }),
        { status: response.status, headers: response.headers },
      );
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  get(path, options) {
    return this.request('GET', path, options);
  }

  #send(method, path, body, headers, signal, token) {
    const all = { Accept: 'application/json', ...headers };
    if (token) all.Authorization = 'Bearer ' + token;
    if (body !== undefined) all['Content-Type'] = all['Content-Type'] || 'application/json';
    return this.fetch(this.baseUrl + path, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  }
}
