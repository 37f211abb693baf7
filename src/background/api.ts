import browser from 'webextension-polyfill';
import type { BackgroundApi, CoreApi, Result, SiteView } from '../shared/api';
import type { Credential } from '../protocols/agents-json';
import { getRun } from '../store/runs';
import { describeFlows, startFlow } from './flows';
import { fetchText } from './net';
import { budgetViews, deleteBudget, setBudgetFromText } from './payments';
import { allowedAssets, DEFAULT_NETWORKS } from '../wallet/networks';
import { readBalances } from './chain-rpc';
import { getGlobalCaps, setGlobalCap } from '../store/budgets';
import { formatUnits, parseUnits } from '../protocols/evm';
import { pendingCount, updateApprovalBadge } from './badge';
import { readCapped } from '../protocols/discovery/read-capped';
import { getSite, latestSite } from '../store/sites';
import { allowOrigin, discoveryFor, readSettings, updateSettings } from './settings';
import { discover } from './discovery';
import type { BackgroundContext } from './context';
import { createInboxApi } from './inbox/api';
import { createAitpApi } from './aitp/api';
import { createMcpApi } from './mcp/api';
import { createAnpApi } from './anp/api';
import { createAgoraApi } from './agora/api';
import { createLmosApi } from './lmos/api';
import { securityApi } from './security-api';

