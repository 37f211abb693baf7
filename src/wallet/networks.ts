import type { AllowedAsset } from './assets';
import { chainName } from '../protocols/evm/chains';

// The chains and tokens Emissary pays with. By default only the local demo chain (anvil, started
// by `npm start` and the tests) with its TestUSDC; a payment in any other asset is refused.
export interface TokenConfig {
  symbol: string;
  /** The token's EIP-712 domain name (x402 `extra.name`). */
  name: string;
  address: `0x${string}`;
  decimals: number;
  /** EIP-712 domain version. */
  version: string;
}

export interface NetworkConfig {
  chainId: number;
  name: string;
  rpcUrl: string;
  tokens: TokenConfig[];
}

export const DEMO_NETWORK: NetworkConfig = {
  chainId: 31337,
  name: chainName(31337),
  rpcUrl: 'http://127.0.0.1:8545',
  // Where the demo deploys TestUSDC: the first contract of anvil's account 0 (a fixed address).
  tokens: [{ symbol: 'USDC', name: 'TestUSDC', version: '2', address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', decimals: 6 }],
};

export const DEFAULT_NETWORKS: NetworkConfig[] = [DEMO_NETWORK];

/** The tokens payments may use, in the shape the payment service checks requirements against. */
export function allowedAssets(networks: NetworkConfig[]): AllowedAsset[] {
  return networks.flatMap((n) =>
    n.tokens.map((t) => ({ chainId: n.chainId, asset: t.address, symbol: t.symbol, decimals: t.decimals, name: t.name, version: t.version })),
  );
}

export function findToken(networks: NetworkConfig[], chainId: number, asset: string): { network: NetworkConfig; token: TokenConfig } | null {
  const network = networks.find((n) => n.chainId === chainId);
  const token = network?.tokens.find((t) => t.address.toLowerCase() === asset.toLowerCase());
  return network && token ? { network, token } : null;
}
