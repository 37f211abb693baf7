// Compiles the test contracts (contracts/TestUSDC.sol, contracts/MulticallLite.sol) offline with the
// `solc` npm package (its bundled soljson, no compiler download) and writes contracts/<Name>.json:
// ABI, creation and runtime bytecode, compiler version and settings, and the SHA-256 of every source
// that went in. Tests deploy those committed artifacts, so they need neither solc nor a network.
//
//   npx tsx scripts/build-contracts.ts          write contracts/*.json
//   npx tsx scripts/build-contracts.ts --check  exit 1 if a committed artifact is stale
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, normalize, resolve } from 'node:path';

const require = createRequire(import.meta.url);
// solc is CommonJS with loose typings; only the two members used here are typed.
const solc = require('solc') as { version(): string; compile(input: string, callbacks: { import: ImportCallback }): string };
type ImportCallback = (path: string) => { contents: string } | { error: string };

const ROOT = resolve(import.meta.dirname, '..');
export const CONTRACTS = ['TestUSDC', 'MulticallLite'] as const;

export const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  // Cancun: supported by every local node we use (anvil's default hardfork is newer) and by OZ 5.x.
  evmVersion: 'cancun',
} as const;

export interface ContractArtifact {
  contractName: string;
  sourceName: string;
  abi: unknown[];
  /** Creation bytecode, 0x hex. */
  bytecode: `0x${string}`;
  /** Runtime bytecode, 0x hex. */
  deployedBytecode: `0x${string}`;
  compiler: { name: 'solc'; version: string; settings: { optimizer: { enabled: boolean; runs: number }; evmVersion: string } };
  /** SHA-256 (hex) of each source unit compiled, keyed by its import path. */
  sources: Record<string, string>;
  /** Version of @openzeppelin/contracts the sources came from, if any were imported. */
  openzeppelinVersion?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Resolve an import like `@openzeppelin/contracts/...` inside node_modules, refusing paths that escape it. */
function readImport(path: string, used: Record<string, string>): { contents: string } | { error: string } {
  const rel = normalize(path);
  if (rel.startsWith('..') || rel.startsWith('/')) return { error: `import escapes node_modules: ${path}` };
  const file = join(ROOT, 'node_modules', rel);
  if (!existsSync(file)) return { error: `not found in node_modules: ${path}` };
  const contents = readFileSync(file, 'utf8');
  used[path] = sha256(contents);
  return { contents };
}

export function compileContract(name: string): ContractArtifact {
  const sourceName = `contracts/${name}.sol`;
  const source = readFileSync(join(ROOT, sourceName), 'utf8');
  const used: Record<string, string> = { [sourceName]: sha256(source) };
  const input = {
    language: 'Solidity',
    sources: { [sourceName]: { content: source } },
    settings: {
      ...SETTINGS,
      outputSelection: { [sourceName]: { [name]: ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: (p) => readImport(p, used) })) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  for (const e of output.errors ?? []) if (e.severity !== 'error') console.warn(e.formattedMessage);
  if (errors.length > 0) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  const compiled = output.contracts?.[sourceName]?.[name];
  if (!compiled?.evm.bytecode.object) throw new Error(`solc produced no bytecode for ${name}`);
  const usesOz = Object.keys(used).some((k) => k.startsWith('@openzeppelin/contracts/'));
  const ozVersion = usesOz
    ? (JSON.parse(readFileSync(join(ROOT, 'node_modules/@openzeppelin/contracts/package.json'), 'utf8')) as { version: string }).version
    : undefined;
  return {
    contractName: name,
    sourceName,
    abi: compiled.abi,
    bytecode: `0x${compiled.evm.bytecode.object}`,
    deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
    compiler: { name: 'solc', version: solc.version(), settings: { optimizer: { ...SETTINGS.optimizer }, evmVersion: SETTINGS.evmVersion } },
    sources: Object.fromEntries(Object.entries(used).sort(([a], [b]) => a.localeCompare(b))),
    ...(ozVersion ? { openzeppelinVersion: ozVersion } : {}),
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const name of CONTRACTS) {
    const started = performance.now();
    const artifact = compileContract(name);
    const text = `${JSON.stringify(artifact, null, 2)}\n`;
    const ms = Math.round(performance.now() - started);
    const out = join(ROOT, 'contracts', `${name}.json`);
    if (check) {
      const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
      if (current !== text) {
        console.error(`${out} is stale: run \`npx tsx scripts/build-contracts.ts\` and commit it`);
        stale = true;
      } else console.log(`${name}.json is up to date (solc ${artifact.compiler.version}, ${ms} ms)`);
    } else {
      writeFileSync(out, text);
      console.log(`wrote ${out}: ${(artifact.bytecode.length - 2) / 2} bytes of creation code, solc ${artifact.compiler.version}, ${ms} ms`);
    }
  }
  if (stale) process.exit(1);
}
