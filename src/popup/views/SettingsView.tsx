import { useEffect, useState } from 'preact/hooks';
import { ProfileSettings } from '../settings/ProfileSettings';
import { IdentitySettings } from '../settings/IdentitySettings';
import { McpSettings } from '../settings/McpSettings';
import { RecoveryPhraseSettings } from '../settings/RecoveryPhraseSettings';
import type { DiscoveryMode, Settings, Theme, VaultStatus } from '../../shared/api';
import browser from 'webextension-polyfill';
import { background } from '../../shared/rpc-client';
import { applyTheme } from '../theme';

export function SettingsView({ onLocked }: { onLocked: () => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [minutes, setMinutes] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    background.status().then(setStatus, () => {});
    background.settings().then((s) => {
      setSettings(s);
      setMinutes(String(s.autoLockMinutes));
    });
  }, []);

  const save = async (patch: Partial<Settings>, done: string) => {
    const result = await background.updateSettings(patch);
    if (!result.ok) return setMessage({ kind: 'error', text: result.error });
    setSettings(result.value);
    if (patch.theme) applyTheme(patch.theme);
    setMessage({ kind: 'ok', text: done });
  };

  if (!settings) return <p class="muted" role="status">Loading settings…</p>;
  return (
    <div class="stack" data-testid="settings-view">
      <form
        class="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ autoLockMinutes: Number(minutes) }, `Emissary now locks after ${minutes} idle minute${minutes === '1' ? '' : 's'}.`);
        }}
      >
        <h2>Security</h2>
        <div class="field">
          <label for="autolock">Lock after this many idle minutes</label>
          <div class="row">
            <input id="autolock" type="number" min={1} max={1440} step={1} inputMode="numeric" value={minutes} onInput={(e) => setMinutes((e.target as HTMLInputElement).value)} />
            <button type="submit" class="btn btn--small">
              Save
            </button>
          </div>
        </div>
        <button
          type="button"
          class="btn"
          onClick={async () => {
            await background.lock();
            onLocked();
          }}
        >
          Lock now
        </button>
      </form>
      <fieldset class="card stack">
        <legend>Appearance</legend>
        <div class="segmented" role="radiogroup" aria-label="Theme">
          {(['system', 'light', 'dark'] as Theme[]).map((t) => (
            <button type="button" role="radio" aria-checked={settings.theme === t} class={settings.theme === t ? 'on' : ''} onClick={() => save({ theme: t }, `Theme: ${t}.`)}>
              {t[0].toUpperCase() + t.slice(1)}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset class="card stack">
        <legend>Discovery</legend>
        {(
          [
            ['all', 'On every site I visit'],
            ['allowed', 'Only on sites I allow'],
            ['off', 'Off'],
          ] as [DiscoveryMode, string][]
        ).map(([value, label]) => (
          <label class="check">
            <input type="radio" name="discovery" checked={settings.discovery === value} onChange={() => save({ discovery: value }, `Discovery: ${label.toLowerCase()}.`)} />
            {label}
          </label>
        ))}
        <p class="muted small">Emissary asks a site for its well-known agent documents, without cookies, and remembers the answer for a while.</p>
      </fieldset>
      <ProfileSettings />
      <IdentitySettings />
      <McpSettings />
      <RecoveryPhraseSettings />
      <section class="card stack" aria-labelledby="about-h">
        <h2 id="about-h">About</h2>
        <p class="muted small">
          Emissary {browser.runtime.getManifest().version}
          {status && (
            <>
              {' '}· background running since{' '}
              <time data-testid="worker-started" data-at={status.workerStartedAt} dateTime={new Date(status.workerStartedAt).toISOString()}>
                {new Date(status.workerStartedAt).toLocaleTimeString()}
              </time>
            </>
          )}
        </p>
      </section>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
