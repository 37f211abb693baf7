// Background methods that guard what someone with the unlocked browser for a minute could take.
import type { Result } from './api';

export interface SecurityApi {
  /**
   * The recovery phrase, only for the wallet's password, only while unlocked; wrong passwords count
   * towards the same doubling wait as unlocking. The popup must show the words and forget them.
   */
  revealRecoveryPhrase(password: string): Promise<Result<string[]>>;
}
