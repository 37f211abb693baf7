import type { LmosApi } from '../../shared/api-lmos';
import type { BackgroundContext } from '../context';

/** Called once per worker life: registers LMOS's handlers and returns its popup methods. */
export function createLmosApi(_ctx: BackgroundContext): LmosApi {
  return {};
}
