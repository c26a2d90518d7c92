/** The Syncline browser client: `import { RealtimeClient } from './js/syncline/index.js'`. */
export { RealtimeClient, tokenExpiry } from './client.js';
export { Channel } from './channel.js';
export { FieldSync, fieldTimestamp } from './fields.js';
export { FieldValidator, validate, validateForm } from './forms.js';
export { Collection } from './collection.js';
export { SchemaManager, SchemaError } from './schema.js';
export { checkBaseline, checkField, checkShape, diffFields, fieldsOf, validateRecord } from './schema-rules.js';
export {
  CookieCodec,
  CookieDecodeError,
  CookieTooLargeError,
  documentCookies,
  encodeValue,
  decodeValue,
  migrate,
} from './cookie-codec.js';
export { OptimisticManager } from './optimistic.js';
export {
  MESSAGE_TYPES,
  invalidFields,
  onMessage,
  publish,
  dashboardMessages,
  taskMessages,
  calendarMessages,
  emailMessages,
  contactMessages,
} from './messages.js';
export { PresenceManager } from './presence.js';
export { signal } from './signal.js';
export { Backoff } from './backoff.js';
export { Http } from './http.js';
export { State, Transport, CloseCode, DEFAULTS } from './constants.js';
export { SynclineError, TimeoutError, ConnectionLostError, QueueFullError, ClosedError } from './errors.js';
