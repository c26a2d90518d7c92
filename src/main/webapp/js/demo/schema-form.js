// A form rendered from a record schema: one input per field, named after it, in the schema's order,
// validated as the user types, and rebuilt in place when the schema changes (what the user typed
// in fields that remain is kept).

const INPUT_TYPES = {
  number: 'number',
  integer: 'number',
  boolean: 'checkbox',
  date: 'date',
  datetime: 'datetime-local',
};

export class SchemaForm {
  /**
   * @param {import('../syncline/schema.js').SchemaManager} manager
   * @param {HTMLElement} container  holds one `.schema-field[data-field]` per field
   * @param {{prefix?: string, labels?: boolean}} options  `data-testid` of each input: prefix +
   *     field name; `labels`: show each field's label before its input
   */
  constructor(manager, container, { prefix = '', labels = false } = {}) {
    this.manager = manager;
    this.container = container;
    this.prefix = prefix;
    this.labels = labels;
    this.touched = new Set();
    this.listeners = new Set();
    container.addEventListener('input', (event) => this.#typed(event));
    container.addEventListener('change', (event) => this.#typed(event));
    manager.schema.subscribe(() => this.render());
    this.render();
  }

  /** Calls `listener(read())` whenever the user changes a value. */
  onInput(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Builds the inputs the schema asks for, reusing those of fields that remain. */
  render() {
    const fields = this.manager.fields;
    if (!fields.length) return; // no schema yet: keep what the page has
    const existing = new Map(
      [...this.container.querySelectorAll(':scope > .schema-field')].map((el) => [el.dataset.field, el]),
    );
    const wanted = fields.map((field) => {
      const group = existing.get(field.name) ?? document.createElement('span');
      existing.delete(field.name);
      this.#configure(group, field);
      return group;
    });
    for (const stale of existing.values()) stale.remove();
    this.container.replaceChildren(...wanted);
    this.#showErrors(this.validate().errors);
  }

  /** The values typed, as the schema's types: empty inputs are left out. */
  values() {
    const values = {};
    for (const field of this.manager.fields) {
      const input = this.#input(field.name);
      if (!input) continue;
      const value = parse(field, input);
      if (value !== undefined) values[field.name] = value;
    }
    return values;
  }

  validate() {
    return this.manager.validate(this.values());
  }

  /** `{valid, values}`; shows every error, touched or not. */
  submit() {
    const result = this.validate();
    for (const field of this.manager.fields) this.touched.add(field.name);
    this.#showErrors(result.errors);
    return { valid: result.valid, values: this.values() };
  }

  /** Puts values in the inputs (a saved preference, say). */
  set(values) {
    for (const field of this.manager.fields) {
      const input = this.#input(field.name);
      if (!input || !(field.name in values)) continue;
      const value = values[field.name];
      if (input.type === 'checkbox') input.checked = value === true;
      else input.value = value == null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    this.#showErrors(this.validate().errors);
  }

  /** Empties the inputs (defaults where the schema has them). */
  reset() {
    this.touched.clear();
    for (const field of this.manager.fields) {
      const input = this.#input(field.name);
      if (input?.type === 'checkbox') input.checked = field.default === true;
      else if (input) input.value = field.default ?? '';
    }
    this.#showErrors([]);
  }

  #typed(event) {
    const name = event.target.closest?.('.schema-field')?.dataset.field;
    if (!name) return;
    this.touched.add(name);
    const result = this.validate();
    this.#showErrors(result.errors);
    for (const listener of this.listeners) listener({ valid: result.valid, values: this.values() });
  }

  #input(name) {
    return this.container.querySelector(`:scope > .schema-field[data-field="${CSS.escape(name)}"] > [name]`);
  }

  #configure(group, field) {
    group.className = 'schema-field';
    group.dataset.field = field.name;
    const tag = field.constraints?.enum ? 'SELECT' : 'INPUT';
    let input = group.querySelector(':scope > [name]');
    const fresh =
      !input || input.tagName !== tag || (tag === 'INPUT' && input.type !== (INPUT_TYPES[field.type] ?? 'text'));
    if (fresh) {
      input?.remove();
      input = document.createElement(tag);
      if (tag === 'INPUT') input.type = INPUT_TYPES[field.type] ?? 'text';
      if (input.type === 'checkbox') input.checked = field.default === true;
      else if (field.default != null) input.value = field.default;
      group.prepend(input);
    }
    input.name = field.name;
    input.dataset.testid = this.prefix + field.name;
    input.title = field.label ?? field.name;
    input.setAttribute('aria-label', field.label ?? field.name);
    input.required = field.required === true;
    if (tag === 'INPUT' && input.type !== 'checkbox') input.placeholder = field.label ?? field.name;
    if (field.type === 'integer') input.step = '1';
    if (field.type === 'number') input.step = 'any';
    if (tag === 'SELECT') this.#options(input, field, fresh);
    if (this.labels) {
      const caption =
        group.querySelector(':scope > .field-label') ?? group.insertBefore(document.createElement('span'), input);
      caption.className = 'field-label';
      caption.textContent = field.label ?? field.name;
    }
    if (!group.querySelector(':scope > .field-error')) {
      const error = document.createElement('small');
      error.className = 'field-error';
      error.setAttribute('aria-live', 'polite');
      group.append(error);
    }
    group.querySelector(':scope > .field-error').dataset.testid = 'error-' + field.name;
  }

  #options(select, field, fresh) {
    const choices = (field.required ? [] : ['']).concat(field.constraints.enum.map(String));
    const current = [...select.options].map((o) => o.value);
    if (current.join('\n') === choices.join('\n')) return;
    const value = fresh ? String(field.default ?? '') : select.value;
    select.replaceChildren(
      ...choices.map((choice) => {
        const option = document.createElement('option');
        option.value = choice;
        option.textContent = choice || '—';
        return option;
      }),
    );
    select.value = choices.includes(value) ? value : (field.default ?? choices[0]);
  }

  #showErrors(errors) {
    const byField = new Map(errors.map((e) => [e.field, e.error]));
    for (const group of this.container.querySelectorAll(':scope > .schema-field')) {
      const name = group.dataset.field;
      const error = this.touched.has(name) ? byField.get(name) : undefined;
      const input = group.querySelector(':scope > [name]');
      input?.setAttribute('aria-invalid', error ? 'true' : 'false');
      group.querySelector(':scope > .field-error').textContent = error ? `${input?.title ?? name} ${error}` : '';
    }
  }
}

/** An input's value as the field's type; undefined when empty. */
function parse(field, input) {
  if (input.type === 'checkbox') return input.checked;
  const text = input.value;
  if (text === '') return undefined;
  switch (field.type) {
    case 'number':
    case 'integer':
      return text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
    case 'datetime':
      return text.length === 16 ? text + ':00' : text;
    case 'object':
    case 'array':
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return field.type === 'string' ? text.trim() : text;
  }
}
