import type { FlowInputView } from '../../shared/api';

export type FieldValues = Record<string, string | boolean>;

type Collected =
  | { ok: true; input: { parameters: Record<string, unknown>; requestBody?: Record<string, unknown> } }
  | { ok: false; field: string; error: string };

/** Turns what the person typed into typed flow inputs, or says which field is wrong and why. */
export function collectInputs(fields: FlowInputView[], values: FieldValues): Collected {
  const parameters: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.key];
    const empty = raw === undefined || raw === '';
    if (empty && f.type !== 'boolean') {
      if (f.required) return { ok: false, field: f.key, error: `${f.name} is required.` };
      continue;
    }
    let value: unknown = raw;
    if (f.type === 'integer' || f.type === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n) || (f.type === 'integer' && !Number.isInteger(n))) {
        return { ok: false, field: f.key, error: `${f.name} must be ${f.type === 'integer' ? 'a whole number' : 'a number'}.` };
      }
      value = n;
    } else if (f.type === 'boolean') {
      value = raw === true;
    } else if (f.type === 'array') {
      value = String(raw)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (f.type === 'object') {
      try {
        value = JSON.parse(String(raw));
      } catch {
        return { ok: false, field: f.key, error: `${f.name} must be JSON, e.g. {"key": "value"}.` };
      }
    }
    (f.in === 'requestBody' ? body : parameters)[f.name] = value;
  }
  return { ok: true, input: Object.keys(body).length ? { parameters, requestBody: body } : { parameters } };
}
