// What the popup may call in the background for MCP. Only public data crosses it: what servers and
// pages said (already capped and cleaned), call states, never tokens or keys.
import type { Result } from './api';
import type { DisplayItem, Era, McpPrompt, McpResource, McpResourceTemplate, PromptView, SchemaForm, ToolAnnotations, ToolResultView } from '../protocols/mcp/client';

export interface McpToolView {
  name: string;
  title?: string;
  description?: string;
  annotations: ToolAnnotations;
  inputSchema: Record<string, unknown>;
  form: SchemaForm;
}

export interface McpServerView {
  /** The endpoint URL; also the key of the server. */
  url: string;
  source: 'discovered' | 'added' | 'webmcp';
  name: string;
  era?: Era;
  protocolVersion?: string;
  instructions?: string;
  state: 'ready' | 'needs-sign-in' | 'error';
  error?: string;
  signedIn?: { issuer: string };
  tools: McpToolView[];
  resources: McpResource[];
  resourceTemplates: McpResourceTemplate[];
  prompts: McpPrompt[];
  /** Entries a server sent that Emissary could not read, in plain sentences. */
  skipped: string[];
  listedAt: number;
}

export interface McpSiteView {
  origin: string;
  trusted: boolean;
  servers: McpServerView[];
  /** Servers that could not be reached or read, with why. */
  problems: string[];
}

export interface McpElicitationView {
  message: string;
  mode: 'form' | 'url';
  form?: SchemaForm;
  url?: string;
}

export interface McpCallView {
  id: string;
  tool: string;
  server: string;
  state: 'waiting-for-approval' | 'running' | 'waiting-for-you' | 'paying' | 'done' | 'failed' | 'cancelled';
  progress?: { progress: number; total?: number; message?: string };
  result?: ToolResultView;
  error?: string;
  /** An x402 payment that was asked for and not made. */
  payment?: { refusal: string };
  elicitation?: McpElicitationView;
  startedAt: number;
  endedAt?: number;
}

export interface McpAddedServer {
  url: string;
  addedAt: number;
  signedIn?: { issuer: string };
}

export interface McpApi {
  /** The site's MCP servers and WebMCP tools; `refresh` asks the servers again instead of using the cache. */
  mcpSite(origin: string, refresh?: boolean): Promise<Result<McpSiteView>>;
  /** Tool calls from this site run without asking unless a tool may change something. */
  mcpTrustSite(origin: string, trusted: boolean): Promise<Result<true>>;
  mcpCallTool(origin: string, server: string, tool: string, args: Record<string, unknown>): Promise<Result<string>>;
  /** Calls a tool the page in a tab of `origin` registered with WebMCP. */
  mcpCallWebTool(origin: string, tool: string, args: Record<string, unknown>): Promise<Result<string>>;
  mcpCall(callId: string): Promise<McpCallView | null>;
  /**
   * The popup shows this site: renew the short lease during which Emissary listens for list changes
   * (call every few seconds). `version` grows when a server's lists changed and were read again;
   * `live` names the servers with an open stream.
   */
  mcpWatch(origin: string): Promise<Result<{ version: number; live: string[] }>>;
  mcpCancel(callId: string): Promise<Result<true>>;
  mcpAnswerElicitation(callId: string, action: 'accept' | 'decline' | 'cancel', content?: Record<string, unknown>): Promise<Result<true>>;
  mcpReadResource(origin: string, server: string, uri: string): Promise<Result<DisplayItem[]>>;
  mcpGetPrompt(origin: string, server: string, name: string, args: Record<string, string>): Promise<Result<PromptView>>;
  mcpAddedServers(): Promise<McpAddedServer[]>;
  mcpAddServer(url: string): Promise<Result<McpAddedServer>>;
  mcpRemoveServer(url: string): Promise<Result<true>>;
  /** Starts the OAuth flow for a server that needs it (a browser window opens). */
  mcpSignIn(origin: string, server: string): Promise<Result<true>>;
  mcpSignOut(server: string): Promise<Result<true>>;
  /** Servers Emissary holds tokens for (from the vault; empty while locked). */
  mcpSignedIn(): Promise<{ server: string; issuer: string; signedInAt: number }[]>;
}
