// Schema-to-form over every object schema of the real OpenAPI documents in shared/corpus (the shape
// OpenAPI-to-MCP bridges hand out as tool inputSchemas, with $refs moved to $defs): the walk never
// throws, every listed property becomes a field of its name, and required ones are marked required.
import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusText } from '../../agents-json/corpus.fixture';
import { isObject, type JsonObject } from '../../agents-json/json';
import { parseOpenApi } from '../../agents-json/openapi';
import { inputSchemaForm, SCHEMA_FORM_LIMITS } from './schema-form';

function corpusSchemas(): Array<[string, JsonObject]> {
  const out: Array<[string, JsonObject]> = [];
  for (const file of corpusFiles().filter((f) => /openapi\.(ya?ml|json)$/.test(f))) {
    const parsed = parseOpenApi(corpusText(file), file);
    if (!parsed.ok) continue;
    const components = isObject(parsed.doc.root.components) ? parsed.doc.root.components : {};
    const defs = isObject(components.schemas) ? components.schemas : {};
    const moved = JSON.parse(JSON.stringify(defs).replaceAll('#/components/schemas/', '#/$defs/')) as JsonObject;
    for (const [name, schema] of Object.entries(moved)) {
      if (isObject(schema) && (schema.type === 'object' || isObject(schema.properties))) out.push([`${file} ${name}`, { ...schema, $defs: moved }]);
    }
  }
  return out;
}

const schemas = corpusSchemas();

describe('inputSchemaForm over the corpus', () => {
  it('finds a corpus worth the name', () => {
    expect(schemas.length).toBeGreaterThan(20);
  });

  it.each(schemas)('%s', (_name, schema) => {
    const form = inputSchemaForm(schema);
    expect(form.root.kind).toBe('object');
    if (form.root.kind !== 'object') return;
    const props = isObject(schema.properties) ? Object.keys(schema.properties) : [];
    const required = Array.isArray(schema.required) ? schema.required : [];
    const byName = new Map(form.root.fields.map((f) => [f.name, f]));
    for (const p of props.slice(0, SCHEMA_FORM_LIMITS.maxFields)) {
      expect(byName.has(p), `property ${p}`).toBe(true);
      expect(byName.get(p)!.required).toBe(required.includes(p));
    }
  });
});
