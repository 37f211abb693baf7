import { describe, expect, it } from 'vitest';
import { formDefaults, inputSchemaForm, type FormNode } from './schema-form';

const fields = (node: FormNode) => (node.kind === 'object' ? node.fields : []);

// inputSchemas as real servers publish them (reference "everything" and filesystem servers, zod-to-json-schema,
// FastMCP/Pydantic, a GitHub-style issue tool, a 2025-11-25 elicitation schema with titled enums).
const filesystemEditFile = {
  type: 'object',
  properties: {
    path: { type: 'string' },
    edits: { type: 'array', items: { type: 'object', properties: { oldText: { type: 'string', description: 'Text to search for - must match exactly' }, newText: { type: 'string', description: 'Text to replace with' } }, required: ['oldText', 'newText'], additionalProperties: false } },
    dryRun: { type: 'boolean', default: false, description: 'Preview changes using git-style diff format' },
  },
  required: ['path', 'edits'], additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#',
};

const everythingLongRunning = {
  type: 'object',
  properties: { duration: { type: 'number', default: 10, description: 'Duration of the operation in seconds' }, steps: { type: 'number', default: 5, description: 'Number of steps in the operation' } },
};

const fastMcpSearch = {
  type: 'object', title: 'searchArguments',
  properties: {
    query: { title: 'Query', type: 'string' },
    limit: { title: 'Limit', type: 'integer', default: 10, minimum: 1, maximum: 100 },
    category: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Category' },
    filters: { $ref: '#/$defs/Filters' },
  },
  required: ['query'],
  $defs: { Filters: { type: 'object', title: 'Filters', properties: { inStock: { type: 'boolean', default: true }, tags: { type: 'array', items: { type: 'string', enum: ['new', 'sale', 'eco'] }, uniqueItems: true } } } },
};

const githubCreateIssue = {
  type: 'object',
  properties: {
    owner: { type: 'string', description: 'Repository owner' }, repo: { type: 'string' }, title: { type: 'string' }, body: { type: 'string' },
    labels: { type: 'array', items: { type: 'string' } }, assignees: { type: 'array', items: { type: 'string' } },
    milestone: { type: 'number' }, state: { type: 'string', enum: ['open', 'closed'] },
  },
  required: ['owner', 'repo', 'title'],
};

const elicitation = {
  type: 'object',
  properties: {
    size: { type: 'string', title: 'Size', oneOf: [{ const: 's', title: 'Small' }, { const: 'l', title: 'Large' }] },
    email: { type: 'string', format: 'email', title: 'Email' },
    legacyEnum: { type: 'string', enum: ['a', 'b'], enumNames: ['Option A', 'Option B'] },
  },
  required: ['size'],
};

