// Which form of an affordance to use for an operation: HTTP(S) or the lmosprotocol WebSocket.
import { LMOS_SUBPROTOCOL, type TdAffordance, type TdForm } from './thing-description';

export type Transport = 'http' | 'ws';

function transportOf(form: TdForm): Transport | null {
  const scheme = form.href.slice(0, form.href.indexOf(':'));
  if (scheme === 'ws' || scheme === 'wss') return form.subprotocol === undefined || form.subprotocol === LMOS_SUBPROTOCOL ? 'ws' : null;
  if (scheme === 'http' || scheme === 'https') return form.subprotocol === undefined ? 'http' : null;
  return null;
}

/** The first form for `op`, over `prefer` when the affordance has one, else over the other transport. */
export function pickForm(a: TdAffordance, op: string, prefer: Transport = 'http'): { form: TdForm; transport: Transport } | null {
  const usable = a.forms.filter((f) => f.op.includes(op)).map((form) => ({ form, transport: transportOf(form) })).filter((x): x is { form: TdForm; transport: Transport } => x.transport !== null);
  return usable.find((x) => x.transport === prefer) ?? usable[0] ?? null;
}
