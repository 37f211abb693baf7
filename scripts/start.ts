// `npm start`: build both browser packages, start the demo agent-enabled sites, and open Chromium
// with Emissary loaded on the demo shop. Without a display (or with --headless) it does the same
// headless, saves screenshots of the popup and the demo page, prints where, and exits.
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { buildAll } from './build.ts';
import { DEFAULT_PORTS, startDemoSites } from '../e2e/demo/server.ts';
import { startPaidBackend } from '../e2e/demo/paid/backend.ts';
import { createAitpAgent } from '../e2e/demo/aitp/agent.ts';
import { launchChromium } from '../e2e/harness/chromium.ts';
import { startAnpDemo } from '../e2e/demo/anp/server.ts';
import { createMcpDemo } from '../e2e/demo/mcp/index.ts';
import { startAgoraDemo } from '../e2e/demo/agora/server.ts';
import { startLmosDemo } from '../e2e/demo/lmos/server.ts';
import { ARTIFACTS, REPO } from '../e2e/harness/paths.ts';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY || process.env.CI === 'true';

await buildAll();
// The local chain with TestUSDC and the x402 facilitator behind the shop's paid API.
const paid = await startPaidBackend({ chainPort: 8545, facilitatorPort: 4103 });
// The shop's AITP agent ("Talk to this site's agent"), paid through the same chain and facilitator.
const aitp = createAitpAgent({ payments: { chainId: paid.chain.chainId, token: paid.token, payTo: paid.payTo, facilitatorUrl: paid.facilitator.url } });
// The shop's MCP servers (modern and legacy era, one paid tool, one behind OAuth) and its WebMCP page at /webmcp.
const mcp = createMcpDemo({ paid: { chainId: paid.chain.chainId, token: paid.token, payTo: paid.payTo, facilitatorUrl: paid.facilitator.url } });
const sites = await startDemoSites({ ports: DEFAULT_PORTS, mount: { shop: [paid.api.handle, aitp.handle, mcp.handle] } });
console.log(`Demo sites: shop ${sites.origins.shop} · travel agent ${sites.origins.agent} · plain ${sites.origins.plain}`);
// ANP agent sites (did:wba, signed requests) and the DID host where Emissary publishes the user's DIDs.
const anp = await startAnpDemo({ ports: { hotel: 4610, museum: 4611, didhost: 4612 } });
console.log(`ANP demo: hotel ${anp.origins.hotel} · museum ${anp.origins.museum} · DID host ${anp.origins.didhost}/users`);
// An Agora café (protocol documents) and an LMOS barista (WoT Thing Description over HTTP + WebSocket).
const agora = await startAgoraDemo({ port: 4110 });
const lmos = await startLmosDemo({ port: 4111 });
console.log(`Agora café ${agora.origin} · LMOS barista ${lmos.origin}`);
console.log(`Local chain ${paid.chain.rpcUrl} (id ${paid.chain.chainId}) · TestUSDC ${paid.token.address} · facilitator ${paid.facilitator.url}`);

const browser = await launchChromium({ headless, viewport: { width: 1280, height: 800 } });
const shop = await browser.context.newPage();
await shop.goto(sites.origins.shop);

if (!headless) {
  console.log('Chromium is open with Emissary loaded (extension id %s). Press Ctrl+C to stop.', browser.extensionId);
  console.log('Firefox: open about:debugging → This Firefox → Load Temporary Add-on → dist/firefox/manifest.json');
  const stop = async () => {
    await browser.close().catch(() => {});
    await sites.close();
    await anp.close();
    await agora.close();
    await lmos.close();
    await paid.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  browser.context.on('close', stop);
} else {
  const dir = join(ARTIFACTS, 'start');
  await mkdir(dir, { recursive: true });
  await shop.getByText('Fresh coffee').waitFor();
  await shop.screenshot({ path: join(dir, 'demo-shop.png') });
  const popup = await browser.openPopup();
  await popup.waitFor('.welcome');
  await popup.screenshot(join(dir, 'popup.png'));
  await browser.close();
  await sites.close();
  await anp.close();
  await agora.close();
  await lmos.close();
  await paid.stop();
  console.log(`Headless run: screenshots in ${relative(REPO, dir)}/ (popup.png, demo-shop.png)`);
}
