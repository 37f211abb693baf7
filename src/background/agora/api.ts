import type { AgoraApi } from '../../shared/api-agora';
import type { BackgroundContext } from '../context';

/** Called once per worker life: registers AGORA's handlers and returns its popup methods. */
export function createAgoraApi(_ctx: BackgroundContext): AgoraApi {
  return {};
}
