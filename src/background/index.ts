import browser from 'webextension-polyfill';
import { expose } from 'comlink';
import { portEndpoint, RPC_PORT_NAME } from '../shared/port-endpoint';
import { createApi } from './api';
import { VaultService } from './vault-service';
import { discoveryFor, readSettings } from './settings';
import { onNavigation, onPageVisit, originOfSender, originOfUrl, type PageReport } from './discovery';
import { failInterruptedRuns } from '../store/runs';
import { createPaymentService } from './payments';
import { allowedAssets, DEFAULT_NETWORKS } from '../wallet/networks';
import { clearNotice, notifyPending, notifyUser, updateApprovalBadge } from './badge';
import { ConsentQueue } from './consent/queue';
import { Inbox } from './inbox/service';
import { cachedFetchText } from './document-cache';
import type { BackgroundContext } from './context';
import { registerContentInjection } from './content-injection';

const vault = new VaultService(async () => (await readSettings()).autoLockMinutes * 60_000);
const payments = createPaymentService({
  signer: vault,
  allowedAssets: () => allowedAssets(DEFAULT_NETWORKS),
  notify: (id) => void onPaymentChange(id),
});

async function onPaymentChange(id: string): Promise<void> {
  await updateApprovalBadge();
  const receipt = await payments.approvals.receipt(id);
  if (receipt?.status === 'awaiting-approval') await notifyPending(id, `${receipt.origin} asks for ${receipt.amount}.`);
  else clearNotice(id);
}

// Restore first: resuming a payment may need the unlocked session to sign.
const restoring = vault.restore();
const ready = Promise.all([restoring, failInterruptedRuns(Date.now())])
  .then(() => payments.resume())
  .then(() => updateApprovalBadge())
  .then(() => undefined)
  .catch((err) => console.error('Emissary: restoring the session failed', err));
// A failed restore is logged by `ready`; the vault then answers from the state it is in (locked).
const restored = restoring.catch(() => undefined);
const consent = new ConsentQueue({ onChange: (id) => void onConsentChange(id) });
const inbox = new Inbox({ notify: notifyUser });

async function onConsentChange(id: string): Promise<void> {
  await updateApprovalBadge();
  const record = await consent.get(id);
  if (record?.status === 'pending') await notifyUser(`consent-${id}`, 'a site asks for your approval', `${record.origin}: ${record.payload.title}`);
  else clearNotice(`consent-${id}`);
}

const ctx: BackgroundContext = { vault, payments, consent, inbox, fetchText: cachedFetchText, ready, restored };
const api = createApi(ctx);

function isExtensionPage(sender: browser.Runtime.MessageSender | undefined): boolean {
  const base = browser.runtime.getURL('');
  return sender?.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(base);
}

// Listeners are registered synchronously at the top level: an event that wakes the worker is
// delivered only to listeners that exist when the module has run.
browser.runtime.onConnect.addListener((port) => {
  // Content scripts can open ports too; only our own pages get the API.
  if (port.name !== RPC_PORT_NAME || !isExtensionPage(port.sender)) {
    port.disconnect();
    return;
  }
  expose(api, portEndpoint(port));
});

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if ((message as { type?: unknown })?.type !== 'emissary:visit') return undefined;
  const origin = originOfSender(sender);
  if (!origin) return undefined;
  ready
    .then(() => discoveryFor(origin))
    .then((mode) => (mode === 'off' ? undefined : onPageVisit(origin, sender.tab?.id, mode === 'on', message as PageReport)))
    .catch((err) => console.warn('Emissary: discovery failed for', origin, err));
  return undefined;
});

// Discovery starts when a tab starts loading a page (Chromium names the pending URL) or commits it
// (host permissions show the URL), so the probes overlap the page load; the content script's report
// then counts the visit and adds its hints.
browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  const pending = changeInfo.status === 'loading' ? (tab as { pendingUrl?: string }).pendingUrl : undefined;
  const url = changeInfo.url ?? pending;
  const origin = url ? originOfUrl(url) : null;
  if (!origin) return;
  ready
    .then(() => discoveryFor(origin))
    .then((mode) => (mode === 'on' ? onNavigation(origin, tabId) : undefined))
    .catch((err) => console.warn('Emissary: discovery failed for', origin, err));
});

registerContentInjection();

browser.alarms.onAlarm.addListener((alarm) => {
  void ready.then(async () => {
    await vault.onAlarm(alarm.name);
    // Consent does not survive a lock, automatic or not.
    if ((await vault.status()).state !== 'unlocked') {
      await payments.approvals.cancelAllPending('Emissary locked itself before you decided; ask again.');
      await consent.cancelAllPending('Emissary locked itself before you decided; ask again.');
      await updateApprovalBadge();
    }
  });
});
