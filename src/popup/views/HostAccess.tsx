import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';

const SITES = { origins: ['http://*/*', 'https://*/*'] };

/**
 * Firefox treats access to sites as the user's choice and can withdraw it. Without it Emissary
 * cannot see which site is open nor ask it for its agent documents, so say so and offer to allow.
 */
export function HostAccess() {
  const [granted, setGranted] = useState(true);
  useEffect(() => {
    browser.permissions.contains(SITES).then(setGranted, () => {});
  }, []);
  if (granted) return null;
  return (
    <div class="banner banner--info" role="note" data-testid="host-access">
      <span>To find the agents that sites offer, Emissary needs to read which site is open and fetch its public agent documents (without your cookies).</span>
      <button type="button" class="btn btn--small btn--primary" onClick={() => browser.permissions.request(SITES).then(setGranted)}>
        Allow access to sites
      </button>
    </div>
  );
}
