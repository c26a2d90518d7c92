// The new-task form's validation as the user types: the server's form `Task` checks the title
// (debounced), its message shows beside the form and Add waits until the title is valid. The
// field's constraints (e.g. maxLength) come back with the first answer and are applied locally.
// `container` holds the field's input, found by its name on every keystroke, so a form rendered
// anew (from a new schema version) keeps being checked.
export function validateAsYouType(client, { form = 'Task', field = 'title', container, message, submit }) {
  const validator = client.validator(form, { wait: 250 });
  let latest = 0;
  let input = null;
  const show = (result) => {
    message.textContent = result.valid ? '' : result.error;
    message.hidden = result.valid;
    input?.setAttribute('aria-invalid', String(!result.valid));
    submit.disabled = !result.valid;
    const max = result.metadata?.maxLength;
    if (max && input) input.maxLength = max;
  };
  container.addEventListener('input', async (event) => {
    if (!(event.target instanceof HTMLInputElement) || event.target.name !== field) return;
    input = event.target;
    const mine = ++latest;
    if (input.value === '') {
      message.hidden = true;
      submit.disabled = false; // an empty form is not an error until submitted
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
