export interface HttpResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}
export interface HttpOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  token?: string | null;
}
export declare class Http {
  constructor(options: {
    baseUrl: string;
    token: () => Promise<string | null>;
    refreshToken?: (reason: string) => Promise<string | null>;
    fetch?: typeof fetch;
  });
  /** Throws SynclineError (with `status`) for 4xx and 5xx answers. */
  request<T = any>(method: string, path: string, options?: HttpOptions): Promise<HttpResponse<T>>;
  get<T = any>(path: string, options?: HttpOptions): Promise<HttpResponse<T>>;
}