describe('inputSchemaForm', () => {
  it('describes nested arrays of objects, required and defaults (filesystem edit_file)', () => {
    const form = inputSchemaForm(filesystemEditFile);
    const [path, edits, dryRun] = fields(form.root);
    expect(path).toMatchObject({ name: 'path', required: true, node: { kind: 'string' } });
    expect(edits).toMatchObject({ required: true, node: { kind: 'array', items: { kind: 'object' } } });
    const items = edits.node.kind === 'array' ? edits.node.items : edits.node;
    expect(fields(items).map((f) => [f.name, f.required, f.path])).toEqual([['oldText', true, ['edits', 'oldText']], ['newText', true, ['edits', 'newText']]]);
    expect(dryRun).toMatchObject({ required: false, default: false, description: 'Preview changes using git-style diff format', node: { kind: 'boolean' } });
    expect(formDefaults(form.root)).toEqual({ dryRun: false });
  });

  it('keeps numeric defaults (everything longRunningOperation)', () => {
    expect(formDefaults(inputSchemaForm(everythingLongRunning).root)).toEqual({ duration: 10, steps: 5 });
  });

  it('reads Pydantic shapes: titles, nullable anyOf, $ref into $defs, enum items (FastMCP)', () => {
    const form = inputSchemaForm(fastMcpSearch);
    expect(form.title).toBe('searchArguments');
    const [query, limit, category, filters] = fields(form.root);
    expect(query).toMatchObject({ label: 'Query', required: true, nullable: false });
    expect(limit.node).toEqual({ kind: 'integer', minimum: 1, maximum: 100 });
    expect(category).toMatchObject({ nullable: true, default: null, node: { kind: 'string' } });
    expect(filters).toMatchObject({ label: 'Filters', node: { kind: 'object' } });
    const tags = fields(filters.node)[1];
    expect(tags.node).toMatchObject({ kind: 'array', uniqueItems: true, items: { kind: 'string', enum: [{ value: 'new', label: 'new' }, { value: 'sale', label: 'sale' }, { value: 'eco', label: 'eco' }] } });
    expect(formDefaults(form.root)).toEqual({ limit: 10, category: null, filters: { inStock: true } });
  });

  it('reads enums and arrays of strings (GitHub create_issue)', () => {
    const f = fields(inputSchemaForm(githubCreateIssue).root);
    expect(f.filter((x) => x.required).map((x) => x.name)).toEqual(['owner', 'repo', 'title']);
    expect(f.find((x) => x.name === 'labels')!.node).toEqual({ kind: 'array', items: { kind: 'string' }, uniqueItems: false });
    expect(f.find((x) => x.name === 'state')!.node).toMatchObject({ kind: 'string', enum: [{ value: 'open' }, { value: 'closed' }] });
  });

  it('reads titled enums (oneOf const), formats and enumNames (elicitation)', () => {
    const [size, email, legacy] = fields(inputSchemaForm(elicitation).root);
    expect(size.node).toEqual({ kind: 'string', enum: [{ value: 's', label: 'Small' }, { value: 'l', label: 'Large' }] });
    expect(email.node).toEqual({ kind: 'string', format: 'email' });
    expect(legacy.node).toMatchObject({ enum: [{ label: 'Option A' }, { label: 'Option B' }] });
  });

  it('offers a choice for oneOf between shapes and JSON for what it cannot describe', () => {
    const form = inputSchemaForm({
      type: 'object',
      properties: {
        target: { oneOf: [{ type: 'object', title: 'By id', properties: { id: { type: 'integer' } } }, { type: 'object', title: 'By name', properties: { name: { type: 'string' } } }] },
        anything: {}, mixed: { type: ['string', 'number'] },
      },
    });
    const [target, anything, mixed] = fields(form.root);
    expect(target.node).toMatchObject({ kind: 'choice', options: [{ label: 'By id' }, { label: 'By name' }] });
    expect(anything.node.kind).toBe('json');
    expect(mixed.node).toEqual({ kind: 'json', reason: 'one of string, number' });
  });

  it('merges allOf, treats an empty schema as a free-form object, survives cycles and hostile sizes', () => {
    const merged = inputSchemaForm({ allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'number' } } }] });
    expect(fields(merged.root).map((f) => [f.name, f.required])).toEqual([['a', true], ['b', false]]);
    expect(inputSchemaForm({}).root).toEqual({ kind: 'object', fields: [], freeform: true });
    const cyclic = inputSchemaForm({ $ref: '#/$defs/Node', $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } } });
    expect(cyclic.notes).toEqual([expect.stringMatching(/deeper than 8/)]);
    const wide = inputSchemaForm({ type: 'object', properties: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p${i}`, { type: 'string', description: 'd'.repeat(5000) }])) });
    expect(fields(wide.root)).toHaveLength(300);
    expect(fields(wide.root)[0].description!.length).toBeLessThanOrEqual(500);
    expect(inputSchemaForm({ $ref: 'https://evil.example/schema' }).notes[0]).toMatch(/could not be followed/);
  });
});
