// Types for the Wildcard agents.json spec 0.1.0 (wild-card-ai/agents-json, agentsJson.schema.json),
// plus the dialects other authors publish under the same filename.
import type { JsonObject, JsonValue, Problem } from './json';

export type { JsonObject, JsonValue, Problem, Severity } from './json';

export interface AgentsJsonInfo {
  title: string;
  version: string;
  description: string;
}

export interface AgentsJsonSource {
  /** Where it sits in the document, e.g. `sources[0]`, for problem messages. */
  at: string;
  /** snake_case id, unique in the document. */
  id: string;
  /** As written: a URL or a path to an OpenAPI 3 document. */
  path: string;
  /** `path` resolved against the agents.json URL, when it is a fetchable http(s) URL; null otherwise. */
  url: string | null;
  description?: string;
}

export interface AgentsJsonOverride {
  sourceId: string;
  operationId: string;
  /** Dot path with the OpenAPI operation as root, e.g. `parameters.0.required`. */
  fieldPath: string;
  value: JsonValue;
}

export interface FlowAction {
  id: string;
  sourceId: string;
  operationId: string;
}

export interface LinkEnd {
  /** An action id, the flow's own id (observed practice) or null (schema text): both mean the flow itself. */
  actionId: string | null;
  fieldPath: string;
}

export interface FlowLink {
  origin: LinkEnd;
  target: LinkEnd;
}

export interface FlowParameter {
  name: string;
  description?: string;
  required: boolean;
  type?: string;
  /** Not in the JSON Schema, but in the SDK's pydantic model and in the bundled files. */
  enum?: JsonValue[];
  /** Not in the JSON Schema; seen in the bundled files. */
  default?: JsonValue;
  /** Not in the JSON Schema; seen in the bundled files for array parameters. */
  items?: JsonObject;
}

export interface FlowMediaType {
  schema?: JsonObject;
  example?: JsonValue;
}

export interface FlowRequestBody {
  content: Record<string, FlowMediaType>;
  required: boolean;
}

export interface FlowResponses {
  success: JsonObject;
  example?: JsonValue;
}

export interface FlowFields {
  parameters: FlowParameter[];
  requestBody?: FlowRequestBody;
  responses: FlowResponses;
}

export interface Flow {
  /** Where it sits in the document, e.g. `flows[2]`, for problem messages. */
  at: string;
  id: string;
  title: string;
  description: string;
  actions: FlowAction[];
  links: FlowLink[];
  fields: FlowFields;
}

export interface AgentsJsonDoc {
  agentsJson: string;
  info: AgentsJsonInfo;
  sources: AgentsJsonSource[];
  overrides: AgentsJsonOverride[];
  flows: Flow[];
  /** The URL the document was read from; relative source paths resolve against it. */
  baseUrl: string;
}

/** What a document published as agents.json turned out to be. */
export type AgentsJsonKind =
  | 'wildcard-agents-json'
  | 'jmilinovich-agents-json'
  | 'leonting-agents-json'
  | 'agents-manifest'
  | 'aos-agent'
  | 'unknown';

/** A short, length-capped description of a document Emissary does not run, for the UI to show as text. */
export interface ForeignSummary {
  /** Human name of the dialect, e.g. "agents.json RFC draft (jmilinovich)". */
  label: string;
  name?: string;
  description?: string;
  version?: string;
  /** Counts of the interesting parts, e.g. `{ intents: 2 }`. */
  counts: Record<string, number>;
}

export type ParseAgentsJsonResult =
  | { ok: true; kind: 'wildcard-agents-json'; doc: AgentsJsonDoc; problems: Problem[] }
  | { ok: false; kind: AgentsJsonKind; summary?: ForeignSummary; problems: Problem[] };
