/**
 * The rules of a schema, shared by the schema manager, the cookie codec and forms: its fields,
 * whether it is well formed (the registry's own checks), whether an update keeps an app's
 * baseline, what changed between two versions, and whether a value is valid for a field.
 */

export const SCHEMA_TYPES = Object.freeze(['table', 'array', 'record']);
export const FIELD_TYPES = Object.freeze([
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
  'object',
  'array',
]);

const MAX_NAME = 100;

/** A schema's fields: a record's `fields`, a table's `columns`, an array's `items.fields`. */
export function fieldsOf(schemaType, schema) {
  const list =
    schemaType === 'table' ? schema?.columns : schemaType === 'array' ? schema?.items?.fields : schema?.fields;
  return Array.isArray(list) ? list : [];
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** What is wrong with a schema as a schema of `schemaType`, as the registry checks it; [] if nothing. */
export function checkShape(schemaType, schema) {
  if (!SCHEMA_TYPES.includes(schemaType))
    return [`field 'schemaType' must be table, array or record, not ${JSON.stringify(schemaType)}`];
  if (!isObject(schema)) return [`field 'schema' must be a JSON object`];
  if (schemaType === 'array') {
    if (!isObject(schema.items)) return [`field 'schema.items' must be an object {type, fields?}`];
    const problems = checkType(schema.items.type, 'schema.items');
    return 'fields' in schema.items
      ? problems.concat(checkFields(schema.items.fields, 'schema.items.fields'))
      : problems;
  }
  const key = schemaType === 'table' ? 'columns' : 'fields';
  return checkFields(schema[key], 'schema.' + key);
}

function checkFields(list, path) {
  if (!Array.isArray(list)) return [`field '${path}' must be an array of {name, type}`];
  const problems = [];
  const names = new Set();
  list.forEach((field, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(field)) return problems.push(`field '${at}' must be an object {name, type}`);
    if (typeof field.name !== 'string' || !field.name.trim())
      problems.push(`field '${at}.name' must be a non-empty string`);
    else if (field.name.length > MAX_NAME) problems.push(`field '${at}.name' is longer than ${MAX_NAME} characters`);
    else if (names.has(field.name)) problems.push(`field '${at}.name' repeats the name '${field.name}'`);
    else names.add(field.name);
    problems.push(...checkType(field.type, at));
    if ('required' in field && typeof field.required !== 'boolean')
      problems.push(`field '${at}.required' must be true or false`);
    if ('constraints' in field) problems.push(...checkConstraints(field.constraints, at + '.constraints'));
  });
  return problems;
}

function checkType(type, at) {
  return FIELD_TYPES.includes(type)
    ? []
    : [`field '${at}.type' must be one of ${FIELD_TYPES.join(', ')}, not ${JSON.stringify(type)}`];
}

function checkConstraints(c, at) {
  if (!isObject(c)) return [`field '${at}' must be an object`];
  const problems = [];
  for (const key of ['minLength', 'maxLength']) {
    if (key in c && !(Number.isInteger(c[key]) && c[key] >= 0))
      problems.push(`field '${at}.${key}' must be a whole number of 0 or more`);
  }
  for (const key of ['min', 'max']) {
    if (key in c && !Number.isFinite(c[key])) problems.push(`field '${at}.${key}' must be a number`);
  }
  if ('pattern' in c && !compiles(c.pattern)) problems.push(`field '${at}.pattern' is not a valid regular expression`);
  if ('enum' in c && !(Array.isArray(c.enum) && c.enum.length))
    problems.push(`field '${at}.enum' must be a non-empty array`);
  return problems;
}

function compiles(pattern) {
  try {
    return typeof pattern === 'string' && wholeMatch(pattern) instanceof RegExp;
  } catch {
    return false;
  }
}

const patterns = new Map();
function wholeMatch(pattern) {
  if (!patterns.has(pattern)) {
    if (patterns.size > 256) patterns.clear();
    patterns.set(pattern, new RegExp('^(?:' + pattern + ')$'));
  }
  return patterns.get(pattern);
}

