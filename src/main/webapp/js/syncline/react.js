/**
 * Seed 001's React hook, as an optional module: `useChannel`, `usePresence`, `useSchema` (and
 * `useSignal`) bind the client's channels and signals to components with `useSyncExternalStore`.
 * React is a peer dependency (18 or later), imported from the app's own `react`, never bundled.
 * A channel, presence or schema is joined when the first component using it mounts and left when
 * the last one unmounts.
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';

/** Users per client and key (`channel:…`, `schema:…`): what several components share. */
const users = new WeakMap();

/** Takes a share of a thing made by `open` the first time; `close` runs when the last share goes. */
function share(client, key, open, close) {
  let shares = users.get(client);
  if (!shares) users.set(client, (shares = new Map()));
  let entry = shares.get(key);
  if (!entry) shares.set(key, (entry = { count: 0, value: open() }));
  entry.count++;
  return {
    value: entry.value,
    release() {
      if (--entry.count === 0) {
        shares.delete(key);
        close(entry.value);
      }
    },
  };
}

/** A signal's value, re-rendering when it changes. */
export function useSignal(signal) {
  return useSyncExternalStore(
    signal.subscribe,
    () => signal.value,
    () => signal.value,
  );
}

/** A per-(client, name) store of a channel's state: what `useChannel` renders from. */
const stores = new WeakMap();

function channelStore(client, name) {
  let byName = stores.get(client);
  if (!byName) stores.set(client, (byName = new Map()));
  let store = byName.get(name);
  if (store) return store;
  // byType: the last frame of each type, with its arrival number (for `types`)
  const idle = { channel: null, joined: false, lastFrame: null, byType: {}, seq: 0 };
  let state = idle;
  const listeners = new Set();
  const set = (next) => {
    state = { ...state, ...next };
    for (const listener of [...listeners]) listener();
  };
  let held = null;
  let offs = [];
  store = {
    options: {},
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        byName.set(name, store); // again, after a remount (StrictMode unmounts and mounts once)
        held = share(
          client,
          'channel:' + name,
          () => client.channel(name, store.options),
          (channel) => channel.leave(),
        );
        const channel = held.value;
        offs = [
          channel.on('join', () => set({ joined: true })),
          channel.on('leave', () => set({ joined: false })),
          channel.on('message', (frame) => {
            const seq = state.seq + 1;
            set({ lastFrame: frame, seq, byType: { ...state.byType, [frame.type]: { seq, frame } } });
          }),
        ];
        set({ channel, joined: channel.joined });
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          for (const off of offs) off();
          offs = [];
          held?.release();
          held = null;
          state = idle;
          byName.delete(name);
        }
      };
    },
  };
  byName.set(name, store);
  return store;
}

/** The newest frame of these types. */
function newestOf(byType, types) {
  let newest = null;
  for (const type of types) {
    const entry = byType[type];
    if (entry && (!newest || entry.seq > newest.seq)) newest = entry;
  }
  return newest?.frame ?? null;
}

/**
 * A channel for as long as the component is mounted: `{channel, joined, lastFrame}`, re-rendered
 * when it joins, leaves or a frame arrives (`types`: only frames of these types count as
 * `lastFrame`). `onFrame` is called with every frame, the latest function passed. The channel
 * options (`since`, `filters`, `throttle`) apply when the first user subscribes.
 */
export function useChannel(client, name, { types, onFrame, ...options } = {}) {
  const store = channelStore(client, name);
  store.options = options;
  const subscribe = useCallback((listener) => store.subscribe(listener), [store]);
  const state = useSyncExternalStore(subscribe, store.get, store.get);
  const latest = useRef(onFrame);
  useEffect(() => {
    latest.current = onFrame;
  });
  const channel = state.channel;
  useEffect(() => channel?.on('message', (frame) => latest.current?.(frame)), [channel]);
  const lastFrame = types ? newestOf(state.byType, types) : state.lastFrame;
  return { channel, joined: state.joined, lastFrame };
}

const noMembers = [];

/**
 * Presence on a resource for as long as the component is mounted: its members, sorted by name
 * then id, re-rendered as people come and go. `name` and `metadata` are this user's.
 */
export function usePresence(client, resource, { name, metadata } = {}) {
  const key = 'presence:' + resource;
  const subscribe = useCallback(
    (listener) => {
      const held = share(
        client,
        'channel:' + key,
        () => client.presence(resource, { name, metadata }).channel,
        (channel) => channel.leave(),
      );
      const off = held.value.presence.members.subscribe(listener);
      listener();
      return () => {
        off();
        held.release();
      };
    },
    // name and metadata are sent when joining: only a change of resource joins again
    [client, resource],
  );
  const get = () => client.channels.get(key)?.presence?.members.value ?? noMembers;
  return useSyncExternalStore(subscribe, get, get);
}

/**
 * An app's schema (seed 000) for as long as the component is mounted: `{app, version,
 * schemaType, schema}` with local changes, or null before there is one; re-rendered on each
 * change. `options` (`baseline`, `storage`, `live`) apply when the first user subscribes.
 */
export function useSchema(client, app, options) {
  const subscribe = useCallback(
    (listener) => {
      const held = share(
        client,
        'schema:' + app,
        () => client.schema(app, options),
        (manager) => manager.dispose(),
      );
      const off = held.value.schema.subscribe(listener);
      listener();
      return () => {
        off();
        held.release();
      };
    },
    // options apply when the manager is made: only a change of app makes another
    [client, app],
  );
  const get = () => client.schemas.get(app)?.schema.value ?? null;
  return useSyncExternalStore(subscribe, get, get);
}
