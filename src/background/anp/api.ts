import type { AnpApi } from '../../shared/api-anp';
import type { BackgroundContext } from '../context';

/** Called once per worker life: registers ANP's handlers and returns its popup methods. */
export function createAnpApi(_ctx: BackgroundContext): AnpApi {
  return {};
}
