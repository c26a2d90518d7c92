/** The change feed's frames: a change (`sync`, `GET /api/sync`, long-poll) as a live event. */

const PAST = { create: 'created', update: 'updated', delete: 'deleted' };

/** The `entity:{action}d` frame the socket sends for this change on `channel`. */
export function changeFrame(change, channel) {
  return {
    type: 'entity:' + PAST[change.action],
    channel,
    payload: change.action === 'delete' ? { id: change.entityId } : { ...change.data, id: change.entityId },
    version: change.version,
    timestamp: Date.parse(change.timestamp) || Date.now(),
  };
}
