// The board's new-task form, rendered from the `board` schema (one input per field, named after it)
// and validated as the user types. A new version of the schema shows in every open page at once.
// The task list drops cached values of fields the `Task` schema no longer has.
import { SchemaForm } from './schema-form.js';

/** The board needs a title whatever the schema becomes. */
const BASELINE = { schemaType: 'record', schema: { fields: [{ name: 'title', type: 'string', required: true }] } };

/**
 * @param {import('../syncline/client.js').RealtimeClient} client
 * @param {HTMLElement} container
 * @param {{tasks: import('../syncline/collection.js').Collection}} board
 */
export function mountNewTaskForm(client, container, { tasks }) {
  const manager = client.schema('board', { baseline: BASELINE });
  const form = new SchemaForm(manager, container, { prefix: 'new-' });
  client.schema('Task').bind(tasks);
  return { manager, form };
}
