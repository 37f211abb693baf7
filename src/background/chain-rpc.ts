// Read-only JSON-RPC calls to the configured chains: balances, and finding a settled payment's
// transaction by its authorization (payments/find-settlement.ts). Signing never happens here.
import type { NetworkConfig } from '../wallet/networks';
import { formatUnits } from '../protocols/evm';
import type { BalanceView } from '../shared/api';

const RPC_TIMEOUT_MS = 5_000;

/** One call; its result as the node sent it (null included). Throws on no answer or an error answer. */
export async function chainRpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(RPC_TIMEOUT_MS),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message?: string } } | null;
  if (!body || typeof body !== 'object' || body.error || !('result' in body)) throw new Error(String(body?.error?.message ?? `${method} gave no result (HTTP ${response.status})`).slice(0, 200));
  return body.result;
}

async function rpc(url: string, method: string, params: unknown[]): Promise<string> {
  const result = await chainRpc(url, method, params);
  if (typeof result !== 'string') throw new Error(`${method} gave no result`);
  return result;
}

const BALANCE_OF = '0x70a08231';

export async function readBalances(networks: NetworkConfig[], address: string): Promise<BalanceView[]> {
  return Promise.all(
    networks.map(async (n): Promise<BalanceView> => {
      const view: BalanceView = { chain: n.name, chainId: n.chainId, address, native: '', tokens: [] };
      try {
        const [native, ...tokens] = await Promise.all([
          rpc(n.rpcUrl, 'eth_getBalance', [address, 'latest']),
          ...n.tokens.map((t) => rpc(n.rpcUrl, 'eth_call', [{ to: t.address, data: BALANCE_OF + address.slice(2).toLowerCase().padStart(64, '0') }, 'latest'])),
        ]);
        view.native = formatUnits(BigInt(native), 18);
        view.tokens = n.tokens.map((t, i) => ({ symbol: t.symbol, address: t.address, amount: formatUnits(BigInt(tokens[i] === '0x' ? 0 : tokens[i]), t.decimals) }));
      } catch (err) {
        view.error = `${n.name} did not answer (${(err as Error).message}).`;
      }
      return view;
    }),
  );
}
