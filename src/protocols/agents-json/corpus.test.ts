// Every file of shared/corpus/agents-json must load: agents.json files parse and every action resolves
// to an operation of its OpenAPI; only the problems asserted here may appear.
import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusText } from './corpus.fixture';
import { parseJsonText } from './json';
import { parseOpenApi } from './openapi';
import { parseAgentsJson } from './parse';
import { planFlow } from './plan';
import { resolveOperations } from './resolve';

const BASE = 'https://site.example/.well-known/agents.json';

interface Expected {
  sources: Record<string, string>;
  flows: number;
  actions: number;
  /** Exact warning messages (parse + resolve); no errors are allowed. */
  warnings: string[];
}

const AGENTS: Record<string, Expected> = {
  'alpaca/agents.json': {
    sources: { alpacatrading: 'alpaca/trading_openapi.yaml', alpacamarketdata: 'alpaca/marketdata_openapi.yaml' },
    flows: 12, actions: 14,
    warnings: [
      "agents.json: flows[9].links[0].target.fieldPath 'query.symbol': 'symbol' is a path parameter of operation 'alpacamarketdata_get_bars_for_stock_symbol', not a query parameter; sent as path",
    ],
  },
  'giphy/agents.json': {
    sources: { giphy: 'giphy/openapi.yaml' }, flows: 6, actions: 6,
    warnings: [
      "agents.json: flows[2].links[1].target.fieldPath 'parameters.weirdness' names no parameter of operation 'giphy_get_gifs_translate'; the value is not sent",
    ],
  },
  'hubspotcontacts/agents.json': {
    sources: { hubspotcontacts: 'hubspotcontacts/openapi.yaml' }, flows: 9, actions: 10,
    warnings: ["agents.json: flows[0].links is missing: the flow's inputs are passed by name to its only action 'list_contacts_action'"],
  },
  'linkup/agents.json': {
    sources: { linkup: 'linkup/openapi.yaml' }, flows: 1, actions: 1,
    warnings: [
      "agents.json: flows[0].links[0].target.fieldPath 'parameters.q' names no parameter of operation 'linkup_post_search' but a property of its request body; the value goes in the body",
      "agents.json: flows[0].links[1].target.fieldPath 'parameters.depth' names no parameter of operation 'linkup_post_search' but a property of its request body; the value goes in the body",
    ],
  },
  'resend/agents.json': {
    sources: { resend: 'resend/openapi.yaml' }, flows: 26, actions: 26,
    warnings: [
      "agents.json: flows[2].links[1].target.fieldPath 'requestBody.updates': operation 'resend_patch_emails_by_email_id' declares no request body; the value is sent as a JSON body anyway",
      "agents.json: flows[8].links[1].target.fieldPath 'requestBody.updates': 'updates' is not a property of the request body of operation 'resend_patch_domains_by_domain_id'",
      "agents.json: flows[20].links[2].target.fieldPath 'requestBody.updates': 'updates' is not a property of the request body of operation 'resend_patch_audiences_contacts_by_audience_id_and_id'",
      "agents.json: flows[21].links[1].target.fieldPath 'requestBody.content': 'content' is not a property of the request body of operation 'resend_post_broadcasts'",
    ],
  },
  'theodds/agents.json': { sources: { theodds: 'theodds/openapi.yaml' }, flows: 10, actions: 13, warnings: [] },
};

const OPENAPIS: Record<string, number> = {
  'alpaca/trading_openapi.yaml': 29,
  'alpaca/marketdata_openapi.yaml': 36,
  'giphy/openapi.yaml': 18,
  'hubspotcontacts/openapi.yaml': 12,
  'linkup/openapi.yaml': 1,
  'linkup/openapi.json': 1,
  'resend/openapi.yaml': 29,
  'theodds/openapi.yaml': 9,
};

const OTHER = ['LICENSE', 'agentsJson.schema.json', 'giphy/interim.json'];

