import { Emitter } from './emitter.js';
import type { SchemaManager } from './schema.js';
import type { SchemaUpdate } from './schema-rules.js';

export declare class CookieDecodeError extends Error {
  code: 'cookie_unreadable';
}
export declare class CookieTooLargeError extends Error {
  code: 'cookie_too_large';
}
export declare const COOKIE_BYTES: 4096;

type Versioned = Pick<SchemaUpdate, 'version' | 'schemaType' | 'schema'>;
/** Data: an object for a record schema, an array for a table or array schema. */
export type CookieData = Record<string, unknown> | unknown[];

export declare function encodeValue(schema: Versioned, data: CookieData): string;
export declare function decodeValue(text: string): { version: number; positional: unknown };
export declare function toPositional(schema: Versioned, data: CookieData): unknown[];
export declare function fromPositional(
  schema: Versioned,
  positional: unknown,
  options?: { defaults?: boolean },
): CookieData;
export declare function migrate(data: CookieData, from: Versioned, to: Versioned): CookieData;

export interface CookieAttributes {
  path?: string;
  maxAge?: number;
  sameSite?: 'Lax' | 'Strict' | 'None';
  secure?: boolean;
}
export interface CookieStore {
  get(name: string): string | null;
  set(name: string, value: string, attributes?: CookieAttributes): void;
  remove(name: string, attributes?: CookieAttributes): void;
}
export declare function documentCookies(doc?: Document, defaults?: CookieAttributes): CookieStore;

export interface CookieCodecOptions {
  /** The cookie's name (parts are `name.1`…); default the app's name. */
  name?: string;
  /** Bytes of `name=value` per cookie; default 4096. */
  maxBytes?: number;
  /** The most cookies one value may take, header included; default 4. */
  maxCookies?: number;
  cookies?: CookieStore;
  attributes?: CookieAttributes;
}

/**
 * Cookie data encoded with the schema in effect. Events: `error` (CookieDecodeError, or
 * CookieTooLargeError when a migrated value no longer fits), `migrated` ({from, to}).
 */
export declare class CookieCodec extends Emitter {
  constructor(manager: SchemaManager, options?: CookieCodecOptions);
  readonly manager: SchemaManager;
  readonly name: string;
  /** The cookie values for data in the current version. Throws CookieTooLargeError. */
  encode(data: CookieData): string[];
  /** Writes data in the current version; returns how many cookies it took. Throws CookieTooLargeError. */
  write(data: CookieData): number;
  /** The data, or null (none, or unreadable: then an `error` event). Never rejects. */
  read(): Promise<CookieData | null>;
  clear(): void;
  dispose(): void;
}
