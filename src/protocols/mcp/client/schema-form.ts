// inputSchemaForm: a UI-neutral description of the form a JSON Schema asks for (tool inputSchema,
// elicitation requestedSchema). Hand-written walk, no validator, no code generation (MV3 CSP).
// Everything in the schema came from a server: texts are capped, sizes bounded, $ref kept local.
import { cappedText } from '../../agents-json/dialects';
import { hasOwn, isObject, type JsonObject, type JsonValue } from '../../agents-json/json';

export type FormNode =
  | { kind: 'string'; format?: string; minLength?: number; maxLength?: number; pattern?: string; enum?: FormOption[] }
  | { kind: 'number' | 'integer'; minimum?: number; maximum?: number; enum?: FormOption[] }
  | { kind: 'boolean' }
  | { kind: 'object'; fields: FormField[]; /** No listed properties and extra keys allowed: a free-form object. */ freeform: boolean }
  | { kind: 'array'; items: FormNode; minItems?: number; maxItems?: number; uniqueItems: boolean }
  /** oneOf / anyOf between shapes: the user picks one. */
  | { kind: 'choice'; options: Array<{ label: string; node: FormNode }> }
  /** Anything the form cannot describe: edit as JSON text. */
  | { kind: 'json'; reason: string };

export interface FormOption { value: JsonValue; label: string }

export interface FormField {
  name: string;
  /** Property names from the root object down to this field. */
  path: string[];
  label: string;
  description?: string;
  required: boolean;
  nullable: boolean;
  default?: JsonValue;
  node: FormNode;
}

export interface SchemaForm {
  root: FormNode;
  title?: string;
  description?: string;
  /** Things left out or simplified, for a note under the form. */
  notes: string[];
}

export const SCHEMA_FORM_LIMITS = { maxDepth: 8, maxFields: 300, maxEnum: 200, maxOptions: 20, textChars: 500, refDepth: 16 } as const;