describe('agents.json corpus', () => {
  it('has an expectation for every file', () => {
    expect(corpusFiles()).toEqual([...Object.keys(AGENTS), ...Object.keys(OPENAPIS), ...OTHER].sort());
  });

  for (const [file, expected] of Object.entries(AGENTS)) {
    it(`loads ${file}: ${expected.flows} flows, ${expected.actions} actions, all resolved and plannable`, () => {
      const parsed = parseAgentsJson(corpusText(file), BASE);
      if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
      const texts = Object.fromEntries(Object.entries(expected.sources).map(([id, f]) => [id, corpusText(f)]));
      const resolution = resolveOperations(parsed.doc, texts);
      const problems = [...parsed.problems, ...resolution.problems];
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(problems.map((p) => p.message)).toEqual(expected.warnings);
      expect(parsed.doc.flows).toHaveLength(expected.flows);
      const resolvedActions = [...resolution.flows.values()].reduce((n, m) => n + m.size, 0);
      expect(resolvedActions).toBe(expected.actions);
      expect(parsed.doc.flows.reduce((n, f) => n + f.actions.length, 0)).toBe(expected.actions);
      for (const flow of parsed.doc.flows) {
        const plan = planFlow(flow, resolution.flows.get(flow.id) ?? new Map());
        expect(plan.ok, `${flow.id} plans`).toBe(true);
      }
      for (const source of parsed.doc.sources) {
        expect(source.url).toMatch(/^https:\/\//);
        expect(resolution.sources.get(source.id)?.origin).toMatch(/^https:\/\//);
      }
    });
  }

  for (const [file, operations] of Object.entries(OPENAPIS)) {
    it(`parses ${file} with ${operations} operations`, () => {
      const result = parseOpenApi(corpusText(file), file);
      if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
      expect(result.problems).toEqual([]);
      expect(result.doc.operations.size).toBe(operations);
    });
  }

  it('the linkup JSON OpenAPI names its operation differently from the YAML one the agents.json uses', () => {
    const parsed = parseAgentsJson(corpusText('linkup/agents.json'), BASE);
    if (!parsed.ok) throw new Error('linkup agents.json did not parse');
    const resolution = resolveOperations(parsed.doc, { linkup: corpusText('linkup/openapi.json') });
    expect(resolution.problems.map((p) => p.message)).toEqual([
      "agents.json: flows[0].actions[0].operationId 'linkup_post_search' is not an operation of source 'linkup' (its OpenAPI has 1 operation with an operationId)",
    ]);
  });

  it('reads giphy/interim.json as not-an-agents.json, with a clear problem', () => {
    const parsed = parseAgentsJson(corpusText('giphy/interim.json'), BASE);
    expect(parsed).toMatchObject({ ok: false, kind: 'unknown' });
    expect(parsed.problems.map((p) => p.message)).toEqual([
      "agents.json: is not an agents.json document: it has no 'agentsJson' version and matches no known agents.json dialect",
    ]);
  });

  it('agrees with the JSON Schema on required fields', () => {
    const schema = parseJsonText(corpusText('agentsJson.schema.json'), 'schema');
    if (!schema.ok) throw new Error('schema did not parse');
    const s = schema.value as Record<string, never>;
    const flow = s['properties']['flows']['items'];
    expect(s['required']).toEqual(['agentsJson', 'info', 'sources', 'flows']);
    expect(flow['required']).toEqual(['id', 'title', 'description', 'actions', 'fields']);
    expect(flow['properties']['actions']['items']['required']).toEqual(['id', 'sourceId', 'operationId']);
    expect(flow['properties']['links']['items']['required']).toEqual(['origin', 'target']);
    // The schema defect discovery.md describes: additionalProperties written inside properties.
    expect(Object.keys(s['properties'])).toContain('additionalProperties');
  });

  it('LICENSE is the Apache-2.0 text the corpus is published under', () => {
    expect(corpusText('LICENSE')).toContain('Apache License');
  });
});
