import type { McpApi } from '../../shared/api-mcp';
import type { BackgroundContext } from '../context';

/** Called once per worker life: registers MCP's handlers and returns its popup methods. */
export function createMcpApi(_ctx: BackgroundContext): McpApi {
  return {};
}
