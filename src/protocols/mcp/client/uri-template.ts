// Resource templates (MCP `resources/templates/list`) name their URIs with RFC 6570 URI templates.
// Emissary fills only level 1 — simple `{name}` expressions — because that is what a small form
// can fill without guessing: operators (+ # . / ; ? &), prefixes (:3) and explosion (*) are refused
// with a sentence saying so, and the template is still shown.

export type UriTemplateParse =
  | { ok: true; variables: string[] }
  | { ok: false; reason: string };

const MAX_TEMPLATE_CHARS = 2048;
const MAX_VARIABLES = 16;
/** RFC 6570 §2.3: varname = varchar *( ["."] varchar ), varchar = ALPHA / DIGIT / "_" / pct-encoded. */
const VARNAME = /^(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*$/;
const OPERATORS = new Set(['+', '#', '.', '/', ';', '?', '&', '=', ',', '!', '@', '|']);

interface Part {
  literal?: string;
  variable?: string;
}

function split(template: string): { ok: true; parts: Part[] } | { ok: false; reason: string } {
  if (template.length > MAX_TEMPLATE_CHARS) return { ok: false, reason: `the template is longer than ${MAX_TEMPLATE_CHARS} characters` };
  const parts: Part[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const close = template.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) return { ok: false, reason: 'the template has a “}” without a “{”' };
    if (open === -1) {
      parts.push({ literal: template.slice(i) });
      break;
    }
    if (open > i) parts.push({ literal: template.slice(i, open) });
    const end = template.indexOf('}', open);
    if (end === -1) return { ok: false, reason: 'the template has a “{” without a “}”' };
    const expression = template.slice(open + 1, end);
    if (expression.includes('{')) return { ok: false, reason: 'the template has a “{” inside an expression' };
    const why = levelOneProblem(expression);
    if (why) return { ok: false, reason: why };
    parts.push({ variable: expression });
    i = end + 1;
  }
  return { ok: true, parts };
}

function levelOneProblem(expression: string): string | null {
  if (expression === '') return 'the template has an empty “{}”';
  const shown = `{${expression.slice(0, 40)}}`;
  if (OPERATORS.has(expression[0])) return `Emissary fills only simple {name} variables; ${shown} uses the “${expression[0]}” operator`;
  if (expression.includes(',')) return `Emissary fills only simple {name} variables; ${shown} names several variables in one expression`;
  if (/[:*]/.test(expression)) return `Emissary fills only simple {name} variables; ${shown} uses a prefix or explode modifier`;
  if (!VARNAME.test(expression)) return `${shown} is not a valid variable name`;
  return null;
}

/** The variables of a level-1 template, in order of first use; or why Emissary cannot fill it. */
export function parseUriTemplate(template: string): UriTemplateParse {
  const parsed = split(template);
  if (!parsed.ok) return parsed;
  const variables: string[] = [];
  for (const p of parsed.parts) if (p.variable !== undefined && !variables.includes(p.variable)) variables.push(p.variable);
  if (variables.length > MAX_VARIABLES) return { ok: false, reason: `the template has more than ${MAX_VARIABLES} variables` };
  return { ok: true, variables };
}

const HEX = '0123456789ABCDEF';

function pctEncode(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
  return out;
}

/** RFC 6570 §3.2.2 simple expansion: every character outside the unreserved set is percent-encoded (UTF-8). */
function encodeValue(value: string): string {
  let out = '';
  for (const ch of value) out += /^[A-Za-z0-9\-._~]$/.test(ch) ? ch : pctEncode(new TextEncoder().encode(ch));
  return out;
}

/** RFC 6570 §3.1: literals are copied, except characters a URI cannot hold, which are percent-encoded. */
function encodeLiteral(literal: string): string {
  let out = '';
  for (let i = 0; i < literal.length; ) {
    if (/^%[0-9A-Fa-f]{2}$/.test(literal.slice(i, i + 3))) {
      out += literal.slice(i, i + 3);
      i += 3;
      continue;
    }
    const ch = String.fromCodePoint(literal.codePointAt(i)!);
    out += /^[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=]$/.test(ch) ? ch : pctEncode(new TextEncoder().encode(ch));
    i += ch.length;
  }
  return out;
}

export type UriTemplateExpansion = { ok: true; uri: string } | { ok: false; reason: string; missing?: string[] };

/** Builds the URI; every variable needs a non-empty value (a resource URI with a hole is not what the user meant). */
export function expandUriTemplate(template: string, values: Record<string, string>): UriTemplateExpansion {
  const parsed = split(template);
  if (!parsed.ok) return parsed;
  const missing = [...new Set(parsed.parts.flatMap((p) => (p.variable !== undefined && !values[p.variable] ? [p.variable] : [])))];
  if (missing.length) return { ok: false, reason: `Fill in ${missing.join(', ')}.`, missing };
  return { ok: true, uri: parsed.parts.map((p) => (p.variable !== undefined ? encodeValue(values[p.variable]) : encodeLiteral(p.literal ?? ''))).join('') };
}
