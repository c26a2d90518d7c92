export type SchemaType = 'table' | 'array' | 'record';
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime' | 'object' | 'array';

export declare const SCHEMA_TYPES: readonly SchemaType[];
export declare const FIELD_TYPES: readonly FieldType[];

/** Constraints the registry and the client check; any other key is kept as it was sent. */
export interface Constraints {
  minLength?: number;
  maxLength?: number;
  /** Must match the whole value. */
  pattern?: string;
  min?: number;
  max?: number;
  enum?: unknown[];
  [other: string]: unknown;
}

/** A record field, table column or array item field; any other property (label, default…) is kept. */
export interface SchemaField {
  name: string;
  type: FieldType;
  required?: boolean;
  constraints?: Constraints;
  default?: unknown;
  [other: string]: unknown;
}

/** `{fields}` (record), `{columns}` (table) or `{items: {type, fields?}}` (array), plus anything else. */
export type SchemaBody = {
  fields?: SchemaField[];
  columns?: SchemaField[];
  items?: { type: FieldType; fields?: SchemaField[] };
  [other: string]: unknown;
};

/** One version of an app's schema: the `schema:update` payload and `GET /api/schemas/{app}`. */
export interface SchemaUpdate {
  app: string;
  version: number;
  schemaType: SchemaType;
  schema: SchemaBody;
}

/** What a `baseline` declares: the schemaType and the fields an update must keep (those marked required). */
export interface Baseline {
  schemaType: SchemaType;
  schema: SchemaBody;
}

export interface FieldError {
  field: string;
  error: string;
}
export interface Validation {
  valid: boolean;
  errors: FieldError[];
}
export interface FieldDiff {
  added: string[];
  removed: string[];
  changed: string[];
  retyped: string[];
}

export declare function fieldsOf(schemaType: SchemaType, schema: SchemaBody | null | undefined): SchemaField[];
/** What is wrong with a schema's shape, in the registry's words; [] when nothing. */
export declare function checkShape(schemaType: unknown, schema: unknown): string[];
/** Why an update breaks the baseline; [] when it keeps it. */
export declare function checkBaseline(
  baseline: Baseline | null,
  update: { schemaType: SchemaType; schema: SchemaBody },
): string[];
export declare function canonical(value: unknown): string;
export declare function diffFields(before: SchemaField[], after: SchemaField[]): FieldDiff;
export declare function isOfType(type: FieldType, value: unknown): boolean;
/** What is wrong with a value of the field; null when nothing. */
export declare function checkField(field: SchemaField, value: unknown): string | null;
export declare function validateRecord(fields: SchemaField[], record?: Record<string, unknown>): Validation;
