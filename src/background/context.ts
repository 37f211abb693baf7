// What every feature of the background gets: one instance of each service per worker life.
import type { ConsentQueue } from './consent/queue';
import type { Inbox } from './inbox/service';
import type { PaymentService } from './payments';
import type { VaultService } from './vault-service';
import type { fetchText } from './net';

export interface BackgroundContext {
  vault: VaultService;
  /** x402: `payments.paidFetch` pays a 402 through approvals and budgets. */
  payments: PaymentService;
  /** Approvals that are not payments (tool calls, signatures, data releases…). */
  consent: ConsentQueue;
  /** Threads with site agents; protocols register their handler here. */
  inbox: Inbox;
  /** Capped, credential-free GET of a public document; answers from what discovery kept while it is fresh. */
  fetchText: typeof fetchText;
  /** Settles when the worker restored its state; handlers that run outside API calls await it. */
  ready: Promise<void>;
  /** Settles when the vault picked up its session: from then on it answers locked or unlocked truly. */
  restored: Promise<void>;
}
