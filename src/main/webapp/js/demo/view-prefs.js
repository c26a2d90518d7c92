// The board's view preferences (which column to show, and whatever else the `board-view` schema
// lists): a form rendered from that schema, kept in a cookie written by the schema's cookie codec.
// The cookie follows the schema to each new version, and survives reloads.
import { CookieCodec } from '../syncline/index.js';
import { SchemaForm } from './schema-form.js';

/** What the page relies on, whatever else the schema becomes. */
const BASELINE = { schemaType: 'record', schema: { fields: [{ name: 'status', type: 'string', required: true }] } };

/**
 * @param {import('../syncline/client.js').RealtimeClient} client
 * @param {HTMLElement} container
 * @param {{notice: (text: string) => void}} page
 */
export function mountViewPrefs(client, container, { notice }) {
  const manager = client.schema('board-view', { baseline: BASELINE });
  const form = new SchemaForm(manager, container, { prefix: 'view-', labels: true });
  container.addEventListener('submit', (event) => event.preventDefault());
  const codec = new CookieCodec(manager, { name: 'board-view' });
  codec.on('error', (error) => notice(`Your saved view was not used: ${error.message}.`));
  manager.on('error', (error) => notice(`A schema update was refused: ${error.message}`));

  const apply = ({ status } = {}) => {
    for (const column of document.querySelectorAll('#board .column')) {
      column.hidden = Boolean(status) && status !== 'all' && column.dataset.status !== status;
    }
  };
  form.onInput(({ valid, values }) => {
    if (!valid) return;
    try {
      codec.write(values);
    } catch (error) {
      notice(`Your view could not be saved: ${error.message}`);
    }
    apply(values);
  });
  const ready = codec.read().then((saved) => {
    if (saved) form.set(saved);
    apply(form.values());
    container.dataset.ready = 'true';
  });
  return { manager, form, codec, ready };
}
