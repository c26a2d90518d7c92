import type { Channel, ChannelOptions } from './channel.js';
import type { Frame, RealtimeClient } from './client.js';
import type { Member } from './presence.js';
import type { SchemaOptions } from './schema.js';
import type { SchemaUpdate } from './schema-rules.js';
import type { Signal } from './signal.js';

/** What `useChannel` renders from. `channel` is null until the component has subscribed. */
export interface ChannelState {
  channel: Channel | null;
  joined: boolean;
  /** The last frame received (of `types`, if given), or null. */
  lastFrame: Frame | null;
}

export interface UseChannelOptions extends ChannelOptions {
  /** Only frames of these types become `lastFrame`. */
  types?: string[];
  /** Called with every frame of the channel (the latest function passed). */
  onFrame?: (frame: Frame) => void;
}

/** A signal's value, re-rendering when it changes. */
export declare function useSignal<T>(signal: Signal<T>): T;
/** A channel for as long as the component is mounted; left when its last user unmounts. */
export declare function useChannel(client: RealtimeClient, name: string, options?: UseChannelOptions): ChannelState;
/** The members present on a resource, joining it as `name` with `metadata`. */
export declare function usePresence(
  client: RealtimeClient,
  resource: string,
  options?: { name?: string; metadata?: Record<string, unknown> },
): Member[];
/** An app's schema in effect, or null before there is one. */
export declare function useSchema(client: RealtimeClient, app: string, options?: SchemaOptions): SchemaUpdate | null;
