// Known EVM chains and CAIP-2 chain ids (https://chainagnostic.org/CAIPs/caip-2):
// `namespace:reference`, e.g. `eip155:8453`. x402 v1 used short names ("base-sepolia") instead.

export interface ChainInfo {
  readonly chainId: number;
  readonly name: string;
  readonly testnet: boolean;
  readonly nativeSymbol: string;
  /** The network name x402 v1 used for this chain, if any. */
  readonly x402V1Name?: string;
}

export const CHAINS: readonly ChainInfo[] = [
  { chainId: 1, name: 'Ethereum', testnet: false, nativeSymbol: 'ETH', x402V1Name: 'ethereum' },
  { chainId: 11155111, name: 'Sepolia', testnet: true, nativeSymbol: 'ETH', x402V1Name: 'sepolia' },
  { chainId: 8453, name: 'Base', testnet: false, nativeSymbol: 'ETH', x402V1Name: 'base' },
  { chainId: 84532, name: 'Base Sepolia', testnet: true, nativeSymbol: 'ETH', x402V1Name: 'base-sepolia' },
  { chainId: 10, name: 'OP Mainnet', testnet: false, nativeSymbol: 'ETH' },
  { chainId: 42161, name: 'Arbitrum One', testnet: false, nativeSymbol: 'ETH' },
  { chainId: 137, name: 'Polygon', testnet: false, nativeSymbol: 'POL', x402V1Name: 'polygon' },
  { chainId: 80002, name: 'Polygon Amoy', testnet: true, nativeSymbol: 'POL', x402V1Name: 'polygon-amoy' },
  { chainId: 43114, name: 'Avalanche C-Chain', testnet: false, nativeSymbol: 'AVAX', x402V1Name: 'avalanche' },
  { chainId: 43113, name: 'Avalanche Fuji', testnet: true, nativeSymbol: 'AVAX', x402V1Name: 'avalanche-fuji' },
  { chainId: 2741, name: 'Abstract', testnet: false, nativeSymbol: 'ETH', x402V1Name: 'abstract' },
  { chainId: 11124, name: 'Abstract Testnet', testnet: true, nativeSymbol: 'ETH', x402V1Name: 'abstract-testnet' },
  { chainId: 4689, name: 'IoTeX', testnet: false, nativeSymbol: 'IOTX', x402V1Name: 'iotex' },
  { chainId: 1329, name: 'Sei', testnet: false, nativeSymbol: 'SEI', x402V1Name: 'sei' },
  { chainId: 1328, name: 'Sei Testnet', testnet: true, nativeSymbol: 'SEI', x402V1Name: 'sei-testnet' },
  { chainId: 3338, name: 'peaq', testnet: false, nativeSymbol: 'PEAQ', x402V1Name: 'peaq' },
  { chainId: 1514, name: 'Story', testnet: false, nativeSymbol: 'IP', x402V1Name: 'story' },
  { chainId: 41923, name: 'EDU Chain', testnet: false, nativeSymbol: 'EDU', x402V1Name: 'educhain' },
  { chainId: 324705682, name: 'SKALE Base Sepolia', testnet: true, nativeSymbol: 'CREDIT', x402V1Name: 'skale-base-sepolia' },
  { chainId: 31337, name: 'Local (Anvil/Hardhat)', testnet: true, nativeSymbol: 'ETH' },
  { chainId: 1337, name: 'Local (Geth dev)', testnet: true, nativeSymbol: 'ETH' },
];

const BY_ID = new Map(CHAINS.map((c) => [c.chainId, c]));
const BY_V1_NAME = new Map(CHAINS.filter((c) => c.x402V1Name).map((c) => [c.x402V1Name as string, c]));

export class ChainIdError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'ChainIdError';
  }
}

export function isValidChainId(chainId: unknown): chainId is number {
  return typeof chainId === 'number' && Number.isSafeInteger(chainId) && chainId > 0;
}

export function getChain(chainId: number): ChainInfo | undefined {
  return BY_ID.get(chainId);
}

/** Display name: 'Base Sepolia', or 'chain 12345' for chains we do not know. */
export function chainName(chainId: number): string {
  return BY_ID.get(chainId)?.name ?? `chain ${chainId}`;
}

const CAIP2_RE = /^([-a-z0-9]{3,8}):([-_a-zA-Z0-9]{1,32})$/;

export interface Caip2 {
  namespace: string;
  reference: string;
}

/** Split a CAIP-2 chain id; throws ChainIdError when it is malformed. */
export function parseCaip2(value: unknown): Caip2 {
  if (typeof value !== 'string') throw new ChainIdError(`CAIP-2 chain id must be a string, got ${typeof value}`);
  const m = CAIP2_RE.exec(value);
  if (!m) throw new ChainIdError(`not a CAIP-2 chain id (namespace:reference): ${JSON.stringify(value.slice(0, 48))}`);
  return { namespace: m[1], reference: m[2] };
}

/** `eip155:<n>` → n (a positive safe integer, canonical decimal); throws otherwise. */
export function parseEip155(value: unknown): number {
  const { namespace, reference } = parseCaip2(value);
  if (namespace !== 'eip155') throw new ChainIdError(`not an EVM (eip155) chain: ${value as string}`);
  const id = Number(reference);
  if (!/^[1-9][0-9]*$/.test(reference) || !isValidChainId(id)) {
    throw new ChainIdError(`eip155 reference must be a positive decimal chain id: ${value as string}`);
  }
  return id;
}

export function formatCaip2(chainId: number): `eip155:${number}` {
  if (!isValidChainId(chainId)) throw new ChainIdError(`invalid chain id ${String(chainId)}`);
  return `eip155:${chainId}`;
}

/** Chain id for an x402 network: a v1 name ('base-sepolia') or CAIP-2 ('eip155:84532'). */
export function chainIdFromX402Network(network: string, version: 1 | 2): number | undefined {
  if (version === 1) return BY_V1_NAME.get(network)?.chainId;
  try {
    return parseEip155(network);
  } catch {
    return undefined;
  }
}

export function x402V1NetworkName(chainId: number): string | undefined {
  return BY_ID.get(chainId)?.x402V1Name;
}