type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
const KINDS = new Set<string>(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

class Walker {
  fields = 0;
  notes: string[] = [];
  constructor(private readonly rootSchema: JsonObject) {}

  note(text: string): void {
    if (this.notes.length < 20 && !this.notes.includes(text)) this.notes.push(text);
  }

  /** Follows local `#/$defs/x` and `#/definitions/x` references; null when not resolvable. */
  deref(schema: JsonObject): JsonObject | null {
    let s = schema;
    for (let i = 0; typeof s.$ref === 'string'; i++) {
      const m = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(s.$ref);
      const defs = m ? this.rootSchema[m[1]] : undefined;
      const target = m && isObject(defs) ? defs[decodeURIComponent(m[2]).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
      if (i >= SCHEMA_FORM_LIMITS.refDepth || !isObject(target)) {
        this.note(`a reference (${s.$ref.slice(0, 80)}) could not be followed; that part is edited as JSON`);
        return null;
      }
      const { $ref: _ref, ...rest } = s;
      s = { ...target, ...rest };
    }
    return s;
  }

  kinds(schema: JsonObject): { kinds: Array<Exclude<Kind, 'null'>>; nullable: boolean } {
    const raw = Array.isArray(schema.type) ? schema.type : schema.type !== undefined ? [schema.type] : [];
    const kinds = raw.filter((t): t is Kind => typeof t === 'string' && KINDS.has(t));
    const nullable = kinds.includes('null') || schema.nullable === true;
    const nonNull = kinds.filter((k): k is Exclude<Kind, 'null'> => k !== 'null');
    if (nonNull.length === 0) {
      if (isObject(schema.properties)) nonNull.push('object');
      else if (schema.items !== undefined) nonNull.push('array');
      else if (Array.isArray(schema.enum) || hasOwn(schema, 'const')) {
        const first = Array.isArray(schema.enum) ? schema.enum[0] : schema.const;
        nonNull.push(typeof first === 'number' ? 'number' : typeof first === 'boolean' ? 'boolean' : 'string');
      }
    }
    return { kinds: nonNull, nullable };
  }

  options(schema: JsonObject): FormOption[] | undefined {
    if (Array.isArray(schema.enum)) {
      const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
      return schema.enum.filter((v) => !isObject(v) && !Array.isArray(v)).slice(0, SCHEMA_FORM_LIMITS.maxEnum)
        .map((value, i) => ({ value, label: cappedText(names[i], 200) ?? String(value) }));
    }
    if (hasOwn(schema, 'const')) return [{ value: schema.const, label: cappedText(schema.title, 200) ?? String(schema.const) }];
    // The titled-enum form of elicitation schemas: oneOf/anyOf of { const, title }.
    const alts = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
    if (alts && alts.length > 0 && alts.every((a) => isObject(a) && hasOwn(a, 'const'))) {
      return (alts as JsonObject[]).slice(0, SCHEMA_FORM_LIMITS.maxEnum).map((a) => ({ value: a.const, label: cappedText(a.title, 200) ?? String(a.const) }));
    }
    return undefined;
  }

  node(raw: JsonValue, path: string[], depth: number): { node: FormNode; nullable: boolean } {
    if (raw === true || (isObject(raw) && Object.keys(raw).length === 0)) return { node: { kind: 'json', reason: 'any value' }, nullable: true };
    if (!isObject(raw)) return { node: { kind: 'json', reason: 'not a schema' }, nullable: false };
    const schema = this.deref(raw);
    if (!schema) return { node: { kind: 'json', reason: 'unresolvable reference' }, nullable: false };
    if (depth > SCHEMA_FORM_LIMITS.maxDepth) {
      this.note(`nesting deeper than ${SCHEMA_FORM_LIMITS.maxDepth} levels is edited as JSON`);
      return { node: { kind: 'json', reason: 'too deep' }, nullable: false };
    }
    const merged = Array.isArray(schema.allOf) ? this.mergeAllOf(schema) : schema;
    const { kinds, nullable } = this.kinds(merged);
    const options = this.options(merged);
    const alts = Array.isArray(merged.oneOf) ? merged.oneOf : Array.isArray(merged.anyOf) ? merged.anyOf : undefined;
    if (alts && !options && kinds.length === 0) return this.choice(alts, path, depth);
    if (kinds.length !== 1) {
      return { node: { kind: 'json', reason: kinds.length === 0 ? 'no type given' : `one of ${kinds.join(', ')}` }, nullable };
    }
    return { node: this.typed(kinds[0], merged, options, path, depth), nullable };
  }

  typed(kind: Exclude<Kind, 'null'>, s: JsonObject, options: FormOption[] | undefined, path: string[], depth: number): FormNode {
    const num = (k: string) => (typeof s[k] === 'number' ? { [k]: s[k] as number } : {});
    switch (kind) {
      case 'string': {
        const format = typeof s.format === 'string' ? s.format.slice(0, 40) : undefined;
        const pattern = typeof s.pattern === 'string' && s.pattern.length <= 500 ? s.pattern : undefined;
        return { kind, ...(format ? { format } : {}), ...num('minLength'), ...num('maxLength'), ...(pattern ? { pattern } : {}), ...(options ? { enum: options } : {}) };
      }
      case 'number':
      case 'integer':
        return { kind, ...num('minimum'), ...num('maximum'), ...(options ? { enum: options } : {}) };
      case 'boolean':
        return { kind };
      case 'array': {
        const items = Array.isArray(s.items) || s.items === undefined ? { node: { kind: 'json', reason: 'items of any shape' } as FormNode } : this.node(s.items, path, depth + 1);
        return { kind, items: items.node, ...num('minItems'), ...num('maxItems'), uniqueItems: s.uniqueItems === true };
      }
      case 'object':
        return this.object(s, path, depth);
    }
  }

  object(s: JsonObject, path: string[], depth: number): FormNode {
    const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
    const fields: FormField[] = [];
    for (const [name, prop] of Object.entries(isObject(s.properties) ? s.properties : {})) {
      if (++this.fields > SCHEMA_FORM_LIMITS.maxFields) {
        this.note(`only the first ${SCHEMA_FORM_LIMITS.maxFields} fields are shown`);
        break;
      }
      const childPath = [...path, name];
      const { node, nullable } = this.node(prop, childPath, depth + 1);
      const p = isObject(prop) ? (this.deref(prop) ?? prop) : {};
      const description = cappedText(p.description, SCHEMA_FORM_LIMITS.textChars);
      fields.push({
        name, path: childPath, label: cappedText(p.title, 200) ?? name, ...(description ? { description } : {}),
        required: required.has(name), nullable, ...(hasOwn(p, 'default') ? { default: p.default } : {}), node,
      });
    }
    return { kind: 'object', fields, freeform: s.additionalProperties !== false && fields.length === 0 };
  }

  choice(alts: JsonValue[], path: string[], depth: number): { node: FormNode; nullable: boolean } {
    let nullable = false;
    const options: Array<{ label: string; node: FormNode }> = [];
    for (const [i, alt] of alts.slice(0, SCHEMA_FORM_LIMITS.maxOptions).entries()) {
      if (isObject(alt) && alt.type === 'null') {
        nullable = true;
        continue;
      }
      const { node } = this.node(alt, path, depth + 1);
      options.push({ label: (isObject(alt) ? cappedText(alt.title, 200) : undefined) ?? `Option ${i + 1}`, node });
    }
    if (options.length === 1) return { node: options[0].node, nullable };
    return { node: { kind: 'choice', options }, nullable };
  }

  mergeAllOf(s: JsonObject): JsonObject {
    const out: JsonObject = { ...s };
    delete out.allOf;
    const props: JsonObject = isObject(s.properties) ? { ...s.properties } : {};
    const required = new Set(Array.isArray(s.required) ? s.required : []);
    for (const part of (s.allOf as JsonValue[]).slice(0, SCHEMA_FORM_LIMITS.maxOptions)) {
      const p = isObject(part) ? this.deref(part) : null;
      if (!p) continue;
      if (isObject(p.properties)) for (const [k, v] of Object.entries(p.properties)) if (!hasOwn(props, k)) props[k] = v;
      if (Array.isArray(p.required)) for (const r of p.required) required.add(r);
      if (out.type === undefined && p.type !== undefined) out.type = p.type;
    }
    if (Object.keys(props).length > 0) out.properties = props;
    if (required.size > 0) out.required = [...required] as JsonValue[];
    return out;
  }
}

/** The form for a JSON Schema (normally a tool's `inputSchema`, which is an object schema). */
export function inputSchemaForm(schema: JsonValue): SchemaForm {
  const root = isObject(schema) ? schema : {};
  const walker = new Walker(root);
  const { node } = isObject(schema) && schema.type === undefined && !isObject(schema.properties) && !schema.$ref && !schema.oneOf && !schema.anyOf && !schema.allOf
    ? { node: { kind: 'object', fields: [], freeform: true } as FormNode }
    : walker.node(schema, [], 0);
  const title = cappedText(root.title, 200);
  const description = cappedText(root.description, SCHEMA_FORM_LIMITS.textChars);
  return { root: node, ...(title ? { title } : {}), ...(description ? { description } : {}), notes: walker.notes };
}

/** Starting values for a form: defaults where the schema gives them, nothing else. */
export function formDefaults(node: FormNode): JsonObject {
  const out: JsonObject = {};
  if (node.kind !== 'object') return out;
  for (const f of node.fields) {
    if (f.default !== undefined) out[f.name] = f.default;
    else if (f.node.kind === 'object') {
      const inner = formDefaults(f.node);
      if (Object.keys(inner).length > 0) out[f.name] = inner;
    }
  }
  return out;
}
