// Steps a person takes in the popup, shared by every browser test.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACTS } from './paths';
import type { ExtPage } from './types';

export const PASSWORD = 'correct horse battery staple';

export async function createWallet(popup: ExtPage, password = PASSWORD, shots?: (name: string) => Promise<void>): Promise<string[]> {
  await popup.click('.welcome .btn--primary');
  await popup.waitForText('h1', 'Your recovery phrase');
  let words: string[] = [];
  for (let i = 0; i < 100 && (words.length !== 12 || words.includes('…')); i++) {
    words = (await popup.texts('[data-testid="phrase-word"]')).map((w) => w.trim());
    await new Promise((r) => setTimeout(r, 100));
  }
  await shots?.('onboarding-phrase');
  await popup.click('input[type="checkbox"]');
  await popup.click('main > .btn--primary');
  await popup.waitForText('h1', 'Confirm your phrase');
  const indexes = (await popup.attrs('[data-testid="confirm-word"]', 'data-index')).map(Number);
  for (const index of indexes) await popup.fill(`[data-index="${index}"]`, words[index]);
  await popup.click('form .btn--primary');
  await choosePassword(popup, password, shots);
  return words;
}

export async function choosePassword(popup: ExtPage, password = PASSWORD, shots?: (name: string) => Promise<void>): Promise<void> {
  await popup.waitForText('h1', 'Choose a password');
  await popup.fill('#new-password', password);
  await popup.fill('#repeat-password', password);
  await shots?.('onboarding-password');
  await popup.click('form .btn--primary');
  await popup.waitFor('.shell', 30_000);
}

export async function importWallet(popup: ExtPage, phrase: string, password = PASSWORD): Promise<void> {
  await popup.click('.welcome .stack .btn:not(.btn--primary)');
  await popup.waitForText('h1', 'Import a recovery phrase');
  await popup.fill('#import-phrase', phrase);
  await popup.click('form .btn--primary');
  await choosePassword(popup, password);
}

export async function unlock(popup: ExtPage, password = PASSWORD): Promise<void> {
  await popup.waitFor('#unlock-password');
  await popup.fill('#unlock-password', password);
  await popup.click('form .btn--primary');
}

export async function openSection(popup: ExtPage, id: 'site' | 'inbox' | 'approvals' | 'wallet' | 'settings'): Promise<void> {
  await popup.click(`#tab-${id}`);
  await popup.waitFor(`#panel-${id}`);
}

export async function screenshotter(browser: string, scheme = 'light') {
  const dir = join(ARTIFACTS, 'screenshots');
  await mkdir(dir, { recursive: true });
  return (page: ExtPage) => async (name: string) => page.screenshot(join(dir, `${browser}-${name}-${scheme}.png`));
}

/** The Site view shows the origin once the content script's report has reached the background. */
export async function showsSite(popup: ExtPage, origin: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await popup.waitForText('[data-testid="site-origin"]', origin, 5_000);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await popup.reload();
    }
  }
}
