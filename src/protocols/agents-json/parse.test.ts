// Broken and hostile agents.json input: each case asserts the specific problem a user would see.
import { describe, expect, it } from 'vitest';
import { parseAgentsJson } from './parse';
import type { ParseAgentsJsonResult } from './types';

const BASE = 'https://shop.example/.well-known/agents.json';

function minimal(extra: Record<string, unknown> = {}, flow: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agentsJson: '0.1.0',
    info: { title: 'Shop', version: '1.0.0', description: 'A shop' },
    sources: [{ id: 'shop', path: 'https://api.shop.example/openapi.yaml' }],
    flows: [{
      id: 'buy', title: 'Buy', description: 'Buys a thing',
      actions: [{ id: 'find', sourceId: 'shop', operationId: 'find_item' }, { id: 'order', sourceId: 'shop', operationId: 'order_item' }],
      links: [
        { origin: { actionId: 'buy', fieldPath: 'parameters.query' }, target: { actionId: 'find', fieldPath: 'parameters.q' } },
        { origin: { actionId: 'find', fieldPath: 'responses.success.items.0.id' }, target: { actionId: 'order', fieldPath: 'requestBody.itemId' } },
      ],
      fields: { parameters: [{ name: 'query', required: true, type: 'string' }], responses: { success: { type: 'object' } } },
      ...flow,
    }],
    ...extra,
  };
}

function parse(value: unknown): ParseAgentsJsonResult {
  return parseAgentsJson(JSON.stringify(value), BASE);
}
function messages(result: ParseAgentsJsonResult): string[] {
  return result.problems.map((p) => p.message);
}

