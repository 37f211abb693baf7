// The autofill profile AITP data requests can draw on: kept encrypted in the vault; a site's agent sees a
// value only after the human ticks it in that request's form and sends it.
import { useEffect, useState } from 'preact/hooks';
import type { Profile } from '../../shared/api-aitp';
import { background } from '../../shared/rpc-client';

const FIELDS: { key: keyof Profile; label: string; type?: string; autocomplete: string }[] = [
  { key: 'name', label: 'Full name', autocomplete: 'name' },
  { key: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
  { key: 'tel', label: 'Phone', type: 'tel', autocomplete: 'tel' },
  { key: 'address_line1', label: 'Street address', autocomplete: 'address-line1' },
  { key: 'address_line2', label: 'Address line 2', autocomplete: 'address-line2' },
  { key: 'address_level2', label: 'City', autocomplete: 'address-level2' },
  { key: 'address_level1', label: 'State or region', autocomplete: 'address-level1' },
  { key: 'postal_code', label: 'Postal code', autocomplete: 'postal-code' },
  { key: 'country_name', label: 'Country', autocomplete: 'country-name' },
];

export function ProfileSettings() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    background.aitpProfile().then((r) => (r.ok ? setProfile(r.value) : setMessage({ kind: 'error', text: r.error })), (e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!profile) return;
    // Street address for forms that ask for it in one line.
    const street = [profile.address_line1, profile.address_line2].filter(Boolean).join(', ');
    const r = await background.aitpSaveProfile({ ...profile, street_address: street || undefined }).catch((err: Error) => ({ ok: false as const, error: err.message }));
    setMessage(r.ok ? { kind: 'ok', text: 'Profile saved.' } : { kind: 'error', text: r.error });
  };
  return (
    <form class="card stack" aria-labelledby="profile-h" onSubmit={save} data-testid="profile-settings">
      <h2 id="profile-h">Your profile for site agents</h2>
      <p class="muted small">When a site's agent asks for your name or shipping address, Emissary offers these values; each is sent only after you tick it and press send. Stored encrypted.</p>
      {profile &&
        FIELDS.map((f) => (
          <div class="field">
            <label for={`profile-${f.key}`}>{f.label}</label>
            <input id={`profile-${f.key}`} type={f.type ?? 'text'} autocomplete={f.autocomplete} value={profile[f.key] ?? ''}
              onInput={(e) => setProfile({ ...profile, [f.key]: (e.target as HTMLInputElement).value })} />
          </div>
        ))}
      <button type="submit" class="btn btn--primary" disabled={!profile} data-testid="profile-save">
        Save profile
      </button>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
