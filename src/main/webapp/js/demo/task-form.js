// The new-task form's validation as the user types: the server's form `Task` checks the title
// (debounced), its message shows beside the field and Add waits until the title is valid. The
// field's constraints (e.g. maxLength) come back with the first answer and are applied locally.
export function validateAsYouType(client, { form = 'Task', field = 'title', input, message, submit }) {
  const validator = client.validator(form, { wait: 250 });
  let latest = 0;
  const show = (result) => {
    message.textContent = result.valid ? '' : result.error;
    message.hidden = result.valid;
    input.setAttribute('aria-invalid', String(!result.valid));
    submit.disabled = !result.valid;
    const max = result.metadata?.maxLength;
    if (max) input.maxLength = max;
  };
  input.addEventListener('input', async () => {
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