/**
 * Why an update breaks the app's baseline (seed 000: "to prevent malicious updates"): another
 * schemaType, or a field the baseline marks required dropped or retyped; [] when it keeps it.
 */
export function checkBaseline(baseline, update) {
  if (!baseline) return [];
  const problems = [];
  if (baseline.schemaType && update.schemaType !== baseline.schemaType) {
    problems.push(`schemaType is ${update.schemaType}, the baseline says ${baseline.schemaType}`);
  }
  const next = new Map(fieldsOf(update.schemaType, update.schema).map((f) => [f.name, f]));
  for (const field of fieldsOf(baseline.schemaType ?? update.schemaType, baseline.schema)) {
    if (!field.required) continue;
    const now = next.get(field.name);
    if (!now) problems.push(`drops the required field '${field.name}'`);
    else if (now.type !== field.type)
      problems.push(`retypes the required field '${field.name}' from ${field.type} to ${now.type}`);
  }
  return problems;
}

/** JSON with sorted keys: equal values, equal text. */
export function canonical(value) {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (isObject(value)) {
    return (
      '{' +
      Object.keys(value)
        .sort()
        .map((k) => JSON.stringify(k) + ':' + canonical(value[k]))
        .join(',') +
      '}'
    );
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Field names added, removed, changed in any way, and retyped, from `before` to `after`. */
export function diffFields(before, after) {
  const old = new Map(before.map((f) => [f.name, f]));
  const now = new Map(after.map((f) => [f.name, f]));
  const added = after.filter((f) => !old.has(f.name)).map((f) => f.name);
  const removed = before.filter((f) => !now.has(f.name)).map((f) => f.name);
  const both = after.filter((f) => old.has(f.name));
  const changed = both.filter((f) => canonical(f) !== canonical(old.get(f.name))).map((f) => f.name);
  const retyped = both.filter((f) => f.type !== old.get(f.name).type).map((f) => f.name);
  return { added, removed, changed, retyped };
}

const blank = (value) => value === undefined || value === null || (typeof value === 'string' && !value.trim());

/** Whether a (present) value is of a field type. */
export function isOfType(type, value) {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'datetime':
      return (
        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))
      );
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return false;
  }
}

const ARTICLE = {
  integer: 'an integer',
  object: 'an object',
  array: 'an array',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date-time (ISO-8601)',
};

/**
 * What is wrong with `value` for `field`, in the registry's words; null when nothing. Required means
 * present, not null and not a blank string; the pattern must match the whole value.
 */
export function checkField(field, value) {
  if (blank(value)) return field.required ? 'is required' : null;
  if (!isOfType(field.type, value)) return 'must be ' + (ARTICLE[field.type] ?? 'a ' + field.type);
  const c = field.constraints || {};
  if (typeof value === 'string') {
    if (c.minLength != null && value.length < c.minLength) return `must be at least ${c.minLength} characters long`;
    if (c.maxLength != null && value.length > c.maxLength) return `must be at most ${c.maxLength} characters long`;
    if (typeof c.pattern === 'string' && compiles(c.pattern) && !wholeMatch(c.pattern).test(value))
      return `must match ${c.pattern}`;
  }
  if (typeof value === 'number') {
    if (c.min != null && value < c.min) return `must be at least ${c.min}`;
    if (c.max != null && value > c.max) return `must be at most ${c.max}`;
  }
  if (Array.isArray(c.enum) && !c.enum.some((choice) => canonical(choice) === canonical(value))) {
    return `must be one of ${JSON.stringify(c.enum)}`;
  }
  return null;
}

/** A record checked field by field: `{valid, errors: [{field, error}]}`, as `form_validation_result`. */
export function validateRecord(fields, record = {}) {
  const errors = [];
  for (const field of fields) {
    const error = checkField(field, record[field.name]);
    if (error) errors.push({ field: field.name, error });
  }
  return { valid: errors.length === 0, errors };
}
