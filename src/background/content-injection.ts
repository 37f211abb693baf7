// The content script is not declared in the manifest: a declared script makes the browser set up an
// isolated world in every page before its load event (bench: small pages loaded 1.3–1.9× slower,
// whatever the script did). The background runs the same content.js once a tab has finished loading
// an http(s) page instead, so the page's own load is untouched. The script reports once per document
// however often it is run there (a tab reports "complete" again after back/forward, same-document
// navigations and late frames); what it reports is gated where it is received, as before.
import browser from 'webextension-polyfill';
import { originOfUrl } from './discovery';

const CONTENT_SCRIPT = 'content.js';

/** Runs the content script in the tab's top frame; pages the browser keeps from extensions refuse it quietly. */
async function inject(tabId: number): Promise<void> {
  // chrome://, about:, other extensions' pages never get here (not http/https). Error pages, the PDF
  // viewer, the browser's store and Firefox's restricted domains refuse: nothing to report there.
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] }).catch(() => undefined);
}

const isWebPage = (tab: browser.Tabs.Tab) => typeof tab.url === 'string' && originOfUrl(tab.url) !== null;

/** Call once at the top level of the background, so a page that finishes loading wakes the worker. */
export function registerContentInjection(): void {
  browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
    if (changeInfo.status === 'complete' && isWebPage(tab)) void inject(tabId);
  });
  // Pages already open when Emissary is installed loaded without it. The ones the user is looking at
  // (the active tab of each window) report now, so the popup and badge know the page in front of them;
  // the others report when they load next: every open tab at once would send discovery to every site
  // left open in the background, a burst nobody asked for. An update or a worker restart injects
  // nothing: the open pages reported when they loaded, and what they reported is kept.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void browser.tabs
      .query({ active: true })
      .then((tabs) => Promise.all(tabs.filter((t) => t.id !== undefined && t.status === 'complete' && isWebPage(t)).map((t) => inject(t.id!))))
      .catch(() => undefined);
  });
}
