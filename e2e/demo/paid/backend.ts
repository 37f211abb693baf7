// Everything behind the demo shop's paid API in one call: a local chain, TestUSDC minted to the
// payers, a facilitator on its own loopback port, and the API handler to mount on the shop server.
import type { Address } from 'viem';
import { deployTestUsdc, startChain, USDC, type DevAccount, type LocalChain, type TestUsdc } from '../../chain';
import { startFacilitator, type FacilitatorServer } from './facilitator';
import { createPaidApi, type PaidApi } from './paid-api';

export interface PaidBackendOptions {
  /** Default 31337 (v2 only). 84532 makes v1 available too, as "base-sepolia". */
  chainId?: number;
  chainPort?: number;
  facilitatorPort?: number;
  /** Addresses that get TestUSDC to pay with. */
  payers?: readonly Address[];
  /** Per payer, atomic units; default 1000 USDC. */
  mintAmount?: bigint;
  /** Who gets paid; default anvil account 1. */
  payTo?: Address;
  /** Who settles and pays gas; default anvil account 2. */
  facilitatorAccount?: DevAccount;
  /** Per request, atomic units; default 10 000 (0.01 USDC). */
  price?: bigint;
  /** Mount point of the API; default '/api/paid'. */
  basePath?: string;
}

export interface PaidBackend {
  chain: LocalChain;
  token: TestUsdc;
  facilitator: FacilitatorServer;
  api: PaidApi;
  payTo: Address;
  /** Close the facilitator and stop the chain. */
  stop(): Promise<void>;
}

export async function startPaidBackend(options: PaidBackendOptions = {}): Promise<PaidBackend> {
  const chain = await startChain({ chainId: options.chainId, port: options.chainPort });
  let facilitator: FacilitatorServer | undefined;
  try {
    const token = await deployTestUsdc(chain, { mintTo: options.payers ?? [], mintAmount: options.mintAmount ?? 1000n * USDC });
    facilitator = await startFacilitator({ chain, account: options.facilitatorAccount ?? chain.accounts[2], port: options.facilitatorPort });
    const payTo = options.payTo ?? chain.accounts[1].address;
    const api = createPaidApi({
      chainId: chain.chainId,
      token,
      payTo,
      facilitatorUrl: facilitator.url,
      price: options.price,
      basePath: options.basePath,
    });
    const f = facilitator;
    return {
      chain,
      token,
      facilitator: f,
      api,
      payTo,
      stop: async () => {
        await f.close();
        await chain.stop();
      },
    };
  } catch (e) {
    await facilitator?.close();
    await chain.stop();
    throw e;
  }
}
