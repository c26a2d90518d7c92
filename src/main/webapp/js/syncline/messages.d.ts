import type { Channel } from './channel.js';
import type { Frame, RealtimeClient } from './client.js';

/** A record of the application (a task, an event, a message, a contact); its fields are its own. */
export type Entity = Record<string, unknown>;
export type ChangeAction = 'created' | 'updated' | 'deleted';

export interface DashboardUpdate {
  module: 'tasks' | 'calendar' | 'email' | 'journal' | 'contacts';
  metric: string;
  value: unknown;
  change: { previous: unknown; current: unknown; delta: number };
}
export interface TaskUpdate<T extends Entity = Entity> {
  action: ChangeAction;
  task: T;
  source: 'internal' | 'motion' | 'manual';
  conflict?: Entity;
}
export interface TaskSync {
  syncId: string;
  status: 'started' | 'progress' | 'completed' | 'error';
  progress: number;
  processed: number;
  total: number;
  errors?: string[];
}
export interface CalendarUpdate<E extends Entity = Entity> {
  action: ChangeAction;
  event: E;
  source: 'internal' | 'google';
  attendees?: Entity[];
}
export interface CalendarReminder {
  eventId: string;
  title: string;
  startTime: string;
  reminderType: 'email' | 'popup';
  minutesBefore: number;
}
export interface EmailNew<M extends Entity = Entity> {
  message: M;
  folder: string;
  importance: 'low' | 'normal' | 'high';
}
export interface EmailStatus {
  messageId: string;
  status: 'read' | 'unread' | 'starred' | 'unstarred';
  changedBy: string;
}
export interface ContactUpdate<C extends Entity = Entity> {
  action: ChangeAction;
  contact: C;
  source: 'internal' | 'google';
  mergeConflict?: boolean;
}

/** Seed 003's message types and their payloads. */
export interface MessageFamilies {
  'dashboard:update': DashboardUpdate;
  'task:update': TaskUpdate;
  'task:sync': TaskSync;
  'calendar:update': CalendarUpdate;
  'calendar:reminder': CalendarReminder;
  'email:new': EmailNew;
  'email:status': EmailStatus;
  'contact:update': ContactUpdate;
}
export type MessageType = keyof MessageFamilies;

/** What the publish endpoint answers. */
export interface PublishResult {
  channel: string;
  type: string;
  /** How many subscribers it was queued for. */
  delivered: number;
}

type Handler<P> = (payload: P, frame: Frame<P>) => void;
type Off = () => void;

export declare const MESSAGE_TYPES: readonly MessageType[];
/** The fields of `payload` without seed 003's shape for `type`; empty when it has it. */
export declare function invalidFields(type: MessageType, payload: unknown): string[];
/** Calls `handler` for each `type` frame on `channel` whose payload has the seed's shape. */
export declare function onMessage<K extends MessageType>(
  channel: Channel,
  type: K,
  handler: Handler<MessageFamilies[K]>,
): Off;
/** Publishes over REST (role `service` or `admin`); a payload without the seed's shape throws TypeError. */
export declare function publish<K extends MessageType>(
  client: RealtimeClient,
  channel: string,
  type: K,
  payload: MessageFamilies[K],
): Promise<PublishResult>;

export declare const dashboardMessages: {
  onUpdate(channel: Channel, handler: Handler<DashboardUpdate>): Off;
  publishUpdate(client: RealtimeClient, channel: string, payload: DashboardUpdate): Promise<PublishResult>;
  /** `{previous, current, delta: current - previous}`. */
  change(previous: number, current: number): { previous: number; current: number; delta: number };
};
export declare const taskMessages: {
  onUpdate<T extends Entity = Entity>(channel: Channel, handler: Handler<TaskUpdate<T>>): Off;
  onSync(channel: Channel, handler: Handler<TaskSync>): Off;
  publishUpdate<T extends Entity = Entity>(
    client: RealtimeClient,
    channel: string,
    payload: TaskUpdate<T>,
  ): Promise<PublishResult>;
  publishSync(client: RealtimeClient, channel: string, payload: TaskSync): Promise<PublishResult>;
};
export declare const calendarMessages: {
  onUpdate<E extends Entity = Entity>(channel: Channel, handler: Handler<CalendarUpdate<E>>): Off;
  onReminder(channel: Channel, handler: Handler<CalendarReminder>): Off;
  publishUpdate<E extends Entity = Entity>(
    client: RealtimeClient,
    channel: string,
    payload: CalendarUpdate<E>,
  ): Promise<PublishResult>;
  publishReminder(client: RealtimeClient, channel: string, payload: CalendarReminder): Promise<PublishResult>;
};
export declare const emailMessages: {
  onNew<M extends Entity = Entity>(channel: Channel, handler: Handler<EmailNew<M>>): Off;
  onStatus(channel: Channel, handler: Handler<EmailStatus>): Off;
  publishNew<M extends Entity = Entity>(
    client: RealtimeClient,
    channel: string,
    payload: EmailNew<M>,
  ): Promise<PublishResult>;
  publishStatus(client: RealtimeClient, channel: string, payload: EmailStatus): Promise<PublishResult>;
};
export declare const contactMessages: {
  onUpdate<C extends Entity = Entity>(channel: Channel, handler: Handler<ContactUpdate<C>>): Off;
  publishUpdate<C extends Entity = Entity>(
    client: RealtimeClient,
    channel: string,
    payload: ContactUpdate<C>,
  ): Promise<PublishResult>;
};
