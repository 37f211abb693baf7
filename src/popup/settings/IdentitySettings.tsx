// Settings → Identity: where Emissary's did:wba documents are published (a DID host folder URL), whether
// Emissary uploads them itself or the user does (then the exact files to upload are shown), and the
// name of the shared identity.
import { useEffect, useState } from 'preact/hooks';
import type { AnpSettingsView } from '../../shared/api-anp';
import { background } from '../../shared/rpc-client';
import '../anp/anp.css';

export function IdentitySettings() {
  const [view, setView] = useState<AnpSettingsView | null>(null);
  const [host, setHost] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const apply = (v: AnpSettingsView) => {
    setView(v);
    setHost(v.didHost);
    setName(v.sharedName);
  };
  useEffect(() => {
    background.anpSettings().then((r) => (r.ok ? apply(r.value) : setMessage({ ok: false, text: r.error })), () => {});
  }, []);
  const save = async (patch: Parameters<typeof background.anpUpdateSettings>[0], done: string) => {
    const r = await background.anpUpdateSettings(patch);
    if (!r.ok) return setMessage({ ok: false, text: r.error });
    apply(r.value);
    setMessage({ ok: true, text: done });
  };
  if (!view) return null;
  return (
    <section class="card stack" aria-labelledby="identity-heading" data-testid="identity-settings">
      <h2 id="identity-heading">Identity (did:wba)</h2>
      <p class="muted small">Sites with ANP agents see a decentralised identifier. Each site gets its own unless you choose your shared identity for it. Your DID documents must be published at a DID host.</p>
      <form class="field" onSubmit={(e) => { e.preventDefault(); void save({ didHost: host }, host ? 'DID host saved.' : 'DID host removed.'); }}>
        <label for="did-host">DID host folder</label>
        <div class="row">
          <input id="did-host" type="url" placeholder="https://example.com/dids" value={host} onInput={(e) => setHost((e.target as HTMLInputElement).value)} aria-describedby="did-host-hint" data-testid="did-host" />
          <button type="submit" class="btn btn--small">Save</button>
        </div>
        <span id="did-host-hint" class="muted small">Your DIDs become did:wba:&lt;host&gt;:&lt;path&gt;:e1_… and their documents live at &lt;folder&gt;/e1_…/did.json.</span>
      </form>
      <fieldset class="stack" style="border:0;padding:0;margin:0;gap:4px">
        <legend class="small" style="font-weight:600">Publishing</legend>
        <label class="check"><input type="radio" name="did-upload" checked={view.upload === 'put'} onChange={() => void save({ upload: 'put' }, 'Emissary uploads your DID documents to the host.')} /> Emissary uploads the documents (the host accepts signed documents)</label>
        <label class="check"><input type="radio" name="did-upload" checked={view.upload === 'manual'} onChange={() => void save({ upload: 'manual' }, 'Upload the files below to your own domain.')} /> I upload the files to my own domain</label>
      </fieldset>
      <form class="field" onSubmit={(e) => { e.preventDefault(); void save({ sharedName: name }, 'Shared identity renamed.'); }}>
        <label for="shared-name">Name of your shared identity</label>
        <div class="row">
          <input id="shared-name" type="text" maxLength={40} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          <button type="submit" class="btn btn--small">Save</button>
        </div>
      </form>
      {message && <p class={message.ok ? 'small' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      {view.didHost && view.identities.length > 0 && (
        <div class="stack" data-testid="identity-files">
          <h3>{view.upload === 'manual' ? 'Files to upload' : 'Your DID documents'}</h3>
          {view.identities.map((i) => (
            <details key={i.did ?? i.origin ?? 'shared'}>
              <summary class="small">{i.origin ? i.origin : `Shared “${i.name ?? ''}”`} — {i.published ? 'published' : 'not published yet'}</summary>
              {i.did && <p class="small"><code class="mono anp-wrap">{i.did}</code></p>}
              {i.uploadPath && <p class="small">Upload to <code class="mono anp-wrap">{i.uploadPath}</code> on {new URL(i.documentUrl ?? view.didHost).host}</p>}
              {i.document && <pre class="anp-doc" tabIndex={0} aria-label="DID document">{i.document}</pre>}
            </details>
          ))}
        </div>
      )}
    </section>
  );
}