async function activeTabOrigin(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab?.url) return null;
  try {
    const url = new URL(tab.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

async function siteView(origin: string): Promise<SiteView> {
  const site = await getSite(origin);
  const discovery = await discoveryFor(origin);
  if (!site) return { origin, discovery, firstSeen: 0, lastSeen: 0, visits: 0, documents: [] };
  const { probeAfter: _p, ...view } = site;
  return { ...view, discovery };
}

/** Expected failures become a message for the popup instead of an exception. */
export async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** The narrow facade the popup sees. Each call counts as the human's activity for auto-lock. */
export function createApi(ctx: BackgroundContext): BackgroundApi {
  const { vault, payments, consent, ready, restored } = ctx;
  const core: CoreApi = {
    status: () => vault.status(),
    generateMnemonic: async (words) => vault.generateMnemonic(words),
    checkMnemonic: async (phrase) => vault.checkMnemonic(phrase),
    createVault: (phrase, password) => vault.create(phrase, password),
    unlock: (password) => vault.unlock(password),
    lock: async () => {
      await vault.lock();
      // Consent does not survive a lock: what waited for a decision must be asked again.
      await payments.approvals.cancelAllPending('Emissary was locked before you decided; ask again.');
      await consent.cancelAllPending('Emissary was locked before you decided; ask again.');
      await updateApprovalBadge();
    },
    accounts: async () => vault.accounts(),
    settings: () => readSettings(),
    updateSettings: async (patch) => {
      const result = await updateSettings(patch);
      if (result.ok && patch.autoLockMinutes !== undefined) await vault.touch(Date.now(), true);
      return result;
    },
    currentSite: async (origin) => {
      const target = origin ?? (await activeTabOrigin());
      const site = target ? await getSite(target) : await latestSite();
      if (!target && !site) return null;
      return siteView(target ?? site!.origin);
    },
    allowDiscovery: (origin) =>
      attempt(async () => {
        await allowOrigin(origin);
        await discover(origin, Date.now(), true);
        return siteView(origin);
      }),
    rediscover: (origin) =>
      attempt(async () => {
        if ((await discoveryFor(origin)) !== 'on') throw new Error('Discovery is not on for this site.');
        await discover(origin, Date.now(), true);
        return siteView(origin);
      }),
    pendingApprovalCount: () => pendingCount(),
    siteFlows: (origin) => attempt(() => describeFlows(origin, fetchText, vault)),
    saveSiteCredential: (origin, sourceId, input) =>
      attempt(async () => {
        const credential: Credential = input.type === 'apiKey' ? { type: 'apiKey', scheme: input.scheme, value: input.value } : input;
        const saved = await vault.updateSecrets((s) => {
          const site = (s.siteCredentials[origin] ??= {});
          // One credential per kind and scheme: saving again replaces it.
          const same = (c: Credential) => c.type === credential.type && (c.type !== 'apiKey' || credential.type !== 'apiKey' || c.scheme === credential.scheme);
          site[sourceId] = [...(site[sourceId] ?? []).filter((c) => !same(c)), credential];
        });
        if (!saved) throw new Error('Unlock Emissary to save credentials.');
        return true as const;
      }),
    forgetSiteCredentials: (origin) =>
      attempt(async () => {
        await vault.updateSecrets((s) => void delete s.siteCredentials[origin]);
        return true as const;
      }),
    startFlow: (origin, flowId, input) =>
      attempt(() =>
        startFlow(origin, flowId, input, {
          fetchText,
          // A flow's request that answers 402 goes through the same x402 approvals and budgets.
          fetch: async (url, init) => (await payments.paidFetch({ origin, url, init: { method: init.method, headers: init.headers, body: init.body } })).response,
          vault,
        }),
      ),
    flowRun: async (runId) => (await getRun(runId)) ?? null,
    pendingPayments: () => payments.approvals.listPending(),
    decidePayment: async (id, decision, hash) => {
      const result = await payments.approvals.decide(id, decision, hash);
      await updateApprovalBadge();
      return result;
    },
    rejectAllFrom: (origin) =>
      attempt(async () => {
        const n = (await payments.approvals.rejectAllFrom(origin)) + (await consent.rejectAllFrom(origin));
        await updateApprovalBadge();
        return n;
      }),
    blockSite: (origin) =>
      attempt(async () => {
        await payments.approvals.blockOrigin(origin);
        await updateApprovalBadge();
        return true as const;
      }),
    paymentHistory: () => payments.approvals.history(),
    budgets: () => budgetViews(allowedAssets(DEFAULT_NETWORKS), Date.now()),
    setBudget: (origin, amount) => attempt(() => setBudgetFromText(origin, amount, allowedAssets(DEFAULT_NETWORKS)[0], Date.now())),
    deleteBudget: (origin) =>
      attempt(async () => {
        await deleteBudget(origin, Date.now());
        return true as const;
      }),
    dailyCap: async () => {
      const token = allowedAssets(DEFAULT_NETWORKS)[0];
      const cap = (await getGlobalCaps()).find((c) => c.chainId === token.chainId && c.asset.toLowerCase() === token.asset.toLowerCase());
      return cap ? formatUnits(BigInt(cap.limit), token.decimals) : null;
    },
    setDailyCap: (amount) =>
      attempt(async () => {
        const token = allowedAssets(DEFAULT_NETWORKS)[0];
        const limit = amount === null || amount.trim() === '' ? null : parseUnits(amount.trim(), token.decimals).toString();
        await setGlobalCap({ chainId: token.chainId, asset: token.asset, limit }, Date.now());
        return limit === null ? null : formatUnits(BigInt(limit), token.decimals);
      }),
    balances: async () => {
      const address = vault.evmAddress();
      return address ? readBalances(DEFAULT_NETWORKS, address) : [];
    },
    openPaidResource: (origin, url) =>
      attempt(async () => {
        if (new URL(url).origin !== origin) throw new Error('Emissary only opens resources of the site you are on.');
        const r = await payments.paidFetch({ origin, url });
        if (r.refusal && r.status !== 'settled') throw new Error(r.refusal);
        const body = await readCapped(r.response, 256 * 1024);
        return { status: r.response.status, body: body.ok ? body.text : '', paymentId: r.paymentId };
      }),
  };
  const api: BackgroundApi = {
    ...core,
    ...securityApi(vault),
    ...createInboxApi(ctx),
    ...createAitpApi(ctx),
    ...createMcpApi(ctx),
    ...createAnpApi(ctx),
    ...createAgoraApi(ctx),
    ...createLmosApi(ctx),
  };
  // Every call waits for the worker to finish restoring its state, so a freshly woken worker never
  // answers "locked" while it is still reading the unlocked session. `status` reads only the vault,
  // so it waits for the vault alone, not for payments to resume (the popup's first question).
  const gated = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(api) as [string, (...a: unknown[]) => Promise<unknown>][]) {
    gated[name] = async (...args: unknown[]) => {
      await (name === 'status' ? restored : ready);
      if (name !== 'status') await vault.touch();
      return fn(...args);
    };
  }
  return gated as unknown as BackgroundApi;
}
