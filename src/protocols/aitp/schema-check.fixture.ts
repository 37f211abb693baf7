// Test-only: a tiny checker for the subset of JSON Schema / OpenAPI 3.0 the five published AITP schemas use
// (type, required, properties, additionalProperties, enum, items, minItems, pattern, minimum, maximum,
// anyOf, oneOf, $ref within the document). `format` and `default` are annotations here. No code generation.

type Schema = Record<string, unknown>;

export interface SchemaError {
  path: string;
  message: string;
}

function resolve(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return node as Schema;
}

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'boolean': return typeof v === 'boolean';
    case 'null': return v === null;
    default: throw new Error(`unsupported type ${type}`);
  }
}

const HANDLED = new Set(['type', 'required', 'properties', 'additionalProperties', 'enum', 'items', 'minItems', 'pattern',
  'minimum', 'maximum', 'anyOf', 'oneOf', '$ref', 'format', 'default', 'description', '$schema']);

export function checkSchema(root: Schema, schema: Schema, value: unknown, path = ''): SchemaError[] {
  for (const k of Object.keys(schema)) if (!HANDLED.has(k)) throw new Error(`schema keyword '${k}' is not supported (at ${path})`);
  if (typeof schema.$ref === 'string') return checkSchema(root, resolve(root, schema.$ref), value, path);
  const errors: SchemaError[] = [];
  const err = (message: string, at = path) => errors.push({ path: at, message });
  if (typeof schema.type === 'string' && !typeOk(schema.type, value)) {
    err(`expected ${schema.type}`);
    return errors;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) err(`not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    err(`does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) err(`below minimum ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) err(`above maximum ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) err(`fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...checkSchema(root, schema.items as Schema, item, `${path}[${i}]`)));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in obj)) err(`missing required '${key}'`);
    for (const [key, v] of Object.entries(obj)) {
      if (v === undefined) err('has an undefined value', `${path}.${key}`);
      else if (Object.prototype.hasOwnProperty.call(props, key)) errors.push(...checkSchema(root, props[key], v, `${path}.${key}`));
      else if (schema.additionalProperties === false) err(`unexpected property '${key}'`);
      else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
        errors.push(...checkSchema(root, schema.additionalProperties as Schema, v, `${path}.${key}`));
      }
    }
  }
  if (Array.isArray(schema.anyOf)) {
    const results = schema.anyOf.map((s) => checkSchema(root, s as Schema, value, path));
    if (!results.some((r) => r.length === 0)) err(`matches none of anyOf: ${results.map((r) => r[0]?.path + ' ' + r[0]?.message).join(' | ')}`);
  }
  if (Array.isArray(schema.oneOf)) {
    const passing = schema.oneOf.filter((s) => checkSchema(root, s as Schema, value, path).length === 0).length;
    if (passing !== 1) err(`matches ${passing} of oneOf (exactly one required)`);
  }
  return errors;
}
