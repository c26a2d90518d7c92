import type { RealtimeClient } from './client.js';
import type { FieldError } from './schema-rules.js';

export type { FieldError };

/** The answer to `validate_field`. */
export interface ValidationResult {
  form: string;
  field: string;
  valid: boolean;
  error: string | null;
  /** The field's constraints, e.g. `{required: true, maxLength: 200}`; null for an unknown field. */
  metadata: Record<string, unknown> | null;
}

/** The answer to `validate_form`: one error per failing constraint. */
export interface FormValidationResult {
  form: string;
  valid: boolean;
  errors: FieldError[];
}

export declare function validate(
  client: RealtimeClient,
  form: string,
  field: string,
  value: unknown,
): Promise<ValidationResult>;
export declare function validateForm(
  client: RealtimeClient,
  form: string,
  values: Record<string, unknown>,
): Promise<FormValidationResult>;

/** `client.validator(form)`: as-you-type checks, debounced per field. */
export declare class FieldValidator {
  constructor(client: RealtimeClient, form: string, options?: { wait?: number });
  readonly name: string;
  readonly wait: number;
  /** Resolves with the answer for the field's latest value, once the user pauses for `wait` ms. */
  field(field: string, value: unknown): Promise<ValidationResult>;
  /** The whole form, at once. */
  form(values: Record<string, unknown>): Promise<FormValidationResult>;
  /** Cancels what is waiting (those promises reject with ClosedError). */
  dispose(): void;
}
