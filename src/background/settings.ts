import { DEFAULT_SETTINGS, type Result, type Settings } from '../shared/api';
import { kvGet, kvSet } from '../store/kv';

export async function readSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...((await kvGet('settings')) ?? {}) };
}

export function checkSettings(patch: Partial<Settings>): string | null {
  if (patch.autoLockMinutes !== undefined) {
    const m = patch.autoLockMinutes;
    if (!Number.isInteger(m) || m < 1 || m > 24 * 60) return 'Auto-lock must be a whole number of minutes from 1 to 1440.';
  }
  if (patch.theme !== undefined && !['system', 'light', 'dark'].includes(patch.theme)) return 'Unknown theme.';
  if (patch.discovery !== undefined && !['all', 'allowed', 'off'].includes(patch.discovery)) return 'Unknown discovery mode.';
  return null;
}

export async function updateSettings(patch: Partial<Settings>): Promise<Result<Settings>> {
  const problem = checkSettings(patch);
  if (problem) return { ok: false, error: problem };
  const next = { ...(await readSettings()), ...patch };
  await kvSet('settings', next);
  return { ok: true, value: next };
}

export async function discoveryFor(origin: string): Promise<'on' | 'not-allowed' | 'off'> {
  const { discovery } = await readSettings();
  if (discovery === 'off') return 'off';
  if (discovery === 'all') return 'on';
  return ((await kvGet('allowedOrigins')) ?? []).includes(origin) ? 'on' : 'not-allowed';
}

export async function allowOrigin(origin: string): Promise<void> {
  const allowed = (await kvGet('allowedOrigins')) ?? [];
  if (!allowed.includes(origin)) await kvSet('allowedOrigins', [...allowed, origin]);
}
