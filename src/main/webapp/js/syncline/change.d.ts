import type { Frame } from './client.js';
/** A change of the feed (`GET /api/sync`, `change` frames). */
export interface Change {
  entity: string;
  entityId: string;
  action: 'create' | 'update' | 'delete';
  data: any;
  version: number;
  timestamp: string;
  actor?: string;
}
/** The `entity:created|updated|deleted` frame the socket would send for this change. */
export declare function changeFrame(change: Change, channel: string): Frame;
