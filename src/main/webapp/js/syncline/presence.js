/**
 * Who is on a resource, kept current from `presence:*` frames. As in Phoenix presence, the
 * snapshot (`presence:sync`) comes first: diffs that arrive before it are held and applied after.
 * After a reconnect the next snapshot replaces the list.
 */
import { signal } from './signal.js';

export class PresenceManager {
  /**
   * @param {import('./channel.js').Channel} channel  a `presence:` or `component:` channel
   * @param {{heartbeat?: number}} options  ms between `presence:heartbeat`s (0: none, for rooms)
   */
  constructor(channel, { heartbeat = 0 } = {}) {
    this.channel = channel;
    /** The members, sorted by name then id: `[{id, name, email, lastSeen, metadata}]`. */
    this.members = signal([]);
    /** How many members there are (rooms above the server's listing cap report only this). */
    this.count = signal(0);
    this.synced = false;
    this.held = [];
    this.byId = new Map();
    this.offs = [
      channel.on('presence:sync', (p) => this.#snapshot(p)),
      channel.on('presence:join', (p) => this.#diff({ joins: [p.user] })),
      channel.on('presence:leave', (p) => this.#diff({ leaves: [p.user] })),
      channel.on('presence:diff', (p) => this.#diff(p)),
      channel.on('join', () => this.#beat(heartbeat)),
      channel.on('leave', () => {
        this.synced = false;
        this.held = [];
        clearInterval(this.timer);
      }),
    ];
  }

  /** Joined resources need a heartbeat while connected; rooms do not. */
  #beat(every) {
    const resource = this.channel.join.type === 'presence:join' && this.channel.join.payload.resource;
    clearInterval(this.timer);
    if (every > 0 && resource) {
      this.timer = setInterval(
        () => this.channel.client.send('presence:heartbeat', { resource }, { volatile: true }),
        every,
      );
    }
  }

  /** Stops tracking (and, for a joined resource, leaves it). */
  leave() {
    this.channel.leave();
  }

  _dispose() {
    clearInterval(this.timer);
    for (const off of this.offs) off();
  }

  #snapshot({ users, count }) {
    this.byId = new Map((users || []).map((user) => [user.id, user]));
    this.synced = true;
    const held = this.held;
    this.held = [];
    for (const diff of held) this.#apply(diff);
    this.#publish(count);
  }

  #diff(diff) {
    if (!this.synced) {
      this.held.push(diff);
      return;
    }
    this.#apply(diff);
    this.#publish();
  }

  #apply({ joins = [], leaves = [], updates = [] }) {
    for (const user of joins) if (user?.id) this.byId.set(user.id, { ...this.byId.get(user.id), ...user });
    for (const user of leaves) if (user?.id) this.byId.delete(user.id);
    for (const { id, metadata, ...rest } of updates) {
      const current = this.byId.get(id);
      if (!current) continue;
      const merged = { ...(current.metadata || {}) };
      for (const [key, value] of Object.entries(metadata || {})) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      this.byId.set(id, { ...current, ...rest, metadata: merged });
    }
  }

  #publish(count) {
    this.members.value = [...this.byId.values()].sort(
      (a, b) =>
        String(a.name ?? a.id).localeCompare(String(b.name ?? b.id)) || String(a.id).localeCompare(String(b.id)),
    );
    this.count.value = count ?? this.byId.size;
  }
}
