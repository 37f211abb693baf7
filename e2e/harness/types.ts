// What a browser test needs from either browser, so each scenario is written once and runs in both.
export interface ExtPage {
  goto(url: string): Promise<void>;
  click(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  press(selector: string, key: string): Promise<void>;
  text(selector: string): Promise<string>;
  texts(selector: string): Promise<string[]>;
  attr(selector: string, name: string): Promise<string | null>;
  attrs(selector: string, name: string): Promise<(string | null)[]>;
  /** Waits until an element matching the selector is visible. */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** Waits until the element's text contains the given text. */
  waitForText(selector: string, text: string, timeoutMs?: number): Promise<void>;
  count(selector: string): Promise<number>;
  /** A computed CSS property of the first match. */
  style(selector: string, property: string): Promise<string>;
  screenshot(path: string): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface ExtBrowser {
  name: 'chromium' | 'firefox';
  popupUrl: string;
  optionsUrl: string;
  newPage(): Promise<ExtPage>;
  /** Opens Emissary's popup page in a tab of its own (the toolbar popup cannot be clicked headless). */
  openPopup(opts?: { colorScheme?: 'light' | 'dark' }): Promise<ExtPage>;
  /** Stops the background service worker, as the browser does when it is idle. Chromium only. */
  stopServiceWorker?(): Promise<void>;
  close(): Promise<void>;
}
