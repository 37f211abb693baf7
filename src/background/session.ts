import browser from 'webextension-polyfill';
import { SESSION_KEY as KEY } from '../shared/session-key';

// While unlocked, the derived vault key lives in storage.session: memory only, never on disk,
// readable by extension pages and the background but not by content scripts (the default access
// level). It lets a stopped and restarted service worker (or Firefox event page) stay unlocked
// until the auto-lock time without asking for the password again.
export interface UnlockedSession {
  vaultKey: string; // base64 raw AES-GCM key
  lockAt: number;
}

export async function readSession(): Promise<UnlockedSession | null> {
  const got = await browser.storage.session.get(KEY);
  const s = got[KEY] as UnlockedSession | undefined;
  return s && typeof s.vaultKey === 'string' && typeof s.lockAt === 'number' ? s : null;
}

export async function writeSession(session: UnlockedSession): Promise<void> {
  await browser.storage.session.set({ [KEY]: session });
}

export async function clearSession(): Promise<void> {
  await browser.storage.session.remove(KEY);
}
