import { describe, expect, it } from 'vitest';
import { collectInputs } from './field-values';
import type { FlowInputView } from '../../shared/api';

const field = (over: Partial<FlowInputView>): FlowInputView => ({ key: `parameters.${over.name}`, name: 'x', in: 'parameters', type: 'string', required: false, ...over });

describe('collectInputs', () => {
  it('types numbers, booleans, lists and JSON, and puts body fields in the body', () => {
    const fields = [
      field({ name: 'q', required: true }),
      field({ name: 'n', type: 'integer' }),
      field({ name: 'f', type: 'boolean' }),
      field({ name: 'tags', type: 'array' }),
      field({ name: 'meta', type: 'object', in: 'requestBody', key: 'requestBody.meta' }),
    ];
    const r = collectInputs(fields, { 'parameters.q': 'mug', 'parameters.n': '3', 'parameters.f': true, 'parameters.tags': 'a, b,', 'requestBody.meta': '{"k":1}' });
    expect(r).toEqual({ ok: true, input: { parameters: { q: 'mug', n: 3, f: true, tags: ['a', 'b'] }, requestBody: { meta: { k: 1 } } } });
  });

  it('names the field that is missing or malformed', () => {
    expect(collectInputs([field({ name: 'q', required: true })], {})).toEqual({ ok: false, field: 'parameters.q', error: 'q is required.' });
    expect(collectInputs([field({ name: 'n', type: 'integer' })], { 'parameters.n': '2.5' })).toMatchObject({ ok: false, error: 'n must be a whole number.' });
    expect(collectInputs([field({ name: 'o', type: 'object' })], { 'parameters.o': '{' })).toMatchObject({ ok: false, field: 'parameters.o' });
  });

  it('leaves out optional fields left empty', () => {
    expect(collectInputs([field({ name: 'q' })], { 'parameters.q': '' })).toEqual({ ok: true, input: { parameters: {} } });
  });
});
