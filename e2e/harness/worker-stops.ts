// Stops Emissary's service worker at chosen moments, as Chrome does when it is idle (Chromium only: CDP
// ServiceWorker.stopAllWorkers; Emissary's is the profile's only worker), and counts the stops by where
// they happened and the new worker lives that followed. Shared by the chaos suites.
import type { BrowserContext, CDPSession } from 'playwright-core';
import type { ExtensionRpc } from './extension-rpc';
import { until } from './until';

export class WorkerStops {
  stops = 0;
  /** New worker lives seen by wake() since begin(). */
  restarts = 0;
  readonly at: Record<string, number> = {};
  #startedAt = 0;

  private constructor(
    private readonly cdp: CDPSession,
    private readonly rpc: ExtensionRpc,
  ) {}

  static async attach(context: BrowserContext, rpc: ExtensionRpc): Promise<WorkerStops> {
    const cdp = await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
    await cdp.send('ServiceWorker.enable' as never);
    return new WorkerStops(cdp, rpc);
  }

  async stopAt(where: string): Promise<void> {
    await this.cdp.send('ServiceWorker.stopAllWorkers' as never);
    this.stops++;
    this.at[where] = (this.at[where] ?? 0) + 1;
  }

  /** Wakes the worker; counts a restart when it is a new worker life. */
  async wake(): Promise<void> {
    const status = await until('the background to answer', () => this.rpc.call('status'));
    if (status.workerStartedAt !== this.#startedAt) this.restarts++;
    this.#startedAt = status.workerStartedAt;
  }

  /** Wakes the worker and counts restarts from here. */
  async begin(): Promise<void> {
    await this.wake();
    this.restarts = 0;
  }
}
