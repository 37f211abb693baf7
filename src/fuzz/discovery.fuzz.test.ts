// Fuzzing discovery: classifyDocument (every handler behind it), classifyText (JSON, YAML, Markdown) and
// parsePageHints (what a page's <link> elements claim). Never a throw, never slow, a reason for every
// document it cannot use, and page hints never leave the page's site.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyDocument, classifyText, describeClassification, MAX_PAGE_HINTS, parsePageHints, type Classification } from '../protocols/discovery';
import { boundForText, documentText, documentUrl, expectReadableProblems, expectRejectedWithReason, FUZZ_TIMEOUT_MS, HOSTILE_STRINGS, hostileJson, rawTexts, runs, timed } from './fuzz-kit';
import {
  A2A_SEEDS, AGENTS_JSON_SEEDS, AI_CATALOG_SEEDS, ANP_DESCRIPTION_SEEDS, ANP_DESCRIPTIONS_SEEDS, DID_SEEDS, LLMS_TXT_SEEDS, MCP_CARD_SEEDS, OPENRPC_SEEDS,
  THING_DESCRIPTION_SEEDS, YAML_SEEDS,
} from './seeds';

const JSON_SEEDS = [
  ...A2A_SEEDS, ...AGENTS_JSON_SEEDS.slice(-3), ...AI_CATALOG_SEEDS, ...ANP_DESCRIPTION_SEEDS, ...ANP_DESCRIPTIONS_SEEDS, ...DID_SEEDS, ...MCP_CARD_SEEDS,
  ...OPENRPC_SEEDS, ...THING_DESCRIPTION_SEEDS,
];

const contentType = fc.oneof(
  fc.constantFrom(
    null, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'text/markdown', 'text/html', 'text/html; charset=utf-8',
    'application/a2a-agent-card+json', 'application/ai-catalog+json', 'application/td+json', 'application/did+json', 'application/yaml',
    'application/octet-stream', '', ';', 'application/json;;;', 'APPLICATION/JSON', 'text/html\u0000',
  ),
  fc.string({ maxLength: 40 }),
);

const expectation = fc.option(
  fc.record({
    kinds: fc.subarray(['wildcard-agents-json', 'a2a-agent-card', 'anp-agent-descriptions', 'anp-agent-description', 'did-document', 'openrpc', 'mcp-server-card', 'ai-catalog', 'lmos-thing-description', 'llms-txt', 'openapi', 'agents-manifest'] as const),
    format: fc.constantFrom('json' as const, 'markdown' as const),
  }).map((e) => ({ kinds: [...e.kinds], format: e.format })),
  { nil: undefined },
);

const smallMarkdownText = fc.oneof(
  fc.constantFrom(...LLMS_TXT_SEEDS),
  fc.tuple(fc.string({ maxLength: 80 }), fc.array(fc.tuple(fc.string({ maxLength: 20 }), fc.oneof(fc.webUrl(), fc.constantFrom(...HOSTILE_STRINGS))), { maxLength: 30 }))
    .map(([title, links]) => `# ${title}\n\n> summary\n\n## Links\n${links.map(([t, u]) => `- [${t}](${u})`).join('\n')}\n`),
);
const markdownText = fc.oneof(
  { weight: 6, arbitrary: smallMarkdownText },
  { weight: 1, arbitrary: fc.constantFrom('# ' + 'x'.repeat(600_000), '#'.repeat(10_000), '- [a](b)\n'.repeat(20_000), '# t\n' + '\r\n'.repeat(50_000)) },
);
/** The small YAML seeds (ANP interface files): classifyText sends YAML-named text to the slow YAML library. */
const SMALL_YAML_SEEDS = YAML_SEEDS.filter((t) => t.length < 8_000);

function checkClassification(c: Classification): void {
  expectReadableProblems(c.problems);
  expect(c.problems.length).toBeLessThanOrEqual(41);
  expect(typeof c.label).toBe('string');
  if (c.kind === 'unknown' && !c.detail) expectRejectedWithReason(c.problems);
  if (c.summary) {
    expect(c.summary.links.length).toBeLessThanOrEqual(64);
    for (const link of c.summary.links) expect(typeof link).toBe('string');
    if (c.summary.name !== undefined) expect(c.summary.name.length).toBeLessThanOrEqual(2000);
  }
  expect(typeof describeClassification(c)).toBe('string');
  expect(Object.prototype).not.toHaveProperty('polluted');
}

