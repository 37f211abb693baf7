// OpenRPC method params → a form the popup can render, and the form's text values → JSON-RPC params
// (by name, as ANP's SDKs call). An object param is opened one level (its properties become fields);
// anything deeper is a JSON field. `$ref`s into components.schemas are followed, a few levels only.

export type FormFieldType = 'string' | 'integer' | 'number' | 'boolean' | 'json';

export interface FormField {
  /** `param` or `param.property`. */
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  description?: string;
  enum?: string[];
  format?: string;
  minimum?: number;
  maximum?: number;
}

export interface MethodForm {
  method: string;
  summary?: string;
  description?: string;
  fields: FormField[];
  byPosition: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 300) => (typeof v === 'string' ? v.slice(0, max) : undefined);

function resolve(schema: unknown, doc: Obj, depth = 0): Obj {
  if (!isObj(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref === 'string' && depth < 5) {
    const m = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
    const target = m && isObj(doc.components) && isObj((doc.components as Obj).schemas) ? ((doc.components as Obj).schemas as Obj)[m[1]] : undefined;
    return resolve(target, doc, depth + 1);
  }
  return schema;
}

function field(key: string, label: string, schema: Obj, required: boolean, description?: string): FormField {
  const t = schema.type;
  const type: FormFieldType = t === 'string' || t === 'integer' || t === 'number' || t === 'boolean' ? t : 'json';
  const out: FormField = { key, label, type, required };
  const d = description ?? str(schema.description);
  if (d) out.description = d;
  if (Array.isArray(schema.enum)) out.enum = schema.enum.filter((e) => typeof e === 'string' || typeof e === 'number').slice(0, 50).map(String);
  if (typeof schema.format === 'string') out.format = schema.format.slice(0, 30);
  if (typeof schema.minimum === 'number') out.minimum = schema.minimum;
  if (typeof schema.maximum === 'number') out.maximum = schema.maximum;
  return out;
}

/** The form of every method of an OpenRPC document (at most 128 methods, 64 params each). */
export function openRpcForms(doc: unknown): MethodForm[] {
  if (!isObj(doc) || !Array.isArray(doc.methods)) return [];
  const forms: MethodForm[] = [];
  for (const m of doc.methods.slice(0, 128)) {
    if (!isObj(m) || typeof m.name !== 'string') continue;
    const fields: FormField[] = [];
    for (const p of (Array.isArray(m.params) ? m.params : []).slice(0, 64)) {
      if (!isObj(p) || typeof p.name !== 'string') continue;
      const name = p.name.slice(0, 128);
      const schema = resolve(p.schema, doc);
      const required = p.required === true;
      const props = isObj(schema.properties) ? (schema.properties as Obj) : null;
      if (schema.type === 'object' && props) {
        const req = Array.isArray(schema.required) ? schema.required : [];
        for (const [k, v] of Object.entries(props).slice(0, 64)) fields.push(field(`${name}.${k}`, k, resolve(v, doc), required && req.includes(k)));
      } else fields.push(field(name, name, schema, required, str(p.description)));
    }
    forms.push({ method: m.name.slice(0, 128), summary: str(m.summary), description: str(m.description, 1000), fields, byPosition: m.paramStructure === 'by-position' });
  }
  return forms;
}

function convert(f: FormField, raw: string): unknown {
  switch (f.type) {
    case 'string':
      return raw;
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw new Error(`${f.label} must be yes or no`);
      return raw === 'true';
    case 'integer':
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n) || (f.type === 'integer' && !Number.isInteger(n))) throw new Error(`${f.label} must be ${f.type === 'integer' ? 'a whole number' : 'a number'}`);
      if (f.minimum !== undefined && n < f.minimum) throw new Error(`${f.label} must be at least ${f.minimum}`);
      if (f.maximum !== undefined && n > f.maximum) throw new Error(`${f.label} must be at most ${f.maximum}`);
      return n;
    }
    case 'json':
      try {
        return JSON.parse(raw);
      } catch {
        throw new Error(`${f.label} must be JSON`);
      }
  }
}

/** JSON-RPC params from the form's values; throws a sentence naming the first field that is wrong. */
export function formParams(form: MethodForm, values: Record<string, string>): Obj | unknown[] {
  const out: Obj = {};
  for (const f of form.fields) {
    const raw = values[f.key] ?? '';
    if (raw === '') {
      if (f.required) throw new Error(`${f.label} is required`);
      continue;
    }
    if (f.enum && !f.enum.includes(raw)) throw new Error(`${f.label} must be one of ${f.enum.join(', ')}`);
    const value = convert(f, raw);
    const [param, prop] = f.key.split(/\.(.*)/s);
    if (prop !== undefined) out[param] = { ...(isObj(out[param]) ? (out[param] as Obj) : {}), [prop]: value };
    else out[param] = value;
  }
  if (!form.byPosition) return out;
  const names = [...new Set(form.fields.map((f) => f.key.split('.')[0]))];
  return names.map((n) => out[n] ?? null);
}
