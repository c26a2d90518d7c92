/**
 * Keeps a WebSocket alive and detects a dead one: a `ping` every half of the server's heartbeat
 * interval, the round trip of its `pong` as `client.latency`, and after `deadAfter` of silence
 * (any frame counts) the `dead` event and `onDead()`.
 */
export class Heartbeat {
  #client;
  #onDead;
  #timer;
  #lastHeard = 0;
  #seq = 0;
  #pings = new Map();

  /** `onDead()` closes the silent connection. */
  constructor(client, { onDead }) {
    this.#client = client;
    this.#onDead = onDead;
  }

  /** A frame arrived. */
  heard() {
    this.#lastHeard = Date.now();
  }

  /** Starts pinging; without a server interval or a `pingInterval` (long-poll) it does nothing. */
  start(serverInterval) {
    this.stop();
    const options = this.#client.options;
    if (!serverInterval && !options.pingInterval) return; // long-poll: nothing to keep alive
    const every = options.pingInterval ?? Math.max(1000, (serverInterval || options.heartbeatInterval) / 2);
    const deadAfter = options.deadAfter ?? every * 2.5;
    this.#timer = setInterval(() => {
      if (Date.now() - this.#lastHeard > deadAfter) {
        this.#client.emit('dead', { silentFor: Date.now() - this.#lastHeard });
        this.#onDead();
        return;
      }
      const sequenceNumber = ++this.#seq;
      this.#pings.set(sequenceNumber, Date.now());
      this.#client.send('ping', { sequenceNumber, timestamp: Date.now() }, { volatile: true });
    }, every);
  }

  /** A `pong` arrived: its round trip becomes the latency. */
  pong({ sequenceNumber }) {
    const sent = this.#pings.get(sequenceNumber);
    if (sent) this.#client.latency.value = Date.now() - sent;
    this.#pings.clear();
  }

  stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
