// The new-task form's validation as the user types: the server's form `Task` checks the title
// (debounced) and its message shows beside the form. The schema-rendered form keeps the rest: its
// own messages, aria-invalid, and refusing to submit what its schema refuses; so the answer's
// constraints (e.g. maxLength) are not applied to the input, which would hide those messages.
// `container` holds the field's input, found by its name on every keystroke, so a form rendered
// anew (from a new schema version) keeps being checked.
export function validateAsYouType(client, { form = 'Task', field = 'title', container, message }) {
  const validator = client.validator(form, { wait: 250 });
  let latest = 0;
  const show = (result) => {
    message.textContent = result.valid ? '' : result.error;
    message.hidden = result.valid;
  };
  container.addEventListener('input', async (event) => {
    if (!(event.target instanceof HTMLInputElement) || event.target.name !== field) return;
    const input = event.target;
    const mine = ++latest;
    if (input.value === '') {
      message.hidden = true; // an empty form is not an error until submitted
      return;
    }
    try {
      const result = await validator.field(field, input.value);
      if (mine === latest) show(result);
    } catch {
      // offline or refused: the server checks again when the task is written
    }
  });
  return { reset: () => show({ valid: true }) };
}
