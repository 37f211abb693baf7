// OpenAPI parsing and operation resolution: $refs (dangling, cyclic, recursive, external, exponential),
// YAML bombs, overrides, servers and security.
import { describe, expect, it } from 'vitest';
import { parseOpenApi, resolveOperation, type ResolvedOperation } from './openapi';
import { parseAgentsJson } from './parse';
import { applyOverride, resolveOperations } from './resolve';
import { Checker } from './validate';

function api(extra: Record<string, unknown> = {}, op: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Shop', version: '1' },
    servers: [{ url: 'https://api.shop.example/v1' }],
    paths: { '/items/{id}': { get: { operationId: 'get_item', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], ...op } } },
    ...extra,
  };
}

function resolve(doc: Record<string, unknown>, operationId = 'get_item'): { op?: ResolvedOperation; messages: string[] } {
  const parsed = parseOpenApi(JSON.stringify(doc), 'OpenAPI');
  if (!parsed.ok) return { messages: parsed.problems.map((p) => p.message) };
  const c = new Checker('OpenAPI');
  const op = resolveOperation(c, parsed.doc, 'shop', operationId, 'https://docs.shop.example/openapi.json');
  return { op, messages: [...parsed.problems, ...c.problems].map((p) => p.message) };
}

describe('parseOpenApi', () => {
  it('rejects Swagger 2 and non-3 versions', () => {
    expect(parseOpenApi('{"swagger":"2.0","paths":{}}', 'OpenAPI').problems.map((p) => p.message)).toEqual([
      "OpenAPI: swagger '2.0': Swagger 2 documents are not supported; agents.json sources must be OpenAPI 3",
    ]);
    expect(parseOpenApi('openapi: "4.0"\npaths: {}\n', 'OpenAPI').problems.map((p) => p.message)).toEqual(["OpenAPI: openapi '4.0' is not an OpenAPI 3 version"]);
  });

  it('reports duplicate operationIds and keeps the first', () => {
    const doc = api({ paths: { '/a': { get: { operationId: 'x' } }, '/b': { post: { operationId: 'x' } } } });
    const parsed = parseOpenApi(JSON.stringify(doc), 'OpenAPI');
    expect(parsed.problems.map((p) => p.message)).toEqual(['OpenAPI: paths["/b"].post.operationId \'x\' is also used by GET /a; the first is used']);
    if (parsed.ok) expect(parsed.doc.operations.get('x')).toMatchObject({ method: 'GET', path: '/a' });
  });

  it('refuses a YAML alias bomb', () => {
    const bomb = ['openapi: 3.0.0', 'a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]', 'paths: {}'].join('\n');
    const result = parseOpenApi(bomb, 'OpenAPI');
    expect(result.ok).toBe(false);
    expect(result.problems[0].message).toMatch(/^OpenAPI: is not valid YAML \(Excessive alias count indicates a resource exhaustion attack\)$/);
  });

  it('refuses duplicate YAML keys and drops a YAML __proto__ key', () => {
    expect(parseOpenApi('openapi: 3.0.0\nopenapi: 3.1.0\npaths: {}\n', 'OpenAPI').problems[0].message).toMatch(/^OpenAPI: is not valid YAML \(DUPLICATE_KEY: Map keys must be unique/);
    const result = parseOpenApi('openapi: 3.0.0\n__proto__: {polluted: true}\npaths: {}\n', 'OpenAPI');
    expect(result.problems.map((p) => p.message)).toEqual(["OpenAPI: (top level) has a key '__proto__', which was dropped"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('resolveOperation', () => {
  it('resolves method, server, path-level and $ref parameters, body and security', () => {
    const doc = api({
      components: {
        parameters: { Verbose: { name: 'verbose', in: 'query', schema: { $ref: '#/components/schemas/Flag' } } },
        schemas: { Flag: { type: 'boolean', default: false }, Item: { type: 'object', properties: { name: { type: 'string' } } } },
        requestBodies: { Item: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
        securitySchemes: { key: { type: 'apiKey', name: 'X-Key', in: 'header' } },
      },
      security: [{ key: [] }],
      paths: { '/items/{id}': { parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }], put: { operationId: 'put_item', parameters: [{ $ref: '#/components/parameters/Verbose', description: 'Say more' }], requestBody: { $ref: '#/components/requestBodies/Item' } } } },
    });
    const { op, messages } = resolve(doc, 'put_item');
    expect(messages).toEqual([]);
    expect(op).toMatchObject({
      method: 'PUT', path: '/items/{id}', serverUrl: 'https://api.shop.example/v1', sourceOrigin: 'https://api.shop.example',
      parameters: [{ name: 'verbose', in: 'query', required: false, description: 'Say more', schema: { type: 'boolean', default: false } }, { name: 'id', in: 'path', required: true }],
      requestBody: { required: true, mediaType: 'application/json', schema: { type: 'object', properties: { name: { type: 'string' } } } },
      security: [{ key: [] }], securitySchemes: { key: { type: 'apiKey', name: 'X-Key', in: 'header' } },
    });
  });

  it('resolves relative servers and server variables; operation and path servers win', () => {
    expect(resolve(api({ servers: [{ url: '/api' }] })).op?.serverUrl).toBe('https://docs.shop.example/api');
    expect(resolve(api({ servers: [{ url: 'https://{region}.shop.example', variables: { region: { default: 'eu' } } }] })).op?.serverUrl).toBe('https://eu.shop.example');
    expect(resolve(api({}, { servers: [{ url: 'https://op.shop.example' }] })).op?.servers).toEqual(['https://op.shop.example']);
    const bad = resolve(api({ servers: [{ url: 'javascript:alert(1)' }] }));
    expect(bad.op?.serverUrl).toBeNull();
    expect(bad.messages).toEqual(["OpenAPI: servers[0] url 'javascript:alert(1)' is not a usable http(s) URL"]);
  });

  it('reports a dangling $ref', () => {
    const { messages } = resolve(api({}, { parameters: [{ $ref: '#/components/parameters/Nope' }] }));
    expect(messages).toEqual(["OpenAPI: paths[\"/items/{id}\"].get.parameters[0] $ref '#/components/parameters/Nope' points to nothing in the document"]);
  });

  it('reports a $ref cycle that never reaches a value', () => {
    const doc = api({ components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } } } }, {
      parameters: [{ name: 'q', in: 'query', schema: { $ref: '#/components/schemas/A' } }],
    });
    expect(resolve(doc).messages).toEqual([
      "OpenAPI: paths[\"/items/{id}\"].get.parameters[0].schema $ref cycle '#/components/schemas/A' → '#/components/schemas/B' → '#/components/schemas/A' never reaches a value",
    ]);
  });

  it('leaves a recursive schema as a stub instead of looping', () => {
    const doc = api({ components: { schemas: { Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } } } } }, {
      requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
    });
    const { op, messages } = resolve(doc);
    expect(messages).toEqual(["OpenAPI: paths[\"/items/{id}\"].get.requestBody.content[\"application/json\"].schema.properties.child $ref '#/components/schemas/Node' is recursive; the inner occurrence is left unexpanded"]);
    expect(op?.requestBody?.schema).toEqual({ type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } });
  });

  it('does not follow external refs or reach prototypes through pointers', () => {
    const doc = api({}, { parameters: [{ name: 'q', in: 'query', schema: { $ref: 'https://evil.example/schema.json' } }, { $ref: '#/constructor/prototype' }] });
    expect(resolve(doc).messages).toEqual([
      "OpenAPI: paths[\"/items/{id}\"].get.parameters[0].schema $ref 'https://evil.example/schema.json' points outside this document and is not followed",
      "OpenAPI: paths[\"/items/{id}\"].get.parameters[1] $ref '#/constructor/prototype' points to nothing in the document",
    ]);
  });

  it('stops an exponential $ref expansion', () => {
    const schemas: Record<string, unknown> = { L0: { type: 'string' } };
    for (let i = 1; i <= 20; i++) schemas[`L${i}`] = { type: 'object', properties: { a: { $ref: `#/components/schemas/L${i - 1}` }, b: { $ref: `#/components/schemas/L${i - 1}` } } };
    const doc = api({ components: { schemas } }, { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/L20' } } } } });
    const { messages } = resolve(doc);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^OpenAPI: paths\["\/items\/\{id\}"\]\.get\.requestBody\.content\["application\/json"\]\.schema\.properti….* expands to more than 50000 values after resolving \$refs; the rest was dropped$/);
  });
});

describe('overrides', () => {
  it('applies an override to a copy of the operation', () => {
    const op = { parameters: [{ name: 'id', in: 'path', required: true }] };
    expect(applyOverride(op, 'parameters.0.required', false)).toEqual({ parameters: [{ name: 'id', in: 'path', required: false }] });
    expect(op.parameters[0].required).toBe(true);
    expect(applyOverride(op, 'parameters.__proto__.x', 1)).toBe("fieldPath 'parameters.__proto__.x' is not a usable path");
    expect(applyOverride(op, 'parameters.5.required', 1)).toBe("fieldPath 'parameters.5.required' indexes past the end of an array");
  });

  it('are applied by resolveOperations, and checked against the OpenAPI', () => {
    const agents = {
      agentsJson: '0.1.0', info: { title: 't', version: '1', description: 'd' },
      sources: [{ id: 'shop', path: 'https://docs.shop.example/openapi.json' }],
      overrides: [{ sourceId: 'shop', operationId: 'get_item', fieldPath: 'summary', value: 'Overridden' }, { sourceId: 'shop', operationId: 'nope', fieldPath: 'summary', value: 'x' }],
      flows: [{ id: 'f', title: 'F', description: 'D', actions: [{ id: 'a', sourceId: 'shop', operationId: 'get_item' }, { id: 'b', sourceId: 'shop', operationId: 'missing_op' }], fields: { parameters: [], responses: { success: {} } } }],
    };
    const parsed = parseAgentsJson(JSON.stringify(agents), 'https://shop.example/.well-known/agents.json');
    if (!parsed.ok) throw new Error('not ok');
    const resolution = resolveOperations(parsed.doc, { shop: JSON.stringify(api()) });
    expect(resolution.problems.map((p) => p.message)).toEqual([
      "agents.json: overrides[1].operationId 'nope' is not an operation of source 'shop'",
      "agents.json: flows[0].actions[1].operationId 'missing_op' is not an operation of source 'shop' (its OpenAPI has 1 operation with an operationId)",
    ]);
    expect(resolution.flows.get('f')?.get('a')?.summary).toBe('Overridden');
    expect(resolution.flows.get('f')?.has('b')).toBe(false);
  });

  it('reports a source whose OpenAPI was not provided or is broken', () => {
    const agents = { agentsJson: '0.1.0', info: { title: 't', version: '1', description: 'd' }, sources: [{ id: 'a', path: 'https://x.example/a.yaml' }, { id: 'b', path: 'https://x.example/b.yaml' }], flows: [] };
    const parsed = parseAgentsJson(JSON.stringify(agents), 'https://x.example/');
    if (!parsed.ok) throw new Error('not ok');
    const messages = resolveOperations(parsed.doc, { b: 'openapi: [unclosed' }).problems.map((p) => p.message);
    expect(messages[0]).toBe("agents.json: sources[0] 'a': its OpenAPI document was not provided");
    expect(messages[1]).toMatch(/^OpenAPI 'b': is not valid YAML \(/);
  });
});
