// Unlock cost in real Chromium: from pressing Unlock to the unlocked shell, against the baseline of
// the key derivation alone (PBKDF2-SHA256, 600,000 iterations, WebCrypto) in the same browser.
import { launchChromium } from '../e2e/harness/chromium';
import { PASSWORD, createWallet } from '../e2e/harness/flows';
import { QUICK } from './common';
import type { Figure } from './report';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureUnlock(runs = QUICK ? 2 : 7): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    const popup = await browser.openPopup();
    await createWallet(popup, PASSWORD);
    const page = browser.context.pages().find((p) => p.url().endsWith('/popup.html'))!;
    const unlockMs: number[] = [];
    const kdfMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.locator('[data-testid="lock"]').click();
      await page.locator('#unlock-password').fill(PASSWORD);
      const t0 = Date.now();
      await page.locator('form .btn--primary').click();
      await page.locator('.shell').waitFor();
      unlockMs.push(Date.now() - t0);
      kdfMs.push(
        await page.evaluate(async () => {
          const t = performance.now();
          const base = await crypto.subtle.importKey('raw', new TextEncoder().encode('a password'), 'PBKDF2', false, ['deriveKey']);
          await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: crypto.getRandomValues(new Uint8Array(16)), iterations: 600_000 }, base, { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
          return performance.now() - t;
        }),
      );
    }
    const unlock = median(unlockMs);
    const kdf = median(kdfMs);
    return [
      { name: 'Unlock: press → unlocked shell ÷ PBKDF2-600k alone', ratio: unlock / kdf, target: 2, absolute: `${unlock} ms vs ${kdf.toFixed(0)} ms (median of ${runs})` },
    ];
  } finally {
    await browser.close();
  }
}
