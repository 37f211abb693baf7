// Tokens Emissary pays with. Symbol and decimals shown to the human come from here, never from a site.

export interface AllowedAsset {
  chainId: number;
  /** Token contract address. */
  asset: string;
  symbol: string;
  decimals: number;
  /** The token's EIP-712 domain; when given, a site claiming another name/version is refused. */
  name?: string;
  version?: string;
  /** Hard ceiling for ONE payment in atomic units (decimal string): above it Emissary refuses without asking. */
  maxAmount?: string;
}

/** USDC as the x402 reference client knows it (coinbase/x402 DEFAULT_ASSETS; payments.md §1.2). */
export const KNOWN_ASSETS: readonly AllowedAsset[] = [
  { chainId: 8453, asset: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', symbol: 'USDC', decimals: 6, name: 'USD Coin', version: '2' },
  { chainId: 84532, asset: '0x036CbD53842c5426634e7929541eC2318f3dCF7e', symbol: 'USDC', decimals: 6, name: 'USDC', version: '2' },
];

export function findAsset(assets: readonly AllowedAsset[], chainId: number, asset: string): AllowedAsset | undefined {
  return assets.find((a) => a.chainId === chainId && a.asset.toLowerCase() === asset.toLowerCase());
}
