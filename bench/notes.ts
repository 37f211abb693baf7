// Closing notes of the Markdown report: how the figures were made, and every MISS with its reason
// and plan. Evidence quoted here comes from the figures above and from the diagnostics named.
export const NOTES = `## How to read and reproduce

- Full run: \`EMISSARY_DIST=dist-bench npm run bench\` (builds into dist-bench/, writes artifacts/bench/ and this
  dated report). Short run for CI: \`npm run bench:ci\` (\`BENCH_QUICK=1\`, one or two iterations; exits non-zero
  only when a measurement crashes). Single figures: \`--only page-cost,discovery-latency\`, \`--browsers chromium\`.
- Every ratio is against a baseline measured in the same process or browser, interleaved with it, medians.
  The machine is 2 cores shared with several engineers' browsers (load average ≈ 17–20 during this run),
  so absolute times are several times what an idle laptop shows, and ratios whose numerator holds work the
  baseline does not (IPC hops, idb transactions) are inflated: the fixed delays in them are not.
- Signing and paid-request run in Node: Emissary's own modules (src/protocols/evm, src/wallet,
  src/protocols/anp, src/protocols/aitp; src/background/payments with fake-indexeddb, as in its unit tests)
  against @noble/curves, viem's EIP-712 encoder and the official @x402/fetch client.
- Memory is the Node heap of the background's discovery and thread stores (fake-indexeddb keeps records in
  the JS heap, so the growth per item includes the store; in the browser idb is on disk). The figure is the
  bound: discovering every stored site again, or reading every message back, must not grow the heap.
- Firefox: page load (no main-thread metric over WebDriver BiDi) and discovery latency. Popup, wake and
  idb figures are Chromium only (BiDi cannot stop an extension's background or read its idb).

## Misses: reason and plan

**Page load / main-thread time (Chromium).** Until session 3 the content script was declared in the
manifest, and a browser with Emissary minus that script loaded like one without Emissary: the cost was
Chromium injecting *a* content script before the load event, not the script's own work. Since session 3 the
background injects the same script with \`scripting.executeScript\` once the tab reports \`complete\`
(\`src/background/content-injection.ts\`); the page-cost figures' third browser is now the same build with the
script declared in the manifest as before, so every run shows before and after side by side. Measured on the
loaded 2-core machine (medians, Emissary ÷ without): demo shop new tab 1.50 → 0.57–1.20, same tab 1.24 →
1.19–1.62 (noise ±30 %), heavy page new tab 1.07–1.38 → 1.03–1.13, same tab 1.26–1.32 → 0.93–1.16; Firefox demo
shop 1.26 → 0.84–0.89 (PASS). Main-thread time still misses (1.08–1.87): creating the script's world is the same
work, now after the load. What remains of the load gap: in the earlier runs an extension with no content script
at all was also slower than none (shop 98 vs 75 ms new tab), i.e. the worker's per-navigation work
(\`tabs.onUpdated\` → discovery cache lookup, badge) competing for the two cores. Plan: profile that handler;
skip the badge write when its text does not change; inject only on first visits and WebMCP pages.

**Discovery latency.** Discovery now starts when the tab commits the navigation (\`tabs.onUpdated\` with the URL,
no new permission; the content script's report adds its hints and the visit) instead of after document_idle.
Before, the first probe reached the server 215–473 ms after the navigation started; now the agent site's
probes arrive from 148 ms (page request at 38 ms) and the badge follows at 765 ms (1.53). The server-side
arrival times show where the rest goes: the probes follow once Chromium reports the commit, and every probe
and followed link arrives within one delay of the first (shop: 394 → 939 ms, the last being the OpenAPI link
read after agents.json), so nothing is serial and the HTTP/1.1 6-connections-per-host limit did not queue a
second round of delayed probes. What remains is commit → event → settings/idb reads →
fetch, then the followed link (agents.json → OpenAPI, ANP list → description), the store write and the badge
call: each an IPC hop or an idb transaction, several times slower on this loaded machine while the 500 ms delay
is not. Diagnostic traces in the worker showed the 9 fetch() calls of one probe spread over ~350 ms on this
machine, against 3 ms for the same discoverSite call in Node: CPU starvation, not code. Plan: rerun on an idle
machine; \`webNavigation.onBeforeNavigate\` would save the commit wait but needs a permission with its own
install warning, not worth it. (Chromium's \`pendingUrl\` is used when it is given; it was not for these navigations.)

**Popup Wallet history vs empty (10,000: 1.61; 1,000: 1.49).** The history at 1,000 and at 10,000 payments
cost the same ("10,000 ÷ 1,000" = 1.08): the query is flat (byCreatedAt index, newest 100; the idb chart).
The ratio to the empty store is rendering 100 receipt cards against an empty-state paragraph. Plan (popup
owner): render the first screenful (about 10 cards) and page or virtualise the rest.

**Worker wake.** Baseline is the browser's own floor: an empty MV3 extension's worker, woken the same way in
the same browser (20–40 ms here). Session 2 measured 599 ms; traces of one cold wake showed two causes: deriving
every key (noble's curve tables, the BIP-32 chain) on each wake to restore the session (110–175 ms), and Chrome
compiling the whole ES-module worker each time without a code cache (44–89 ms). Session 3: keys are derived on
the first signature (the public half is kept encrypted under the vault key, so addresses need no derivation),
\`status()\` waits only for the vault restore, and the background is a classic (IIFE) script, which Chrome
code-caches (compile 10 ms). Same-session A/B, \`npm run bench -- --only worker-wake --browsers chromium\`:
before 294 / 206 ms ÷ 32 / 24 ms = 9.18 / 8.60; after 91 / 96 ms ÷ 23 / 20 ms = 3.97 / 4.89 (still a MISS against
≤ 2); the popup opened on a stopped worker went from 1.91 / 2.05 to 1.47 / 1.41 (PASS, ≤ 1.5). The remaining ~90
ms scale with the 614 KiB bundle (fetching it and its 1.5 MB code cache ~30 ms, decoding 9, compiling 10, top
level 12, answering 15). Plan: a smaller background (yaml alone is ~65 KiB; 69 non-Latin-1 characters make V8
keep the source as two-byte text).

**Paid request (passed here, 0.96; a quick run of 3 showed 1.28).** Emissary's extra over @x402/fetch is its bookkeeping: the payment record written before
signing and updated after each step (so a killed worker can resume or report it), and the budget check, each an
idb transaction; the HTTP round trips and the on-chain settlement are the same for both ("time in HTTP").

**Signing (EIP-712, ed25519 sign, ed25519 proof verify).** Noise, not code: at load ≈ 20 the machine
signed ~70–130 times a second (an idle laptop does thousands), and the ratios flipped between runs of the same
code (EIP-712 1.68, 1.30 and 0.68; proof verify 0.53, 0.72 and 0.64; secp256k1 1.20, 1.59, 1.16). The
Emissary paths add work measured in microseconds on top of the same noble calls (EIP-712 encoding, which is
faster than viem's; the AITP canonical payload; JCS + two SHA-256 of a 2 KB DID document); timed alone,
Emissary's proof verification and noble's took 1.26 and 1.24 ms. Fixed in the method for the next run: 31
short rounds with alternating order instead of 7 long ones, median of per-round ratios.

**Firefox page load (demo shop) and discovery latency.** Same causes as in Chromium as far as measured (the
page-load cost was the content script's injection, now after the load: 0.84–0.89 in session 3; latency adds IPC
and idb hops under load); Firefox has no main-thread metric over BiDi and its discovery figure has no server-side
breakdown yet. Plan: add the same per-request arrival times to the Firefox latency figure.

**Memory, idb reads, popup first render and interactive, discovery requests, paid request, unlock, package
size:** passed. The heap stays flat when 1,000 stored sites are discovered again and when 10,000 messages are
read back; idb reads by key and by index are flat from 1,000 to 10,000 records (see the idb chart).
`;