describe('classifyDocument under fuzzing', () => {
  it('never throws, is fast, and gives a reason for every document it cannot use', () => {
    const text = fc.oneof({ weight: 5, arbitrary: documentText(JSON_SEEDS) }, { weight: 1, arbitrary: markdownText });
    fc.assert(
      fc.property(documentUrl, contentType, text, expectation, (url, type, body, expect) => {
        checkClassification(timed(() => classifyDocument(url, type, body, expect), 'classifyDocument'));
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('classifyText under fuzzing', () => {
  it('never throws on JSON, YAML or Markdown, is fast, and gives a reason for every document it cannot use', () => {
    // YAML names send any text to the YAML library (slow per byte), so they are a minority of the cases.
    const name = fc.oneof({ weight: 4, arbitrary: documentUrl }, { weight: 1, arbitrary: fc.constantFrom('file:///tmp/openapi.yaml', 'interface.yml', 'llms.txt', 'README.md', 'ad.json', 'x.YAML') });
    const text = fc.oneof({ weight: 4, arbitrary: documentText(JSON_SEEDS) }, { weight: 2, arbitrary: rawTexts(SMALL_YAML_SEEDS) }, { weight: 1, arbitrary: smallMarkdownText });
    fc.assert(
      fc.property(name, text, (n, body) => {
        checkClassification(timed(() => classifyText(n, body), 'classifyText', boundForText(body)));
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('parsePageHints under fuzzing', () => {
  const BASES = ['https://shop.example/products/1', 'https://www.shop.example/', 'http://localhost:5173/', 'https://a.b.shop.example/x?y#z'];
  const rel = fc.oneof(
    fc.constantFrom('ai-catalog', 'agents', 'agent-card', 'a2a', 'agent-descriptions', 'mcp', 'server-card', 'wot', 'llms', 'alternate', 'describedby', 'AI-CATALOG  agents', 'stylesheet', ''),
    fc.string({ maxLength: 30 }),
  );
  const href = fc.oneof(
    fc.constantFrom(
      '/.well-known/ai-catalog.json', 'https://shop.example/a', 'https://evil.example/a', '//evil.example/a', 'http://shop.example/a', 'javascript:alert(1)',
      'https://user:pw@shop.example/a', 'http://127.0.0.1/a', 'https://shop.example.evil.example/', 'https://example/', 'https://sub.shop.example/#frag',
      '  /padded  ', 'x'.repeat(5000), 'https://[::1]/', 'data:application/json,{}', 'file:///etc/passwd',
    ),
    fc.webUrl({ withFragments: true, withQueryParameters: true }),
    fc.string({ maxLength: 60 }),
  );
  const type = fc.oneof(fc.constantFrom('application/ai-catalog+json', 'application/td+json', 'application/did+json; charset=utf-8', 'text/html', ''), fc.string({ maxLength: 20 }));
  const link = fc.oneof(
    { weight: 6, arbitrary: fc.oneof(fc.tuple(rel, href), fc.tuple(rel, href, type)) },
    { weight: 1, arbitrary: hostileJson },
  );

  it('never throws, is fast, and keeps at most 8 distinct same-site https hints', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 8, arbitrary: fc.array(link, { maxLength: 80 }) }, { weight: 1, arbitrary: hostileJson }), fc.oneof(fc.constantFrom(...BASES), documentUrl), (links, base) => {
        const hints = timed(() => parsePageHints(links as never, base), 'parsePageHints');
        expect(hints.length).toBeLessThanOrEqual(MAX_PAGE_HINTS);
        expect(new Set(hints.map((h) => h.url)).size).toBe(hints.length);
        let baseUrl: URL;
        try {
          baseUrl = new URL(base);
        } catch {
          expect(hints).toEqual([]);
          return;
        }
        const site = (u: URL) => u.hostname.toLowerCase().replace(/^www\./, '');
        for (const h of hints) {
          const u = new URL(h.url);
          expect(u.username + u.password).toBe('');
          expect(u.hash).toBe('');
          const loopback = /^(localhost|127\.0\.0\.1|\[::1\])$/.test(u.hostname) || u.hostname.endsWith('.localhost');
          expect(u.protocol === 'https:' || (u.protocol === 'http:' && loopback)).toBe(true);
          const [a, b] = [site(u), site(baseUrl)];
          expect(a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`)).toBe(true);
        }
      }),
      runs(),
    );
  }, FUZZ_TIMEOUT_MS);
});
