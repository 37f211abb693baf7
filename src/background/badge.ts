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

/** When the popup is closed, a system notification says that something waits for the human. Once per key. */
export async function notifyUser(key: string, title: string, text: string): Promise<void> {
  if (notified.has(key)) return;
  notified.add(key);
  const popupOpen = (await browser.runtime.getContexts?.({ contextTypes: ['POPUP' as never] }).catch(() => []))?.length;
  if (popupOpen) return;
  await browser.notifications
    .create(`emissary-${key}`, { type: 'basic', iconUrl: browser.runtime.getURL('icons/icon-128.png'), title: `Emissary: ${title}`, message: text.slice(0, 300) })
    .catch(() => {});
}

/** The request was decided, cancelled or expired: its notification would only point at nothing now. */
export function clearNotice(key: string): void {
  if (!notified.delete(key)) return;
  void browser.notifications.clear(`emissary-${key}`).catch(() => {});
}

export function notifyPending(paymentId: string, text: string): Promise<void> {
  return notifyUser(paymentId, 'a payment waits for you', text);
}
