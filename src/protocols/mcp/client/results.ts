// Reading what a server returns (tools, resources, prompts, tool results) into plain, capped data
// for display. Nothing here is ever rendered as HTML; images are kept only in raster formats.
import { cappedText } from '../../agents-json/dialects';
import { parseUriTemplate } from './uri-template';
import { isObject, type JsonObject, type JsonValue } from '../../agents-json/json';
import { collectParamHeaders, type ParamHeader } from './headers';

export const RESULT_LIMITS = {
  textChars: 200_000,
  nameChars: 128,
  titleChars: 200,
  descriptionChars: 4000,
  uriChars: 4000,
  /** Base64 characters of one image, audio clip or blob. */
  binaryChars: 8 * 1024 * 1024,
  itemsPerResult: 256,
} as const;

/** Image types a popup can show safely (no SVG: it can carry script). */
export const SAFE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

export interface ToolAnnotations {
  title?: string;
  readOnly: boolean;
  destructive: boolean;
  idempotent: boolean;
  openWorld: boolean;
}

export interface McpTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: JsonObject;
  outputSchema?: JsonObject;
  /** With the spec's defaults applied: not read-only, destructive, not idempotent, open-world. */
  annotations: ToolAnnotations;
  /** Modern era: arguments mirrored into Mcp-Param-* headers. */
  paramHeaders: ParamHeader[];
}

export interface McpResource { uri: string; name: string; title?: string; description?: string; mimeType?: string; size?: number }
/** A resource template; `variables` when Emissary can fill it (RFC 6570 level 1), else `unsupported` says why. */
export interface McpResourceTemplate { uriTemplate: string; name: string; title?: string; description?: string; mimeType?: string; variables?: string[]; unsupported?: string }
export interface McpPromptArgument { name: string; description?: string; required: boolean }
export interface McpPrompt { name: string; title?: string; description?: string; arguments: McpPromptArgument[] }

export type DisplayItem =
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'image'; mimeType: string; base64: string }
  | { kind: 'audio'; mimeType: string; base64: string }
  | { kind: 'resource'; uri: string; mimeType?: string; text?: string; blobBase64?: string; truncated: boolean }
  | { kind: 'link'; uri: string; name: string; title?: string; description?: string; mimeType?: string }
  | { kind: 'unsupported'; type: string; reason: string };

export interface ToolResultView {
  isError: boolean;
  items: DisplayItem[];
  structuredContent?: JsonObject;
  /** `_meta["x402/payment-response"]` after a paid call, for the wallet's receipt. */
  paymentResponse?: JsonValue;
  dropped: number;
}

const text = (v: JsonValue | undefined, max: number) => cappedText(v, max);

/** Keeps newlines and tabs, drops other control and bidi-override characters, caps the length. */
export function displayText(value: string, max: number = RESULT_LIMITS.textChars): { text: string; truncated: boolean } {
  // eslint-disable-next-line no-control-regex
  const clean = value.slice(0, max + 1).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\r\n?/g, '\n');
  return clean.length > max ? { text: clean.slice(0, max), truncated: true } : { text: clean, truncated: value.length > max };
}

function base64(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' && v.length <= RESULT_LIMITS.binaryChars && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? v : undefined;
}

function mime(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(v) && v.length <= 100 ? v.toLowerCase() : undefined;
}

function resourceItem(r: JsonObject): DisplayItem {
  const uri = typeof r.uri === 'string' ? r.uri.slice(0, RESULT_LIMITS.uriChars) : '';
  const mimeType = mime(r.mimeType);
  if (typeof r.text === 'string') {
    const t = displayText(r.text);
    return { kind: 'resource', uri, ...(mimeType ? { mimeType } : {}), text: t.text, truncated: t.truncated };
  }
  const blob = base64(r.blob);
  if (blob !== undefined) return { kind: 'resource', uri, ...(mimeType ? { mimeType } : {}), blobBase64: blob, truncated: false };
  return { kind: 'unsupported', type: 'resource', reason: 'the resource has neither text nor a readable blob' };
}

