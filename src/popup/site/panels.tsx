// What the Site view shows below the discovered documents: one panel per protocol feature
// (talk to the AITP agent, MCP servers and WebMCP tools, ANP agents and identity, Agora, LMOS).
// A panel renders nothing when the site offers nothing of its kind.
import type { FunctionComponent } from 'preact';
import type { SiteView } from '../../shared/api';
import { McpPanel } from './McpPanel';
import { AitpPanel } from './AitpPanel';
import { AnpPanel } from './AnpPanel';
import { AgoraPanel } from './AgoraPanel';
import { LmosPanel } from './LmosPanel';

export interface SitePanelProps {
  site: SiteView;
}

export const SITE_PANELS: { id: string; Panel: FunctionComponent<SitePanelProps> }[] = [
  { id: 'aitp', Panel: AitpPanel },
  { id: 'mcp', Panel: McpPanel },
  { id: 'anp', Panel: AnpPanel },
  { id: 'agora', Panel: AgoraPanel },
  { id: 'lmos', Panel: LmosPanel },
];
