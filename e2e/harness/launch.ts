import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { ExtBrowser } from './types';
import { importWallet } from './flows';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark';
  /** Firefox: suspend the idle event page this soon, to test what survives a restart. */
  backgroundIdleMs?: number;
}

export function launch(name: BrowserName, options: LaunchOptions = {}): Promise<ExtBrowser> {
  return name === 'chromium' ? launchChromium() : launchFirefox(options);
}

/** Anvil's well-known test phrase: its first account is funded on the demo chain. */
export const TEST_PHRASE = 'test test test test test test test test test test test junk';

/** A browser whose Emissary already holds a wallet imported from the test phrase, unlocked. */
export async function launchWithWallet(name: BrowserName, options: LaunchOptions = {}): Promise<ExtBrowser> {
  const browser = await launch(name, options);
  const popup = await browser.openPopup();
  await importWallet(popup, TEST_PHRASE);
  await popup.close();
  return browser;
}