describe('parseAgentsJson', () => {
  it('reads a clean document with no problems, resolving source paths', () => {
    const result = parse(minimal({ sources: [{ id: 'shop', path: '../openapi.yaml' }] }));
    expect(messages(result)).toEqual([]);
    if (!result.ok) throw new Error('not ok');
    expect(result.doc.sources[0].url).toBe('https://shop.example/openapi.yaml');
    expect(result.doc.flows[0]).toMatchObject({ at: 'flows[0]', id: 'buy', actions: [{ id: 'find' }, { id: 'order' }] });
    expect(result.doc.flows[0].links[0].origin).toEqual({ actionId: 'buy', fieldPath: 'parameters.query' });
  });

  it('accepts null actionIds (the schema text) as the flow itself', () => {
    const result = parse(minimal({}, {
      links: [{ origin: { actionId: null, fieldPath: 'parameters.query' }, target: { fieldPath: 'responses.success' } }],
    }));
    expect(messages(result)).toEqual([]);
  });

  it('rejects text that is not JSON', () => {
    const result = parseAgentsJson('{"agentsJson": "0.1.0",', BASE);
    expect(result).toMatchObject({ ok: false, kind: 'unknown' });
    expect(messages(result)[0]).toMatch(/^agents\.json: is not valid JSON \(/);
  });

  it('rejects a top level that is not an object', () => {
    expect(messages(parseAgentsJson('[1,2]', BASE))).toEqual(['agents.json: must be a JSON object, found an array']);
  });

  it('caps the input at 1 MiB before parsing', () => {
    const huge = JSON.stringify(minimal({ padding: 'x'.repeat(1024 * 1024) }));
    const result = parseAgentsJson(huge, BASE);
    expect(result.ok).toBe(false);
    expect(messages(result)[0]).toMatch(/^agents\.json: is larger than 1 MiB \(at least \d+ bytes\); not read$/);
  });

  it('counts bytes, not characters, against the cap', () => {
    const text = JSON.stringify(minimal({ padding: '€'.repeat(400_000) })); // 1.2 MB of UTF-8 in 0.4 M characters
    expect(messages(parseAgentsJson(text, BASE))[0]).toMatch(/is larger than 1 MiB/);
  });

  it('bounds nesting depth', () => {
    const deep = `{"agentsJson":"0.1.0","x":${'['.repeat(200)}${']'.repeat(200)}}`;
    const result = parseAgentsJson(deep, BASE);
    expect(result.ok).toBe(false); // this document has no sources or flows at all
    expect(messages(result)[0]).toBe('agents.json: x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][…[0][0][0][0][0][0][0][0][0][0] nests deeper than 64 levels; the deeper part was dropped');
  });

  it('drops __proto__ keys without polluting prototypes', () => {
    const text = JSON.stringify(minimal()).replace('"info":{', '"info":{"__proto__":{"polluted":true},').replace('"agentsJson"', '"__proto__":{"isAdmin":true},"agentsJson"');
    const result = parseAgentsJson(text, BASE);
    expect(messages(result)).toEqual([
      "agents.json: (top level) has a key '__proto__', which was dropped",
      "agents.json: info has a key '__proto__', which was dropped",
    ]);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) expect(Object.getPrototypeOf(result.doc.info)).toBe(Object.prototype);
  });

  it('reports wrong types with their paths and skips the broken flow', () => {
    const result = parse(minimal({}, { title: 42, actions: [{ id: 'find', sourceId: 'shop', operationId: ['x'] }], fields: { parameters: [{ name: 'q', required: 'yes' }], responses: { success: {} } } }));
    expect(messages(result)).toEqual([
      'agents.json: flows[0].title must be a string, found a number',
      'agents.json: flows[0].actions[0].operationId must be a string, found an array',
      'agents.json: flows[0].fields.parameters[0].required must be true or false, found a string',
      'agents.json: flows[0] was skipped because of the errors above',
    ]);
    if (result.ok) expect(result.doc.flows).toEqual([]);
  });

  it('fails outright when sources or flows are missing', () => {
    const result = parse({ agentsJson: '0.1.0', info: { title: 't', version: '1', description: 'd' }, flows: 'none' });
    expect(result).toMatchObject({ ok: false, kind: 'wildcard-agents-json' });
    expect(messages(result)).toEqual(['agents.json: sources is required but missing', 'agents.json: flows must be an array, found a string']);
  });

  it('names a dangling sourceId', () => {
    const doc = minimal();
    const flows = doc.flows as Array<{ actions: Array<{ sourceId: string }> }>;
    flows[0].actions[0].sourceId = 'x';
    expect(messages(parse(doc))).toEqual(["agents.json: flows[0].actions[0].sourceId 'x' names no source"]);
  });

  it('names dangling link actionIds and links that run backwards', () => {
    const result = parse(minimal({}, {
      links: [
        { origin: { actionId: 'nope', fieldPath: 'responses.success.id' }, target: { actionId: 'order', fieldPath: 'parameters.id' } },
        { origin: { actionId: 'order', fieldPath: 'responses.success.id' }, target: { actionId: 'find', fieldPath: 'parameters.id' } },
        { origin: { actionId: 'buy', fieldPath: 'parameters.query' }, target: { actionId: 'ghost', fieldPath: 'parameters.q' } },
      ],
    }));
    expect(messages(result)).toEqual([
      "agents.json: flows[0].links[0].origin.actionId 'nope' names no action in this flow",
      "agents.json: flows[0].links[1] links 'order' to 'find', but actions run in order and the origin does not run before the target",
      "agents.json: flows[0].links[2].target.actionId 'ghost' names no action in this flow",
    ]);
  });

  it('checks link field paths', () => {
    const result = parse(minimal({}, {
      links: [
        { origin: { actionId: 'buy', fieldPath: 'body.x' }, target: { actionId: 'find', fieldPath: 'parameters.q' } },
        { origin: { actionId: 'buy', fieldPath: 'responses.success' }, target: { actionId: 'find', fieldPath: 'parameters.q' } },
        { origin: { actionId: 'buy', fieldPath: 'parameters.undeclared' }, target: { actionId: 'find', fieldPath: 'parameters.q' } },
        { origin: { actionId: 'buy', fieldPath: 'parameters.query' }, target: { actionId: 'find', fieldPath: 'somewhere.q' } },
        { origin: { actionId: 'find', fieldPath: 'responses.success' }, target: { actionId: 'buy', fieldPath: 'parameters.q' } },
      ],
    }));
    expect(messages(result)).toEqual([
      "agents.json: flows[0].links[0].origin.fieldPath 'body.x' must start with parameters, requestBody or responses",
      "agents.json: flows[0].links[1].origin.fieldPath 'responses.success' reads the flow's responses, which do not exist before the flow runs",
      "agents.json: flows[0].links[2].origin.fieldPath 'parameters.undeclared' names no parameter declared in fields.parameters",
      "agents.json: flows[0].links[3].target.fieldPath 'somewhere.q' must start with parameters or requestBody",
      "agents.json: flows[0].links[4].target.fieldPath 'parameters.q' targets the flow but not its responses; the link is ignored",
    ]);
  });

  it('reports duplicate ids and an action that shares the flow id', () => {
    const doc = minimal({ sources: [{ id: 'shop', path: 'https://a.example/o.yaml' }, { id: 'shop', path: 'https://b.example/o.yaml' }] });
    const flow = (doc.flows as Array<Record<string, unknown>>)[0];
    doc.flows = [flow, { ...flow }];
    flow.actions = [{ id: 'buy', sourceId: 'shop', operationId: 'a' }, { id: 'buy', sourceId: 'shop', operationId: 'b' }];
    flow.links = [];
    expect(messages(parse(doc))).toEqual([
      "agents.json: sources[1].id 'shop' duplicates sources[0].id; source ids must be unique",
      "agents.json: flows[0].actions[0].id 'buy' is also the flow's id, so links to it are ambiguous",
      "agents.json: flows[0].actions[1].id 'buy' duplicates flows[0].actions[0].id; action ids must be unique",
      "agents.json: flows[0].actions[1].id 'buy' is also the flow's id, so links to it are ambiguous",
      "agents.json: flows[1].id 'buy' duplicates flows[0].id; flow ids must be unique",
    ]);
  });

  it('refuses source paths that are not https', () => {
    const result = parse(minimal({ sources: [{ id: 'shop', path: 'file:///etc/passwd' }] }));
    expect(messages(result)).toEqual(['agents.json: sources[0].path "file:///etc/passwd" is not an https URL (file)']);
    if (result.ok) expect(result.doc.sources[0].url).toBeNull();
    const creds = parse(minimal({ sources: [{ id: 'shop', path: 'https://user:pw@api.example/o.yaml' }] }));
    expect(messages(creds)).toEqual(['agents.json: sources[0].path "https://user:pw@api.example/o.yaml" must not carry a user name or password']);
  });

  it('rejects ids with whitespace or control characters', () => {
    const doc = minimal();
    (doc.flows as Array<Record<string, unknown>>)[0].id = 'buy\u202e now';
    expect(messages(parse(doc))[0]).toBe('agents.json: flows[0].id "buy\u202e now" contains whitespace or control characters');
  });

  it('warns on unknown versions, missing fields sections and unknown parameter types', () => {
    const result = parse(minimal({ agentsJson: '2.0.0' }, { fields: { parameters: [{ name: 'query', type: 'text' }] } }));
    expect(messages(result)).toEqual([
      "agents.json: agentsJson '2.0.0' is not a version Emissary knows (0.1.x); read as 0.1",
      "agents.json: flows[0].fields.parameters[0].type 'text' is not a JSON Schema type; treated as string",
      'agents.json: flows[0].fields.responses is required by the schema but missing',
    ]);
  });

  it('tolerates the enum/default/items parameter extras and a null requestBody seen in the corpus', () => {
    const result = parse(minimal({}, {
      fields: { parameters: [{ name: 'query', type: 'string', enum: ['a', 'b'], default: 'a' }, { name: 'picks', type: 'array', items: { type: 'object' } }], requestBody: null, responses: { success: {} } },
    }));
    expect(messages(result)).toEqual([]);
    if (result.ok) expect(result.doc.flows[0].fields.parameters[0]).toEqual({ name: 'query', required: false, type: 'string', enum: ['a', 'b'], default: 'a' });
  });

  it('checks overrides', () => {
    const result = parse(minimal({ overrides: [{ sourceId: 'other', operationId: 'x', fieldPath: 'a', value: 1 }, { sourceId: 'shop', operationId: 'x', fieldPath: 'a' }] }));
    expect(messages(result)).toEqual([
      "agents.json: overrides[0].sourceId 'other' names no source",
      'agents.json: overrides[1].value is required but missing',
    ]);
  });
});