/** One content block (text, image, audio, resource, resource_link) as a display item. */
export function contentItem(block: JsonValue): DisplayItem {
  if (!isObject(block) || typeof block.type !== 'string') return { kind: 'unsupported', type: 'unknown', reason: 'not a content block' };
  const type = block.type.slice(0, 40);
  switch (type) {
    case 'text': {
      if (typeof block.text !== 'string') return { kind: 'unsupported', type, reason: 'text block without text' };
      return { kind: 'text', ...displayText(block.text) };
    }
    case 'image':
    case 'audio': {
      const mimeType = mime(block.mimeType);
      const data = base64(block.data);
      if (!mimeType || data === undefined) return { kind: 'unsupported', type, reason: 'missing or unreadable mimeType or data' };
      if (type === 'image' && !SAFE_IMAGE_TYPES.has(mimeType)) return { kind: 'unsupported', type, reason: `${mimeType} images are not shown` };
      if (type === 'audio' && !mimeType.startsWith('audio/')) return { kind: 'unsupported', type, reason: `${mimeType} is not audio` };
      return { kind: type, mimeType, base64: data };
    }
    case 'resource':
      return isObject(block.resource) ? resourceItem(block.resource) : { kind: 'unsupported', type, reason: 'embedded resource without contents' };
    case 'resource_link': {
      if (typeof block.uri !== 'string') return { kind: 'unsupported', type, reason: 'link without uri' };
      const name = text(block.name, RESULT_LIMITS.nameChars) ?? block.uri.slice(0, RESULT_LIMITS.nameChars);
      const title = text(block.title, RESULT_LIMITS.titleChars);
      const description = text(block.description, RESULT_LIMITS.descriptionChars);
      const mimeType = mime(block.mimeType);
      return { kind: 'link', uri: block.uri.slice(0, RESULT_LIMITS.uriChars), name, ...(title ? { title } : {}), ...(description ? { description } : {}), ...(mimeType ? { mimeType } : {}) };
    }
    default:
      return { kind: 'unsupported', type, reason: 'unknown content type' };
  }
}

function items(list: JsonValue | undefined): { items: DisplayItem[]; dropped: number } {
  const all = Array.isArray(list) ? list : [];
  return { items: all.slice(0, RESULT_LIMITS.itemsPerResult).map(contentItem), dropped: Math.max(0, all.length - RESULT_LIMITS.itemsPerResult) };
}

/** A CallToolResult for display. */
export function toolResultView(result: JsonObject): ToolResultView {
  const { items: list, dropped } = items(result.content);
  const meta = isObject(result._meta) ? result._meta : undefined;
  return {
    isError: result.isError === true, items: list, dropped,
    ...(isObject(result.structuredContent) ? { structuredContent: result.structuredContent } : {}),
    ...(meta && meta['x402/payment-response'] !== undefined ? { paymentResponse: meta['x402/payment-response'] } : {}),
  };
}

/** ReadResourceResult.contents for display. */
export function resourceContentsView(result: JsonObject): DisplayItem[] {
  const all = Array.isArray(result.contents) ? result.contents : [];
  return all.slice(0, RESULT_LIMITS.itemsPerResult).map((c) => (isObject(c) ? resourceItem(c) : contentItem(c)));
}

export interface PromptView { description?: string; messages: Array<{ role: 'user' | 'assistant'; item: DisplayItem }> }

export function promptView(result: JsonObject): PromptView {
  const description = text(result.description, RESULT_LIMITS.descriptionChars);
  const messages: PromptView['messages'] = [];
  for (const m of Array.isArray(result.messages) ? result.messages.slice(0, RESULT_LIMITS.itemsPerResult) : []) {
    if (!isObject(m) || (m.role !== 'user' && m.role !== 'assistant')) continue;
    messages.push({ role: m.role, item: contentItem(m.content) });
  }
  return { ...(description ? { description } : {}), messages };
}

function hint(a: JsonObject, key: string, fallback: boolean): boolean {
  return typeof a[key] === 'boolean' ? (a[key] as boolean) : fallback;
}

