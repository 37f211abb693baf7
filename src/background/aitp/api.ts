import type { AitpApi } from '../../shared/api-aitp';
import type { BackgroundContext } from '../context';

/** Called once per worker life: registers AITP's handlers and returns its popup methods. */
export function createAitpApi(_ctx: BackgroundContext): AitpApi {
  return {};
}
