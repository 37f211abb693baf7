import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { ExtBrowser } from './types';

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
