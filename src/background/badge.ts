import browser from 'webextension-polyfill';
import { listPaymentsByStatus } from '../store/payments';
import { countPendingApprovals } from '../store/approvals';

export async function pendingCount(): Promise<number> {
  return (await countPendingApprovals()) + (await listPaymentsByStatus('awaiting-approval')).length;
}

/** The toolbar badge shows how many decisions wait for the human (a tab's discovery count otherwise). */
export async function updateApprovalBadge(): Promise<number> {
  const pending = await pendingCount();
  await browser.action.setBadgeText({ text: pending ? String(pending) : '' });
  if (pending) await browser.action.setBadgeBackgroundColor({ color: '#c0262d' });
  return pending;
}

const notified = new Set<string>();

/** When the popup is closed, a system notification says that a payment waits for a decision. */
export async function notifyPending(paymentId: string, text: string): Promise<void> {
  if (notified.has(paymentId)) return;
  notified.add(paymentId);
  const popupOpen = (await browser.runtime.getContexts?.({ contextTypes: ['POPUP' as never] }).catch(() => []))?.length;
  if (popupOpen) return;
  await browser.notifications
    .create(`emissary-${paymentId}`, { type: 'basic', iconUrl: browser.runtime.getURL('icons/icon-128.png'), title: 'Emissary: a payment waits for you', message: text })
    .catch(() => {});
}
