/**
 * Form validation over the connection (seed 002): `client.validate(form, field, value)`,
 * `client.validateForm(form, values)`, and `client.validator(form)` for as-you-type checks, where
 * each field's requests are debounced and only the latest value's answer counts.
 */

import { ClosedError } from './errors.js';

/** `validate_field`: resolves `{form, field, valid, error, metadata}`. */
export async function validate(client, form, field, value) {
  const answer = await client.request('validate_field', { form, field, value }, { until: 'validation_result' });
  return answer.payload;
}

/** `validate_form` with `{field: value}`: resolves `{form, valid, errors: [{field, error}]}`. */
export async function validateForm(client, form, values) {
  const fields = Object.entries(values).map(([field, value]) => ({ field, value }));
  const answer = await client.request('validate_form', { form, fields }, { until: 'form_validation_result' });
  return answer.payload;
}

export class FieldValidator {
  /**
   * @param {import('./client.js').RealtimeClient} client
   * @param {string} form
   * @param {{wait?: number}} options  `wait`: ms of quiet before a field's value is sent (300)
   */
  constructor(client, form, { wait = 300 } = {}) {
    this.client = client;
    /** The form's name. */
    this.name = form;
    this.wait = wait;
    this.pending = new Map();
  }

  /**
   * Validates a field's value once the user pauses. Every call resolves with the answer for the
   * field's latest value, so superseded calls show the current verdict, never a stale one.
   */
  field(field, value) {
    let entry = this.pending.get(field);
    if (!entry) {
      entry = { waiters: [], seq: 0 };
      this.pending.set(field, entry);
    }
    clearTimeout(entry.timer);
    const seq = ++entry.seq;
    return new Promise((resolve, reject) => {
      entry.waiters.push({ resolve, reject });
      entry.timer = setTimeout(async () => {
        let result;
        let error;
        try {
          result = await validate(this.client, this.name, field, value);
        } catch (e) {
          error = e;
        }
        if (seq !== entry.seq) return; // a newer value is on its way; its answer settles everyone
        const waiters = entry.waiters;
        entry.waiters = [];
        for (const waiter of waiters) error ? waiter.reject(error) : waiter.resolve(result);
      }, this.wait);
    });
  }

  /** The whole form at once, not debounced: for the submit button. */
  form(values) {
    return validateForm(this.client, this.name, values);
  }

  /** Cancels what is waiting: its promises reject with ClosedError. */
  dispose() {
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.seq++;
      for (const waiter of entry.waiters) waiter.reject(new ClosedError());
    }
    this.pending.clear();
  }
}
