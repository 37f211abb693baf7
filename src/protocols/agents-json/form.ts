// flowForm: a UI-neutral description of the inputs a flow asks for. Texts are length-capped data.
import { cappedText } from './dialects';
import { hasOwn, isObject, type JsonObject, type JsonValue } from './json';
import { isFlowEnd, splitFieldPath } from './links';
import type { ResolvedParameter } from './openapi';
import type { ResolvedActions } from './plan';
import type { Flow } from './types';

export type FormFieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

export interface FormField {
  /** Where the value goes in the flow input: `parameters.q` or `requestBody.symbol`. */
  key: string;
  name: string;
  in: 'parameters' | 'requestBody';
  type: FormFieldType;
  required: boolean;
  description?: string;
  enum?: JsonValue[];
  default?: JsonValue;
  /** For arrays: the item type, when known. */
  itemType?: FormFieldType;
}

export interface FlowForm {
  flowId: string;
  title: string;
  description?: string;
  fields: FormField[];
  /** True when the flow takes a whole request body that has no listed properties. */
  freeformBody: boolean;
}

export const FORM_DESCRIPTION_CAP = 500;
const TYPES = new Set<FormFieldType>(['string', 'integer', 'number', 'boolean', 'array', 'object']);
const MAX_ENUM = 200;

function toType(value: JsonValue | undefined): FormFieldType | undefined {
  if (typeof value === 'string' && TYPES.has(value as FormFieldType)) return value as FormFieldType;
  if (Array.isArray(value)) return value.map(toType).find((t) => t !== undefined);
  return undefined;
}

function enumOf(value: JsonValue | undefined): JsonValue[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.filter((v) => v === null || typeof v !== 'object').slice(0, MAX_ENUM);
}

function fromSchema(schema: JsonObject | null | undefined): Partial<FormField> {
  if (!schema) return {};
  const out: Partial<FormField> = {};
  const type = toType(schema.type);
  if (type) out.type = type;
  const values = enumOf(schema.enum);
  if (values) out.enum = values;
  if (hasOwn(schema, 'default')) out.default = schema.default;
  const description = cappedText(schema.description, FORM_DESCRIPTION_CAP);
  if (description) out.description = description;
  if (isObject(schema.items)) {
    const itemType = toType(schema.items.type);
    if (itemType) out.itemType = itemType;
  }
  return out;
}

/** The operation parameters the flow parameter `name` is linked to (directly, or by whole-parameters links). */
function linkedParameters(flow: Flow, actions: ResolvedActions, name: string): ResolvedParameter[] {
  const found: ResolvedParameter[] = [];
  for (const link of flow.links) {
    if (!isFlowEnd(link.origin, flow) || isFlowEnd(link.target, flow)) continue;
    const op = actions.get(link.target.actionId as string);
    if (!op) continue;
    const [oRoot, ...oRest] = splitFieldPath(link.origin.fieldPath);
    const [tRoot, ...tRest] = splitFieldPath(link.target.fieldPath);
    if (oRoot !== 'parameters') continue;
    if (oRest.length === 0 && tRoot === 'parameters' && tRest.length === 0) {
      found.push(...op.parameters.filter((p) => p.name === name));
    } else if (oRest.join('.') === name) {
      const tName = tRest.join('.');
      const indexed = /^(\d+)(\.value)?$/.exec(tName);
      const param = indexed ? op.parameters[Number(indexed[1])] : op.parameters.find((p) => p.name === tName);
      if (param) found.push(param);
    }
  }
  if (found.length === 0 && flow.links.length === 0 && flow.actions.length === 1) {
    const op = actions.get(flow.actions[0].id);
    if (op) found.push(...op.parameters.filter((p) => p.name === name));
  }
  return found;
}

/**
 * Properties of a body schema, including those of its allOf/oneOf/anyOf members (first wins), and the
 * names required whichever alternative is chosen (top level and allOf; not the oneOf/anyOf branches).
 */
function bodyShape(schema: JsonObject | undefined): { props: Map<string, JsonObject>; required: Set<string> } {
  const props = new Map<string, JsonObject>();
  const required = new Set<string>();
  const visit = (s: JsonObject, depth: number, always: boolean) => {
    if (isObject(s.properties)) {
      for (const name of Object.keys(s.properties)) {
        const prop = s.properties[name];
        if (!props.has(name)) props.set(name, isObject(prop) ? prop : {});
      }
    }
    if (always && Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string') required.add(r);
    if (depth >= 3) return;
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
      const members = s[key];
      if (Array.isArray(members)) for (const m of members) if (isObject(m)) visit(m, depth + 1, always && key === 'allOf');
    }
  };
  if (schema) visit(schema, 0, true);
  return { props, required };
}

/**
 * Turns `flow.fields` into form fields. What the flow itself says wins; the linked OpenAPI parameter
 * fills in what it leaves out (type, enum, default, description).
 */
export function flowForm(flow: Flow, actions: ResolvedActions): FlowForm {
  const fields: FormField[] = [];
  for (const p of flow.fields.parameters) {
    const linked = linkedParameters(flow, actions, p.name)[0];
    const fallback = fromSchema(linked?.schema);
    const description = cappedText(p.description, FORM_DESCRIPTION_CAP) ?? fallback.description ?? cappedText(linked?.description, FORM_DESCRIPTION_CAP);
    const values = enumOf(p.enum) ?? fallback.enum;
    const itemType = (p.items ? toType(p.items.type) : undefined) ?? fallback.itemType;
    const field: FormField = {
      key: `parameters.${p.name}`, name: p.name, in: 'parameters',
      type: toType(p.type) ?? fallback.type ?? 'string',
      required: p.required,
      ...(description ? { description } : {}),
      ...(values ? { enum: values } : {}),
      ...(p.default !== undefined ? { default: p.default } : fallback.default !== undefined ? { default: fallback.default } : {}),
      ...(itemType ? { itemType } : {}),
    };
    fields.push(field);
  }
  let freeformBody = false;
  const body = flow.fields.requestBody;
  if (body) {
    const mime = Object.keys(body.content).find((m) => /json/i.test(m)) ?? Object.keys(body.content)[0];
    const schema = mime ? body.content[mime].schema : undefined;
    const { props, required } = bodyShape(schema);
    if (props.size > 0) {
      for (const [name, prop] of props) {
        const info = fromSchema(prop);
        fields.push({ key: `requestBody.${name}`, name, in: 'requestBody', required: required.has(name), ...info, type: info.type ?? 'string' });
      }
    } else if (mime) freeformBody = true;
  }
  const description = cappedText(flow.description, FORM_DESCRIPTION_CAP);
  return { flowId: flow.id, title: cappedText(flow.title, 200) ?? flow.id, ...(description ? { description } : {}), fields, freeformBody };
}
