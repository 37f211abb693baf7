// AITP-03 Data Request: request_data (a form of fields, or a json_url naming one) and the data answer.

import { childPath, describeType, type JsonValue } from '../agents-json/json';
import { AITP_LIMITS, nested, objectReader, type BodyReader, type Reader } from './read';
import type { DataAnswer, DataAnswerField, DataField, DataFieldOption, DataFieldType, DataForm, RequestData } from './types';

const FIELD_TYPES: readonly DataFieldType[] = ['text', 'number', 'email', 'textarea', 'select', 'combobox', 'tel'];
/** Fields per form and options per field. */
export const MAX_FORM_FIELDS = 100;

/** A field option: a string (schema) or `{label, value}` (NEAR AI Hub). */
function readFieldOption(r: Reader, v: JsonValue, at: string): DataFieldOption | undefined {
  if (typeof v === 'string') {
    const s = r.string(v, at);
    return s === undefined ? undefined : { label: s, value: s };
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const value = r.str(v, 'value', at, { required: true });
    const label = r.str(v, 'label', at) ?? value;
    return value === undefined || label === undefined ? undefined : { label, value };
  }
  r.error(at, `must be a string or a {label, value} object, got ${describeType(v)}`);
  return undefined;
}

export const readDataField = objectReader<DataField>((r, o, at) => ({
  id: r.id(o, 'id', at),
  label: r.str(o, 'label', at),
  description: r.str(o, 'description', at, { max: AITP_LIMITS.longText }),
  default_value: r.str(o, 'default_value', at, { max: AITP_LIMITS.longText }),
  type: r.oneOf(o, 'type', at, FIELD_TYPES) ?? 'text',
  options: r.list(o, 'options', at, (x, p) => readFieldOption(r, x, p)),
  required: r.bool(o, 'required', at) ?? false,
  autocomplete: r.str(o, 'autocomplete', at, { max: 200 }),
}));

/** `form.fields` (here, or in the document a `json_url` points to). */
export function readFields(r: Reader, o: Record<string, JsonValue>, at: string, required: boolean): DataField[] | undefined {
  const fields = r.list(o, 'fields', at, (x, p) => readDataField(r, x, p), { required, minItems: 1, max: MAX_FORM_FIELDS });
  if (!fields) return undefined;
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.id)) r.error(childPath(at, 'fields'), `has two fields with id '${f.id.slice(0, 60)}'`);
    seen.add(f.id);
  }
  return fields;
}

const readForm = objectReader<DataForm>((r, o, at) => {
  const fields = readFields(r, o, at, false);
  const json_url = r.url(o, 'json_url', at);
  // The docs say one of the two is required; the schema does not enforce it. Without either there is no form.
  if (o.fields === undefined && o.json_url === undefined) r.error(at, 'has neither fields nor json_url');
  return { fields, json_url };
});

export const readRequestData = objectReader<RequestData>((r, o, at) => ({
  id: r.id(o, 'id', at),
  title: r.str(o, 'title', at),
  description: r.str(o, 'description', at, { required: true, max: AITP_LIMITS.longText }),
  fillButtonLabel: r.str(o, 'fillButtonLabel', at, { max: 100 }),
  form: nested(r, o, 'form', at, readForm, true),
}));

const readAnswerField = objectReader<DataAnswerField>((r, o, at) => ({
  id: r.id(o, 'id', at),
  label: r.str(o, 'label', at),
  value: r.str(o, 'value', at, { max: AITP_LIMITS.longText }),
}));

export const readDataAnswer = objectReader<DataAnswer>((r, o, at) => ({
  request_data_id: r.id(o, 'request_data_id', at, false),
  fields: r.list(o, 'fields', at, (x, p) => readAnswerField(r, x, p), { required: true, minItems: 1, max: MAX_FORM_FIELDS }),
}));

/** The document a `json_url` points to: `{ "fields": [...] }`. */
export const readRemoteForm = objectReader<{ fields: DataField[] }>((r, o, at) => ({ fields: readFields(r, o, at, true) }));

export const DATA_READERS: Record<string, BodyReader<unknown>> = {
  request_data: readRequestData,
  data: readDataAnswer,
};
