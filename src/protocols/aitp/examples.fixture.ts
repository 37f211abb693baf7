// Test-only: the AITP examples in shared/specs/aitp.md and the five published schemas.
import { sharedText } from '../agents-json/corpus.fixture';
import type { CapabilityId } from './capabilities';
import { checkSchema, type SchemaError } from './schema-check.fixture';

export const SCHEMA_FILES = {
  payments: 'specs/aitp-schemas/aitp-01-payments.schema.json',
  decisions: 'specs/aitp-schemas/aitp-02-decisions.schema.json',
  data: 'specs/aitp-schemas/aitp-03-data-request.schema.json',
  near: 'specs/aitp-schemas/aitp-04-near-wallet.schema.json',
  evm: 'specs/aitp-schemas/aitp-05-evm-wallet.schema.json',
} as const;

export type SchemaDoc = Record<string, unknown>;

export function loadSchema(id: keyof typeof SCHEMA_FILES): SchemaDoc {
  return JSON.parse(sharedText(SCHEMA_FILES[id])) as SchemaDoc;
}

/** Splits concatenated JSON objects (as the spec's example blocks hold them), respecting strings. */
export function splitJsonObjects(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) out.push(text.slice(start, i + 1));
  }
  return out;
}

/** Every JSON object in every ```json block of aitp.md, as text. */
export function aitpMdExamples(): string[] {
  const md = sharedText('specs/aitp.md');
  const blocks = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap(splitJsonObjects);
}

/**
 * The spec's examples elide some values with `...` or `<...>`. These substitutions put well-formed values in
 * their place (same meaning), so the examples can be checked strictly.
 */
export const ELISIONS: ReadonlyArray<[string, string]> = [
  ['"0xa9059cbb..."', '"0xa9059cbb"'],
  ['"eyJ0b2tlbl9pZCI6..."', '"eyJ0b2tlbl9pZCI6IjEifQ=="'],
  ['"0x88df0164...944b"', `"0x88df0164${'0'.repeat(52)}944b"`],
  ['"<base64 32 bytes>"', '"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="'],
  ['"ed25519:6E8s..."', '"ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp"'],
];

export function fillElisions(text: string): string {
  return ELISIONS.reduce((t, [from, to]) => t.split(from).join(to), text);
}

/** The NEAR AI Hub example quoted in aitp.md §5 (not in a json block). */
export const HUB_PAYMENT_RESULT = '{"$schema":"https://aitp.dev/v1/payments/schema.json","payment_result":{"quote_id":"quote_123","result":"success","timestamp":"2050-01-01T00:00:00Z","message":"Your red socks are on their way!","details":[{"label":"Color","value":"Red"}]}}';

const PROTOCOL_NAMES: Partial<Record<CapabilityId, string>> = { payments: 'PaymentProtocol', decisions: 'DecisionProtocol' };

/** Errors of a wire message against its capability's published schema (the `*Protocol` anyOf, or the root anyOf). */
export function schemaErrors(capability: CapabilityId, wire: unknown): SchemaError[] {
  const doc = loadSchema(capability);
  const name = PROTOCOL_NAMES[capability];
  if (name) return checkSchema(doc, (doc.components as { schemas: Record<string, SchemaDoc> }).schemas[name], wire);
  const { $schema: _dialect, ...root } = doc;
  return checkSchema(doc, root, wire);
}
