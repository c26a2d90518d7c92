// The board's title edits, as field-level pushes (`client.fields('Task')`): only the title is
// written, with this browser's timestamp, so an edit of another field elsewhere is never lost,
// and a title someone wrote later than this edit is kept and reported.
export function titleEditor(client, { onLost } = {}) {
  const fields = client.fields('Task');
  fields.on('conflict', (conflict) => onLost?.(conflict));
  return (id, title) => fields.push(id, { title });
}
