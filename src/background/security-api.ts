// The security-sensitive background methods (see shared/api-security.ts). Showing the recovery phrase
// asks for the password again even while unlocked: an unlocked browser left alone for a minute must
// not hand out the phrase, and guessing the password here is as slow as guessing it at unlock.
import type { SecurityApi } from '../shared/api-security';
import { kvGet, kvSet } from '../store/kv';
import { unlockVault, WrongPasswordError } from '../wallet/vault-crypto';
import { bytesToUtf8 } from '../wallet/bytes';
import { NO_FAILURES, recordFailure, waitLeft } from './unlock-throttle';
import type { VaultService } from './vault-service';

export function securityApi(vault: VaultService): SecurityApi {
  return {
    async revealRecoveryPhrase(password) {
      if (typeof password !== 'string') return { ok: false, error: 'Enter your password.' };
      if ((await vault.status()).state !== 'unlocked') return { ok: false, error: 'Unlock Emissary first.' };
      const record = await kvGet('vault');
      if (!record) return { ok: false, error: 'There is no wallet yet.' };
      const throttle = (await kvGet('unlockThrottle')) ?? NO_FAILURES;
      const wait = waitLeft(throttle, Date.now());
      if (wait > 0) return { ok: false, error: `Too many wrong passwords. Try again in ${Math.ceil(wait / 1000)} s.` };
      let plaintext: Uint8Array;
      try {
        ({ plaintext } = await unlockVault(password, record));
      } catch (err) {
        if (!(err instanceof WrongPasswordError)) throw err;
        const next = recordFailure(throttle, Date.now());
        await kvSet('unlockThrottle', next);
        return { ok: false, error: `Wrong password. You can try again in ${Math.ceil(waitLeft(next, Date.now()) / 1000)} s.` };
      }
      try {
        await kvSet('unlockThrottle', NO_FAILURES);
        const { mnemonic } = JSON.parse(bytesToUtf8(plaintext)) as { mnemonic?: unknown };
        if (typeof mnemonic !== 'string') return { ok: false, error: 'The stored wallet holds no recovery phrase.' };
        return { ok: true, value: mnemonic.split(' ') };
      } finally {
        plaintext.fill(0);
      }
    },
  };
}
