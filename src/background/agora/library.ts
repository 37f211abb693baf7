// The local library of Agora protocol documents: one record per hash (kind 'agora-protocol'), with
// the verified text, where it can be fetched, and with which agents the user accepted and used it.
import { hashPrefix, type ProtocolFormats } from '../../protocols/agora';
import { getRecord, listRecords, updateRecord } from '../../store/records';

export const PROTOCOL_KIND = 'agora-protocol';

export interface AgentUse {
  agent: string;
  origin: string;
  acceptedAt: number;
  lastUsedAt?: number;
  uses: number;
}

export interface ProtocolRecord {
  hash: string;
  sources: string[];
  name: string;
  description: string;
  multiround: boolean;
  /** The document has no front matter (the Python receiver refuses such documents). */
  noFrontMatter: boolean;
  text: string;
  formats: ProtocolFormats;
  firstSeen: number;
  agents: AgentUse[];
}

export const protocolLabel = (hash: string) => `Agora protocol ${hashPrefix(hash)}`;

export function getProtocol(hash: string): Promise<ProtocolRecord | undefined> {
  return getRecord<ProtocolRecord>(PROTOCOL_KIND, hash);
}

export async function listProtocols(): Promise<ProtocolRecord[]> {
  return (await listRecords<ProtocolRecord>(PROTOCOL_KIND)).map((r) => r.value).sort((a, b) => b.firstSeen - a.firstSeen);
}

/** Keeps a verified document (sources merged) without marking it accepted by anyone. */
export async function rememberProtocol(doc: Omit<ProtocolRecord, 'firstSeen' | 'agents'>, now = Date.now()): Promise<void> {
  await updateRecord<ProtocolRecord>(PROTOCOL_KIND, doc.hash, (current) => {
    if (!current) return { ...doc, firstSeen: now, agents: [] };
    return { ...current, sources: [...new Set([...current.sources, ...doc.sources])].slice(0, 8) };
  });
}

export async function markAccepted(hash: string, agent: string, origin: string, now = Date.now()): Promise<void> {
  await updateRecord<ProtocolRecord>(PROTOCOL_KIND, hash, (current) => {
    if (!current) return undefined;
    if (current.agents.some((a) => a.agent === agent)) return current;
    return { ...current, agents: [...current.agents, { agent, origin, acceptedAt: now, uses: 0 }].slice(-50) };
  });
}

export async function markUsed(hash: string, agent: string, now = Date.now()): Promise<void> {
  await updateRecord<ProtocolRecord>(PROTOCOL_KIND, hash, (current) =>
    current && { ...current, agents: current.agents.map((a) => (a.agent === agent ? { ...a, uses: a.uses + 1, lastUsedAt: now } : a)) },
  );
}

export async function forgetAgent(hash: string, agent: string): Promise<void> {
  await updateRecord<ProtocolRecord>(PROTOCOL_KIND, hash, (current) => current && { ...current, agents: current.agents.filter((a) => a.agent !== agent) });
}
