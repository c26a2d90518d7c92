export { RealtimeClient, tokenExpiry } from './client.js';
export type { ClientOptions, Frame, Answer, RequestOptions } from './client.js';
export { Channel } from './channel.js';
export type { ChannelOptions } from './channel.js';
export { FieldSync, fieldTimestamp } from './fields.js';
export type { FieldChange, FieldConflict, FieldPushResult } from './fields.js';
export { FieldValidator, validate, validateForm } from './forms.js';
export type { ValidationResult, FormValidationResult } from './forms.js';
export { Collection } from './collection.js';
export type { Item } from './collection.js';
export { SchemaManager, SchemaError } from './schema.js';
export type { SchemaChange, SchemaConflict, SchemaOptions, SchemaTarget } from './schema.js';
export { checkBaseline, checkField, checkShape, diffFields, fieldsOf, validateRecord } from './schema-rules.js';
export type {
  Baseline,
  Constraints,
  FieldError,
  FieldType,
  SchemaBody,
  SchemaField,
  SchemaType,
  SchemaUpdate,
  Validation,
} from './schema-rules.js';
export {
  CookieCodec,
  CookieDecodeError,
  CookieTooLargeError,
  documentCookies,
  encodeValue,
  decodeValue,
  migrate,
} from './cookie-codec.js';
export type { CookieAttributes, CookieCodecOptions, CookieData, CookieStore } from './cookie-codec.js';
export { OptimisticManager } from './optimistic.js';
export type { Conflict, ManualResolution, ResolutionOption } from './optimistic.js';
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
export type {
  CalendarReminder,
  CalendarUpdate,
  ContactUpdate,
  DashboardUpdate,
  EmailNew,
  EmailStatus,
  MessageFamilies,
  MessageType,
  PublishResult,
  TaskSync,
  TaskUpdate,
} from './messages.js';
export { PresenceManager } from './presence.js';
export type { Member } from './presence.js';
export { signal } from './signal.js';
export type { Signal } from './signal.js';
export { Backoff } from './backoff.js';
export { Http } from './http.js';
export { State, Transport, CloseCode, DEFAULTS } from './constants.js';
export { SynclineError, TimeoutError, ConnectionLostError, QueueFullError, ClosedError } from './errors.js';
