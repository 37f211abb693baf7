// Form fields from a Thing Description data schema (an action's `input`, a writable property), in the
// shape the popup's generated forms already use. Only the top level of an object schema becomes
// fields; nested objects are typed as JSON. A non-object schema becomes one field named `value`.
export interface SchemaField {
  key: string;
  name: string;
  in: 'requestBody';
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  required: boolean;
  description?: string;
  enum?: unknown[];
  default?: unknown;
}

const TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object']);
const MAX_FIELDS = 32;

function field(key: string, s: Record<string, unknown>, required: boolean): SchemaField {
  const type = typeof s.type === 'string' && TYPES.has(s.type) ? (s.type as SchemaField['type']) : Array.isArray(s.enum) ? 'string' : 'object';
  const description = typeof s.description === 'string' ? s.description.slice(0, 300) : typeof s.title === 'string' ? s.title.slice(0, 300) : undefined;
  return {
    key, name: key.slice(0, 80), in: 'requestBody', type, required,
    ...(description ? { description } : {}),
    ...(Array.isArray(s.enum) ? { enum: s.enum.filter((v) => typeof v !== 'object').slice(0, 50) } : {}),
    ...('default' in s ? { default: s.default } : {}),
  };
}

export interface SchemaForm {
  fields: SchemaField[];
  /** The schema is not an object: the single field's value is the whole input. */
  scalar: boolean;
}

/** Fields for a schema; an absent schema means the action takes no input. */
export function schemaForm(schema: unknown): SchemaForm {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return { fields: [], scalar: false };
  const s = schema as Record<string, unknown>;
  const props = s.properties && typeof s.properties === 'object' && !Array.isArray(s.properties) ? (s.properties as Record<string, unknown>) : null;
  if (s.type === 'object' || props) {
    const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
    const fields = Object.entries(props ?? {})
      .filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v))
      .slice(0, MAX_FIELDS)
      .map(([k, v]) => field(k, v as Record<string, unknown>, required.has(k)));
    return { fields, scalar: false };
  }
  return { fields: [field('value', s, true)], scalar: true };
}

/** The input to send from collected values (the popup's `collectInputs` requestBody). */
export function inputFromValues(form: SchemaForm, body: Record<string, unknown> | undefined): unknown {
  if (form.scalar) return body?.value;
  return form.fields.length ? (body ?? {}) : undefined;
}