describe('other documents named agents.json', () => {
  it('recognises the jmilinovich RFC draft', () => {
    const result = parse({
      version: '1.0', site_info: { name: 'My Blog', description: 'Posts', home_url: 'https://blog.example' },
      intents: { supported: [{ type: 'read', description: 'Read posts' }, { type: 'subscribe', description: 'Subscribe' }] },
    });
    expect(result).toEqual({ ok: false, kind: 'jmilinovich-agents-json', problems: [], summary: { label: 'agents.json RFC draft (jmilinovich)', name: 'My Blog', description: 'Posts', version: '1.0', counts: { intents: 2 } } });
  });

  it('recognises the LeonTing1010 draft', () => {
    const result = parse({ version: '1.0', name: 'Shop', description: 'A shop', actions: [{ name: 'buy', endpoint: '/buy', method: 'POST' }], policies: { automation_allowed: true } });
    expect(result).toMatchObject({ ok: false, kind: 'leonting-agents-json', problems: [], summary: { name: 'Shop', counts: { actions: 1, data: 0 } } });
  });

  it('recognises the Ardor-Cerebrum agents manifest and the AOS document', () => {
    expect(parse({ version: '1', last_modified: '2025-01-01', supported_agent_versions: ['1'] })).toMatchObject({ ok: false, kind: 'agents-manifest', problems: [] });
    expect(parse({ site_name: 'Shop', auth: { type: 'none' }, actions: [] })).toMatchObject({ ok: false, kind: 'aos-agent', problems: [] });
  });

  it('caps and cleans the texts it summarises', () => {
    const result = parse({ site_info: { name: `Evil\u202e${'n'.repeat(1000)}`, description: 'x\u0000y' }, intents: {} });
    if (result.ok || !result.summary) throw new Error('expected a summary');
    expect(result.summary.name).toHaveLength(300);
    expect(result.summary.name).not.toContain('\u202e');
    expect(result.summary.description).toBe('xy');
  });
});
