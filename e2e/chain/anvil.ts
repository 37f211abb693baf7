// A local EVM chain for tests: anvil from the `@foundry-rs/anvil` npm package (its binary ships
// inside the platform package `@foundry-rs/anvil-<os>-<arch>`, nothing is downloaded), listening on
// loopback only, with anvil's well-known dev accounts. Test-only code: viem is fine here.
//
// No orphans: on Linux/macOS anvil runs under a tiny `sh` guardian that kills it as soon as the
// pipe to this process closes — on stop(), on a normal exit, a crash, or even SIGKILL of this
// process (the kernel closes the pipe). A plain `process.on('exit')` hook backs that up.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export interface DevAccount {
  address: Address;
  privateKey: Hex;
}

/**
 * anvil's default accounts (mnemonic "test test test test test test test test test test test junk",
 * m/44'/60'/0'/0/i), each funded with 10 000 ETH. Public knowledge: never use them off a local chain.
 */
export const ANVIL_ACCOUNTS: readonly DevAccount[] = [
  ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'],
  ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'],
  ['0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'],
  ['0x90F79bf6EB2c4f870365E785982E1f101E93b906', '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6'],
  ['0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65', '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a'],
  ['0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc', '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba'],
  ['0x976EA74026E726554dB657fA54763abd0C3a0aa9', '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e'],
  ['0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356'],
  ['0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f', '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97'],
  ['0xa0Ee7A142d267C1f36714E4a8F75612F20a79720', '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6'],
].map(([address, privateKey]) => Object.freeze({ address: address as Address, privateKey: privateKey as Hex }));

export const ANVIL_CHAIN_ID = 31337;

export interface StartChainOptions {
  /** TCP port on 127.0.0.1; 0 (default) lets the OS pick a free one. */
  port?: number;
  /** Default 31337. x402 v1 can only name chains from a fixed list (84532 is "base-sepolia"): see e2e/demo/paid. */
  chainId?: number;
  /** How long to wait for the RPC to answer. Default 15 s. */
  timeoutMs?: number;
}

export interface LocalChain {
  rpcUrl: string;
  chainId: number;
  port: number;
  accounts: readonly DevAccount[];
  /** A viem chain whose only RPC is this node (so nothing ever reaches a public endpoint). */
  chain: Chain;
  publicClient: PublicClient<Transport, Chain>;
  walletClient(account: DevAccount): WalletClient<Transport, Chain, Account>;
  /** Raw JSON-RPC call (anvil_* methods included). */
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  /** Last lines anvil printed (for error messages). */
  output(): string;
  /** Kill anvil and wait for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

/** Absolute path of the anvil binary shipped in `@foundry-rs/anvil-<platform>-<arch>`. */
export function anvilBinaryPath(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const exe = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  const require = createRequire(import.meta.url);
  let path: string;
  try {
    path = require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    throw new Error(`anvil binary not found: ${pkg} is not installed (it is an optional dependency of @foundry-rs/anvil; run npm install)`);
  }
  if (!existsSync(path)) throw new Error(`anvil binary missing at ${path}`);
  return path;
}

// Runs anvil in the background, kills it when stdin (a pipe from Node) reaches EOF, and exits with anvil's status.
// fd 3 keeps the pipe: an asynchronous list's own stdin is /dev/null in a non-interactive shell.
const GUARDIAN = 'exec 3<&0; "$0" "$@" 3<&- </dev/null & a=$!; (read _ <&3; kill $a 2>/dev/null) & r=$!; wait $a; s=$?; kill $r 2>/dev/null; exit $s';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export async function startChain(options: StartChainOptions = {}): Promise<LocalChain> {
  const chainId = options.chainId ?? ANVIL_CHAIN_ID;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const args = ['--host', '127.0.0.1', '--port', String(options.port ?? 0), '--chain-id', String(chainId), '--accounts', '10'];
  const binary = anvilBinaryPath();
  const child =
    process.platform === 'win32'
      ? spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('/bin/sh', ['-c', GUARDIAN, binary, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  installExitHook();

  let out = '';
  const onData = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      live.delete(child);
      resolve();
    });
  });

  const stop = async () => {
    if (exited) return;
    if (child.stdin) child.stdin.end();
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exitPromise;
    clearTimeout(timer);
  };

  try {
    const port = await waitForListening(() => out, () => exited, timeoutMs);
    const rpcUrl = `http://127.0.0.1:${port}`;
    const rpc = makeRpc(rpcUrl);
    const reportedId = await waitForRpc(rpc, () => exited, timeoutMs);
    if (reportedId !== chainId) throw new Error(`anvil reports chain id ${reportedId}, expected ${chainId}`);
    const chain = defineChain({
      id: chainId,
      name: `Local anvil ${chainId}`,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
    });
    // anvil mines on every transaction: poll receipts fast (viem's default is 4 s).
    const transport = http(rpcUrl, { retryCount: 0 });
    const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 });
    return {
      rpcUrl,
      chainId,
      port,
      accounts: ANVIL_ACCOUNTS,
      chain,
      publicClient,
      walletClient: (account) =>
        createWalletClient({ account: privateKeyToAccount(account.privateKey), chain, transport, pollingInterval: 50 }),
      rpc,
      output: () => out,
      stop,
    };
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- anvil output ---\n${out.slice(-2000)}`);
  }
}

async function waitForListening(output: () => string, exited: () => boolean, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = /Listening on 127\.0\.0\.1:(\d+)/.exec(output());
    if (m) return Number(m[1]);
    if (exited()) throw new Error('anvil exited before listening');
    if (Date.now() > deadline) throw new Error(`anvil did not start listening within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitForRpc(rpc: LocalChain['rpc'], exited: () => boolean, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return Number(await rpc<string>('eth_chainId'));
    } catch (e) {
      if (exited()) throw new Error('anvil exited before its RPC answered');
      if (Date.now() > deadline) throw new Error(`anvil RPC did not answer within ${timeoutMs} ms: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

function makeRpc(rpcUrl: string): LocalChain['rpc'] {
  let id = 0;
  return async <T>(method: string, params: unknown[] = []) => {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { result?: T; error?: { code: number; message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message} (${body.error.code})`);
    return body.result as T;
  };
}
