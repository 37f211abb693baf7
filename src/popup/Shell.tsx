import { useEffect, useRef, useState } from 'preact/hooks';
import { background } from '../shared/rpc-client';
import { Logo } from './components/Logo';
import { SiteView } from './views/SiteView';
import { InboxView } from './views/InboxView';
import { ApprovalsView } from './views/ApprovalsView';
import { WalletView } from './views/WalletView';
import { SettingsView } from './views/SettingsView';
import type { Layout } from './App';
import { NavigationContext, type Navigate, type SectionId } from './navigation';

const SECTIONS = [
  { id: 'site', label: 'Site', icon: 'M3 5h18v14H3z M3 9h18' },
  { id: 'inbox', label: 'Inbox', icon: 'M3 13l3-8h12l3 8v6H3z M3 13h5l1 3h6l1-3h5' },
  { id: 'approvals', label: 'Approvals', icon: 'M5 12l4 4 10-10 M5 20h14' },
  { id: 'wallet', label: 'Wallet', icon: 'M3 7h16v12H3z M3 7l13-3v3 M15 13h2' },
  { id: 'settings', label: 'Settings', icon: 'M12 8a4 4 0 100 8 4 4 0 000-8z M12 2v3 M12 19v3 M2 12h3 M19 12h3' },
] as const satisfies readonly { id: SectionId; label: string; icon: string }[];

export function Shell({ layout, onLocked }: { layout: Layout; onLocked: () => void }) {
  const [section, setSection] = useState<SectionId>(layout === 'page' ? 'settings' : 'site');
  const [pending, setPending] = useState(0);
  const [openThread, setOpenThread] = useState<string | undefined>(undefined);
  const navigate: Navigate = (to, options) => {
    setOpenThread(options?.threadId);
    setSection(to);
  };
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const countPending = () => background.pendingApprovalCount().then(setPending, () => {});
  useEffect(() => void countPending(), [section]);

  const lock = async () => {
    await background.lock();
    onLocked();
  };

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onKeyDown = (e: KeyboardEvent) => {
    const i = SECTIONS.findIndex((s) => s.id === section);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? SECTIONS.length - 1 : -2;
    if (next === -2) return;
    e.preventDefault();
    const j = (next + SECTIONS.length) % SECTIONS.length;
    setSection(SECTIONS[j].id);
    tabs.current[j]?.focus();
  };

  return (
    <div class="shell">
      <header class="topbar">
        <Logo size={24} />
        <span class="brand">Emissary</span>
        <button type="button" class="btn btn--ghost btn--small" onClick={lock} data-testid="lock">
          Lock
        </button>
      </header>
      <nav class="tabs" role="tablist" aria-label="Sections" onKeyDown={onKeyDown}>
        {SECTIONS.map((s, i) => (
          <button
            type="button"
            role="tab"
            id={`tab-${s.id}`}
            aria-controls={`panel-${s.id}`}
            aria-selected={section === s.id}
            tabIndex={section === s.id ? 0 : -1}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            class="tab"
            onClick={() => navigate(s.id)}
          >
            <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
              <path d={s.icon} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
            <span>{s.label}</span>
            {s.id === 'approvals' && pending > 0 && (
              <span class="count" aria-label={`${pending} pending`} data-testid="approvals-count">
                {pending}
              </span>
            )}
          </button>
        ))}
      </nav>
      <section class="panel" role="tabpanel" id={`panel-${section}`} aria-labelledby={`tab-${section}`}>
        <NavigationContext.Provider value={navigate}>
        {section === 'site' && <SiteView />}
        {section === 'inbox' && <InboxView key={openThread ?? 'list'} openThreadId={openThread} />}
        {section === 'approvals' && <ApprovalsView onChange={countPending} />}
        {section === 'wallet' && <WalletView />}
        {section === 'settings' && <SettingsView onLocked={onLocked} />}
        </NavigationContext.Provider>
      </section>
    </div>
  );
}
