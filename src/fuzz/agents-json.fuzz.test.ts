// Fuzzing the agents.json family: parseAgentsJson, parseOpenApi (JSON and YAML) and resolveOperations.
// Never a throw, never slow, a reason for every refusal, and parsing its own output changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAgentsJson, parseOpenApi, resolveOperations, type AgentsJsonDoc } from '../protocols/agents-json';
import { AGENTS_JSON_SEEDS, OPENAPI_SEEDS, YAML_SEEDS } from './seeds';
import {
  boundForText, documentText, documentUrl, expectReadableProblems, expectRejectedWithReason, FUZZ_TIMEOUT_MS, mutatedDocument, rawTexts, runs, SECONDARY_RUNS, TIME_BOUND_MS, timed, toText,
} from './fuzz-kit';

const BASE = 'https://site.example/.well-known/agents.json';

/** Drops the `at` bookkeeping (document positions shift when a flow was skipped). */
function withoutPositions(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'at' ? undefined : v)));
}

/** Writes a parsed document back as agents.json. */
function serialize(doc: AgentsJsonDoc): unknown {
  return {
    agentsJson: doc.agentsJson, info: doc.info,
    sources: doc.sources.map((s) => ({ id: s.id, path: s.path, ...(s.description !== undefined ? { description: s.description } : {}) })),
    overrides: doc.overrides,
    flows: doc.flows.map((f) => ({ id: f.id, title: f.title, description: f.description, actions: f.actions, links: f.links, fields: f.fields })),
  };
}

const YAML_JUNK = fc.constantFrom(
  'a: &a [*a, *a]\nb: *a\n',
  'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n',
  '!!js/function "function(){}"\n', '? [a, b]\n: c\n', 'a: 1\na: 2\n', '<<: {x: 1}\n', '%YAML 9.9\n---\na: 1\n', '- ' + '- '.repeat(500) + 'x\n',
  '__proto__: {polluted: true}\nopenapi: 3.0.0\n', 'openapi: 3.1.0\npaths:\n  /x:\n    get: {operationId: __proto__}\n', '\t- tab\n', ': :\n', '---\n---\n---\n',
);

describe('parseAgentsJson under fuzzing', () => {
  it('never throws, is fast, and gives a reason for every refusal', () => {
    fc.assert(
      fc.property(documentText(AGENTS_JSON_SEEDS), documentUrl, (text, baseUrl) => {
        const r = timed(() => parseAgentsJson(text, baseUrl), 'parseAgentsJson');
        expectReadableProblems(r.problems);
        if (r.ok) {
          expect(r.kind).toBe('wildcard-agents-json');
          expect(new Set(r.doc.flows.map((f) => f.id)).size).toBe(r.doc.flows.length);
          for (const s of r.doc.sources) if (s.url !== null) expect(s.url).toMatch(/^(https:|http:\/\/(localhost|127\.0\.0\.1|\[::1\]|[^/]*\.localhost)[:/])/);
        } else if (!r.summary) {
          // Other dialects published as agents.json come back with a summary and no problems: not broken, only not runnable.
          expectRejectedWithReason(r.problems);
        }
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);

  it('reads its own output back to the same document', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...AGENTS_JSON_SEEDS), mutatedDocument(AGENTS_JSON_SEEDS).map(toText)), (text) => {
        const first = parseAgentsJson(text, BASE);
        if (!first.ok) return;
        const again = timed(() => parseAgentsJson(JSON.stringify(serialize(first.doc), null, 1), BASE));
        expect(again.ok).toBe(true);
        if (again.ok) expect(withoutPositions(again.doc)).toEqual(withoutPositions(first.doc));
      }),
      runs(SECONDARY_RUNS),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('parseOpenApi under fuzzing', () => {
  it('never throws on JSON or YAML, is fast, and gives a reason for every refusal', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: documentText(OPENAPI_SEEDS) }, { weight: 1, arbitrary: rawTexts(YAML_SEEDS) }, { weight: 1, arbitrary: YAML_JUNK }), (text) => {
        const r = timed(() => parseOpenApi(text, 'OpenAPI'), 'parseOpenApi', boundForText(text));
        expectReadableProblems(r.problems);
        if (!r.ok) expectRejectedWithReason(r.problems);
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('resolveOperations under fuzzing', () => {
  const parsedSeeds = AGENTS_JSON_SEEDS.map((t) => parseAgentsJson(t, BASE)).filter((r) => r.ok).map((r) => (r.ok ? r.doc : null)) as AgentsJsonDoc[];

  it('never throws and is fast whatever the OpenAPI texts and the document say', () => {
    const doc = fc.oneof(
      fc.constantFrom(...parsedSeeds),
      mutatedDocument(AGENTS_JSON_SEEDS).map((v) => {
        const r = parseAgentsJson(toText(v), BASE);
        return r.ok ? r.doc : parsedSeeds[0];
      }),
    );
    // The small OpenAPI seeds only: this property reads up to three documents per case (parseOpenApi has the large one).
    const small = OPENAPI_SEEDS.filter((t) => t.length < 40_000);
    const openapiText = fc.oneof({ weight: 3, arbitrary: documentText(small) }, { weight: 1, arbitrary: YAML_JUNK });
    fc.assert(
      fc.property(doc, fc.array(openapiText, { minLength: 1, maxLength: 3 }), fc.boolean(), (d, texts, dropOne) => {
        const provided: Record<string, string> = {};
        d.sources.forEach((s, i) => {
          if (!(dropOne && i === 0)) provided[s.id] = texts[i % texts.length];
        });
        // One bound per OpenAPI document it has to read.
        const r = timed(() => resolveOperations(d, provided), 'resolveOperations', TIME_BOUND_MS * Math.max(1, d.sources.length) + boundForText(...Object.values(provided)));
        expectReadableProblems(r.problems);
        // Every action either resolved or has a problem naming why (or its source is unusable).
        for (const flow of d.flows) {
          const resolved = r.flows.get(flow.id);
          for (const action of flow.actions) {
            const source = r.sources.get(action.sourceId);
            if (!source?.api || resolved?.has(action.id)) continue;
            expect(r.problems.some((p) => p.severity === 'error' && p.message.includes(action.operationId.slice(0, 40)))).toBe(true);
          }
        }
        for (const s of d.sources) if (!Object.prototype.hasOwnProperty.call(provided, s.id)) expect(r.problems.some((p) => p.message.includes('was not provided'))).toBe(true);
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});
