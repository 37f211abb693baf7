import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type SectionId = 'site' | 'inbox' | 'approvals' | 'wallet' | 'settings';

/** Moves the popup to another section, e.g. a new thread in the Inbox after "Talk to this site's agent". */
export type Navigate = (section: SectionId, options?: { threadId?: string }) => void;

export const NavigationContext = createContext<Navigate>(() => undefined);

export const useNavigate = (): Navigate => useContext(NavigationContext);
