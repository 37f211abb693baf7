// MCP discovery: server cards (every published draft), AI / MCP catalogs, and in-page WebMCP tools.
export { parseMcpServerCard, readMcpServerCard, isServerCard, SERVER_CARD_SCHEMA, MCP_REMOTE_TYPES } from './server-card';
export type { McpPrimitive, McpRemote, McpServerCard, McpServerCardParse } from './server-card';
export { parseAiCatalog, readAiCatalog, isAiCatalog, kindOfMediaType } from './ai-catalog';
export type { AiCatalog, AiCatalogEntry, AiCatalogParse } from './ai-catalog';
export { normalizeWebMcpTools, WEBMCP_LIMITS } from './webmcp';
export type { WebMcpTool, WebMcpToolReport } from './webmcp';
export * from './client';
