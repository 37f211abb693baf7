// TestUSDC on a local chain: deploy the committed artifact (contracts/TestUSDC.json, built by
// scripts/build-contracts.ts), mint, read balances, move tokens and ETH. Plus Multicall3 at its
// canonical address, which the x402 facilitator needs to explain why a payment fails.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getAddress, type Abi, type Address, type Hash, type Hex } from 'viem';
import type { DevAccount, LocalChain } from './anvil';

export interface Artifact {
  contractName: string;
  abi: Abi;
  bytecode: Hex;
  deployedBytecode: Hex;
  compiler: { version: string };
  /** SHA-256 of each source compiled, by import path. */
  sources: Record<string, string>;
}

const artifacts = new Map<string, Artifact>();

/** A committed artifact from contracts/<name>.json (see scripts/build-contracts.ts), read once. */
export function loadArtifact(name: 'TestUSDC' | 'MulticallLite'): Artifact {
  let a = artifacts.get(name);
  if (!a) {
    a = JSON.parse(readFileSync(fileURLToPath(new URL(`../../contracts/${name}.json`, import.meta.url)), 'utf8')) as Artifact;
    artifacts.set(name, a);
  }
  return a;
}

export const testUsdcArtifact = () => loadArtifact('TestUSDC');

/**
 * What the token is, as x402 needs it. `name`/`version` are the EIP-712 domain of the contract
 * (contracts/TestUSDC.sol) and are what PaymentRequirements.extra must carry.
 */
export const TEST_USDC = Object.freeze({ name: 'TestUSDC', version: '2', symbol: 'USDC', decimals: 6 });

export interface TestUsdc {
  address: Address;
  /** EIP-712 domain name (also the ERC-20 name()). */
  name: string;
  /** EIP-712 domain version. */
  version: string;
  symbol: string;
  decimals: number;
  /** The deployer, who owns the token and alone may mint. */
  owner: DevAccount;
}

/** 1 USDC in atomic units. */
export const USDC = 10n ** BigInt(TEST_USDC.decimals);

export interface DeployOptions {
  /** Deployer and owner; default anvil account 0. */
  owner?: DevAccount;
  /** Addresses to mint to. */
  mintTo?: readonly Address[];
  /** Amount minted to each (atomic units); default 1000 USDC. */
  mintAmount?: bigint;
}

/** Deploy TestUSDC and optionally mint to some addresses. Also installs Multicall3 (idempotent). */
export async function deployTestUsdc(chain: LocalChain, options: DeployOptions = {}): Promise<TestUsdc> {
  const owner = options.owner ?? chain.accounts[0];
  const { abi, bytecode } = testUsdcArtifact();
  const wallet = chain.walletClient(owner);
  const hash = await wallet.deployContract({ abi, bytecode, args: [] });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`TestUSDC deployment failed (${hash})`);
  const token: TestUsdc = { address: getAddress(receipt.contractAddress), ...TEST_USDC, owner };
  await installMulticall3(chain);
  for (const to of options.mintTo ?? []) await mintTestUsdc(chain, token, to, options.mintAmount ?? 1000n * USDC);
  return token;
}

export async function mintTestUsdc(chain: LocalChain, token: TestUsdc, to: Address, amount: bigint): Promise<Hash> {
  const hash = await chain.walletClient(token.owner).writeContract({
    address: token.address,
    abi: testUsdcArtifact().abi,
    functionName: 'mint',
    args: [to, amount],
  });
  await expectSuccess(chain, hash, 'mint');
  return hash;
}

export async function balanceOf(chain: LocalChain, token: Pick<TestUsdc, 'address'> | Address, who: Address): Promise<bigint> {
  return (await chain.publicClient.readContract({
    address: typeof token === 'string' ? token : token.address,
    abi: testUsdcArtifact().abi,
    functionName: 'balanceOf',
    args: [who],
  })) as bigint;
}

/** ERC-20 transfer signed by `from`. */
export async function transferToken(chain: LocalChain, token: Pick<TestUsdc, 'address'>, from: DevAccount, to: Address, amount: bigint): Promise<Hash> {
  const hash = await chain.walletClient(from).writeContract({
    address: token.address,
    abi: testUsdcArtifact().abi,
    functionName: 'transfer',
    args: [to, amount],
  });
  await expectSuccess(chain, hash, 'transfer');
  return hash;
}

/** EIP-3009: has `nonce` of `authorizer` been used (or cancelled)? */
export async function authorizationState(chain: LocalChain, token: Pick<TestUsdc, 'address'>, authorizer: Address, nonce: Hex): Promise<boolean> {
  return (await chain.publicClient.readContract({
    address: token.address,
    abi: testUsdcArtifact().abi,
    functionName: 'authorizationState',
    args: [authorizer, nonce],
  })) as boolean;
}

export async function ethBalance(chain: LocalChain, who: Address): Promise<bigint> {
  return chain.publicClient.getBalance({ address: who });
}

/** Set an address's ETH balance outright (anvil_setBalance): gas money for a fresh key. */
export async function setEthBalance(chain: LocalChain, who: Address, wei: bigint): Promise<void> {
  await chain.rpc('anvil_setBalance', [who, `0x${wei.toString(16)}`]);
}

/** Send ETH from a dev account (a real transaction). */
export async function sendEth(chain: LocalChain, from: DevAccount, to: Address, wei: bigint): Promise<Hash> {
  const hash = await chain.walletClient(from).sendTransaction({ to, value: wei });
  await expectSuccess(chain, hash, 'ETH transfer');
  return hash;
}

/** Multicall3's canonical address (the same on every chain that has it). */
export const MULTICALL3_ADDRESS: Address = '0xcA11bde05977b3631167028862bE2a173976CA11';

/**
 * Put a Multicall3-compatible contract (contracts/MulticallLite.sol) at Multicall3's canonical
 * address. anvil has none, and without it the x402 facilitator's failure diagnosis (nonce already
 * used? balance too low?) collapses to "simulation failed". anvil_setCode sends no transaction, so
 * no account nonce moves and deployment addresses stay deterministic.
 */
export async function installMulticall3(chain: LocalChain): Promise<void> {
  const existing = await chain.rpc<Hex>('eth_getCode', [MULTICALL3_ADDRESS, 'latest']);
  if (existing !== '0x') return;
  await chain.rpc('anvil_setCode', [MULTICALL3_ADDRESS, loadArtifact('MulticallLite').deployedBytecode]);
}

async function expectSuccess(chain: LocalChain, hash: Hash, what: string) {
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`${what} reverted (${hash})`);
}
