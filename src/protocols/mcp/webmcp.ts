// WebMCP: tools a page registers with `document.modelContext.registerTool()` (or the older
// `navigator.modelContext`), as the content script reports them. Everything here came from the page:
// it is capped, checked against the spec's rules and kept as data (discovery.md §4.2, §6 "Tool Poisoning").
import { cappedText } from '../agents-json/dialects';
import { childPath, describeType, isObject, parseJsonText, problem, sanitizeTree, type JsonObject, type JsonValue, type Problem } from '../agents-json/json';

export interface WebMcpTool {
  name: string;
  title?: string;
  description: string;
  /** JSON Schema of the input; null when the tool takes none. */
  inputSchema: JsonObject | null;
  readOnly: boolean;
  untrustedContent: boolean;
}

export interface WebMcpToolReport {
  tools: WebMcpTool[];
  problems: Problem[];
}

export const WEBMCP_LIMITS = {
  maxTools: 64,
  /** The spec: 1–128 characters of [A-Za-z0-9_.-]. */
  nameMax: 128,
  titleMax: 128,
  descriptionMax: 2000,
  schemaBytes: 32 * 1024,
  schemaDepth: 16,
} as const;

const LABEL = 'WebMCP';
const NAME = /^[A-Za-z0-9_.-]{1,128}$/;

function readSchema(raw: unknown, at: string, problems: Problem[]): JsonObject | null | undefined {
  if (raw === undefined || raw === null) return null;
  let value: JsonValue | undefined;
  if (typeof raw === 'string') {
    // MCP-B's getTools() hands the schema over as JSON text.
    const tree = parseJsonText(raw, LABEL, { maxBytes: WEBMCP_LIMITS.schemaBytes, maxDepth: WEBMCP_LIMITS.schemaDepth, maxNodes: 5000 });
    if (!tree.ok) {
      problems.push(problem('warning', LABEL, at, `is not a readable JSON Schema (${tree.problems[0]?.message.replace(`${LABEL}: `, '') ?? 'unreadable'}); tool skipped`));
      return undefined;
    }
    value = tree.value;
  } else value = raw as JsonValue;
  if (!isObject(value)) {
    problems.push(problem('warning', LABEL, at, `must be a JSON Schema object, found ${describeType(value)}; tool skipped`));
    return undefined;
  }
  if (JSON.stringify(value).length > WEBMCP_LIMITS.schemaBytes) {
    problems.push(problem('warning', LABEL, at, `is larger than ${WEBMCP_LIMITS.schemaBytes / 1024} KiB; tool skipped`));
    return undefined;
  }
  if (value.type !== undefined && value.type !== 'object') problems.push(problem('warning', LABEL, childPath(at, 'type'), "is not 'object'; tools take an object as input"));
  return value;
}

function readTool(raw: JsonValue, at: string, problems: Problem[]): WebMcpTool | undefined {
  if (!isObject(raw)) {
    problems.push(problem('warning', LABEL, at, `must be an object, found ${describeType(raw)}; skipped`));
    return undefined;
  }
  const name = raw.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    const shown = typeof name === 'string' ? `'${cappedText(name, 60) ?? ''}' ` : '';
    problems.push(problem('warning', LABEL, childPath(at, 'name'), `${shown}is not 1–128 letters, digits, '_', '.' or '-'; tool skipped`));
    return undefined;
  }
  const description = typeof raw.description === 'string' ? cappedText(raw.description, WEBMCP_LIMITS.descriptionMax) : undefined;
  if (!description) {
    problems.push(problem('warning', LABEL, childPath(at, 'description'), `of '${name}' is missing or empty; the spec requires one; tool skipped`));
    return undefined;
  }
  if (typeof raw.description === 'string' && raw.description.length > WEBMCP_LIMITS.descriptionMax) {
    problems.push(problem('warning', LABEL, childPath(at, 'description'), `of '${name}' is longer than ${WEBMCP_LIMITS.descriptionMax} characters; shortened`));
  }
  const inputSchema = readSchema(raw.inputSchema, childPath(at, 'inputSchema'), problems);
  if (inputSchema === undefined) return undefined;
  const title = typeof raw.title === 'string' ? cappedText(raw.title, WEBMCP_LIMITS.titleMax) : undefined;
  const annotations = isObject(raw.annotations) ? raw.annotations : {};
  return {
    name, ...(title ? { title } : {}), description, inputSchema,
    readOnly: annotations.readOnlyHint === true, untrustedContent: annotations.untrustedContentHint === true,
  };
}

/**
 * Validates the tools a page reported: a list of `{name, title?, description, inputSchema?, annotations?}`
 * (or `{tools: [...]}`). At most 64 tools; names per the spec; descriptions and schemas capped; duplicates
 * dropped. Never throws: every rejected item becomes a problem labelled "WebMCP".
 */
export function normalizeWebMcpTools(untrusted: unknown): WebMcpToolReport {
  const problems: Problem[] = [];
  let tree: JsonValue | undefined;
  try {
    // A bare list is read as `{tools: [...]}` so that problem paths read `tools[3]…` either way.
    tree = sanitizeTree(Array.isArray(untrusted) ? { tools: untrusted } : untrusted, LABEL, { maxBytes: 0, maxDepth: WEBMCP_LIMITS.schemaDepth + 4, maxNodes: 50_000 }, problems);
  } catch {
    tree = undefined;
  }
  if (tree === undefined) return { tools: [], problems: problems.length ? problems : [problem('error', LABEL, '', 'the page reported tools that could not be read; ignored')] };
  const list = isObject(tree) && Array.isArray(tree.tools) ? tree.tools : null;
  if (!list) return { tools: [], problems: [...problems, problem('error', LABEL, '', `the page's tool report must be a list of tools, found ${describeType(tree)}; ignored`)] };
  if (list.length > WEBMCP_LIMITS.maxTools) problems.push(problem('warning', LABEL, '', `the page registered ${list.length} tools; only the first ${WEBMCP_LIMITS.maxTools} are kept`));
  const tools: WebMcpTool[] = [];
  const seen = new Set<string>();
  list.slice(0, WEBMCP_LIMITS.maxTools).forEach((raw, i) => {
    const tool = readTool(raw, `tools[${i}]`, problems);
    if (!tool) return;
    if (seen.has(tool.name)) {
      problems.push(problem('warning', LABEL, `tools[${i}].name`, `'${tool.name}' is registered twice; the first is kept`));
      return;
    }
    seen.add(tool.name);
    tools.push(tool);
  });
  return { tools, problems };
}
