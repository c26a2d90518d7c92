/**
 * Typed helpers for seed 003's message families: `dashboard:update`, `task:update`, `task:sync`,
 * `calendar:update`, `calendar:reminder`, `email:new`, `email:status`, `contact:update`. They are
 * published by back-end services (`POST /api/channels/{channel}/messages`, role `service` or
 * `admin`) and arrive on any channel as frames of that type. Each `on…` listens on a channel and
 * hands over only payloads of the seed's shape; each `publish…` checks the payload, then posts it.
 */

const ACTIONS = ['created', 'updated', 'deleted'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isString = (v) => typeof v === 'string';
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const oneOf = (values) => (v) => values.includes(v);
const optional = (check) => (v) => v === undefined || check(v);
const arrayOf = (check) => (v) => Array.isArray(v) && v.every(check);
const present = (v) => v !== undefined;

/** Each type's fields and their checks, as seed 003 declares them. */
const SHAPES = {
  'dashboard:update': {
    module: oneOf(['tasks', 'calendar', 'email', 'journal', 'contacts']),
    metric: isString,
    value: present,
    change: (v) => isObject(v) && present(v.previous) && present(v.current) && isNumber(v.delta),
  },
  'task:update': {
    action: oneOf(ACTIONS),
    task: isObject,
    source: oneOf(['internal', 'motion', 'manual']),
    conflict: optional(isObject),
  },
  'task:sync': {
    syncId: isString,
    status: oneOf(['started', 'progress', 'completed', 'error']),
    progress: isNumber,
    processed: isNumber,
    total: isNumber,
    errors: optional(arrayOf(isString)),
  },
  'calendar:update': {
    action: oneOf(ACTIONS),
    event: isObject,
    source: oneOf(['internal', 'google']),
    attendees: optional(arrayOf(isObject)),
  },
  'calendar:reminder': {
    eventId: isString,
    title: isString,
    startTime: isString,
    reminderType: oneOf(['email', 'popup']),
    minutesBefore: isNumber,
  },
  'email:new': {
    message: isObject,
    folder: isString,
    importance: oneOf(['low', 'normal', 'high']),
  },
  'email:status': {
    messageId: isString,
    status: oneOf(['read', 'unread', 'starred', 'unstarred']),
    changedBy: isString,
  },
  'contact:update': {
    action: oneOf(ACTIONS),
    contact: isObject,
    source: oneOf(['internal', 'google']),
    mergeConflict: optional((v) => typeof v === 'boolean'),
  },
};

/** The message types these helpers know. */
export const MESSAGE_TYPES = Object.freeze(Object.keys(SHAPES));

/** The fields of `payload` that do not have seed 003's shape for `type` (empty: it has). */
export function invalidFields(type, payload) {
  const shape = SHAPES[type];
  if (!shape) throw new TypeError(`not a seed 003 message type: ${type}`);
  if (!isObject(payload)) return Object.keys(shape).filter((field) => !shape[field](undefined));
  return Object.keys(shape).filter((field) => !shape[field](payload[field]));
}

/**
 * Calls `handler(payload, frame)` for each `type` frame on `channel` whose payload has the seed's
 * shape (others are left to `channel.on(type, …)`); returns the function that stops it.
 */
export function onMessage(channel, type, handler) {
  invalidFields(type, {}); // a known type
  return channel.on(type, (payload, frame) => {
    if (invalidFields(type, payload).length === 0) handler(payload, frame);
  });
}

/**
 * Publishes a message to a channel over REST (role `service` or `admin`): resolves with
 * `{channel, type, delivered}`. A payload without the seed's shape throws a TypeError and sends
 * nothing; the server's refusals reject with SynclineError.
 */
export async function publish(client, channel, type, payload) {
  const invalid = invalidFields(type, payload);
  if (invalid.length > 0) throw new TypeError(`${type}: missing or wrong ${invalid.join(', ')}`);
  const answer = await client.http.request('POST', `/api/channels/${encodeURIComponent(channel)}/messages`, {
    body: { type, payload },
  });
  return answer.body;
}

const on = (type) => (channel, handler) => onMessage(channel, type, handler);
const send = (type) => (client, channel, payload) => publish(client, channel, type, payload);

/** `dashboard:update`; `change(previous, current)` builds its `change` for numbers. */
export const dashboardMessages = Object.freeze({
  onUpdate: on('dashboard:update'),
  publishUpdate: send('dashboard:update'),
  change: (previous, current) => ({ previous, current, delta: current - previous }),
});

/** `task:update` and the bulk `task:sync` progress. */
export const taskMessages = Object.freeze({
  onUpdate: on('task:update'),
  onSync: on('task:sync'),
  publishUpdate: send('task:update'),
  publishSync: send('task:sync'),
});

/** `calendar:update` and `calendar:reminder`. */
export const calendarMessages = Object.freeze({
  onUpdate: on('calendar:update'),
  onReminder: on('calendar:reminder'),
  publishUpdate: send('calendar:update'),
  publishReminder: send('calendar:reminder'),
});

/** `email:new` and `email:status`. */
export const emailMessages = Object.freeze({
  onNew: on('email:new'),
  onStatus: on('email:status'),
  publishNew: send('email:new'),
  publishStatus: send('email:status'),
});

/** `contact:update`. */
export const contactMessages = Object.freeze({
  onUpdate: on('contact:update'),
  publishUpdate: send('contact:update'),
});