/** One tool of tools/list; a string reason when it is skipped. `checkHeaders`: modern era over HTTP. */
export function readToolEntry(raw: JsonValue, checkHeaders: boolean): McpTool | string {
  if (!isObject(raw) || typeof raw.name !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(raw.name)) return 'a tool without a valid name';
  if (!isObject(raw.inputSchema)) return `tool '${raw.name}' has no inputSchema object`;
  let paramHeaders: ParamHeader[] = [];
  if (checkHeaders) {
    const found = collectParamHeaders(raw.inputSchema);
    if (!found.ok) return `tool '${raw.name}' was dropped: ${found.reason}`;
    paramHeaders = found.headers;
  }
  const a = isObject(raw.annotations) ? raw.annotations : {};
  const aTitle = text(a.title, RESULT_LIMITS.titleChars);
  const title = text(raw.title, RESULT_LIMITS.titleChars) ?? aTitle;
  const description = text(raw.description, RESULT_LIMITS.descriptionChars);
  const readOnly = hint(a, 'readOnlyHint', false);
  return {
    name: raw.name, ...(title ? { title } : {}), ...(description ? { description } : {}), inputSchema: raw.inputSchema,
    ...(isObject(raw.outputSchema) ? { outputSchema: raw.outputSchema } : {}),
    annotations: {
      ...(aTitle ? { title: aTitle } : {}), readOnly,
      // The spec: destructiveHint and idempotentHint are meaningful only when readOnlyHint is false.
      destructive: readOnly ? false : hint(a, 'destructiveHint', true),
      idempotent: hint(a, 'idempotentHint', false), openWorld: hint(a, 'openWorldHint', true),
    },
    paramHeaders,
  };
}

export function readResourceEntry(raw: JsonValue): McpResource | string {
  if (!isObject(raw) || typeof raw.uri !== 'string' || raw.uri.length > RESULT_LIMITS.uriChars) return 'a resource without a usable uri';
  const name = text(raw.name, RESULT_LIMITS.nameChars) ?? raw.uri.slice(0, RESULT_LIMITS.nameChars);
  const title = text(raw.title, RESULT_LIMITS.titleChars);
  const description = text(raw.description, RESULT_LIMITS.descriptionChars);
  const mimeType = mime(raw.mimeType);
  const size = typeof raw.size === 'number' && Number.isSafeInteger(raw.size) && raw.size >= 0 ? raw.size : undefined;
  return { uri: raw.uri, name, ...(title ? { title } : {}), ...(description ? { description } : {}), ...(mimeType ? { mimeType } : {}), ...(size !== undefined ? { size } : {}) };
}

export function readResourceTemplateEntry(raw: JsonValue): McpResourceTemplate | string {
  if (!isObject(raw) || typeof raw.uriTemplate !== 'string' || raw.uriTemplate.length === 0 || raw.uriTemplate.length > RESULT_LIMITS.uriChars) return 'a resource template without a usable uriTemplate';
  const name = text(raw.name, RESULT_LIMITS.nameChars) ?? raw.uriTemplate.slice(0, RESULT_LIMITS.nameChars);
  const title = text(raw.title, RESULT_LIMITS.titleChars);
  const description = text(raw.description, RESULT_LIMITS.descriptionChars);
  const mimeType = mime(raw.mimeType);
  const parsed = parseUriTemplate(raw.uriTemplate);
  return {
    uriTemplate: raw.uriTemplate, name, ...(title ? { title } : {}), ...(description ? { description } : {}), ...(mimeType ? { mimeType } : {}),
    ...(parsed.ok ? { variables: parsed.variables } : { unsupported: parsed.reason }),
  };
}

export function readPromptEntry(raw: JsonValue): McpPrompt | string {
  if (!isObject(raw) || typeof raw.name !== 'string' || raw.name.length === 0 || raw.name.length > RESULT_LIMITS.nameChars) return 'a prompt without a valid name';
  const title = text(raw.title, RESULT_LIMITS.titleChars);
  const description = text(raw.description, RESULT_LIMITS.descriptionChars);
  const args: McpPromptArgument[] = [];
  for (const a of Array.isArray(raw.arguments) ? raw.arguments.slice(0, 64) : []) {
    if (!isObject(a) || typeof a.name !== 'string' || a.name.length === 0 || a.name.length > RESULT_LIMITS.nameChars) continue;
    const d = text(a.description, RESULT_LIMITS.descriptionChars);
    args.push({ name: a.name, ...(d ? { description: d } : {}), required: a.required === true });
  }
  return { name: raw.name, ...(title ? { title } : {}), ...(description ? { description } : {}), arguments: args };
}
