import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
const DIST_ROOT = resolve(REPO, process.env.EMISSARY_DIST ?? 'dist');
export const DIST = { chrome: resolve(DIST_ROOT, 'chrome'), firefox: resolve(DIST_ROOT, 'firefox') };
export const ARTIFACTS = resolve(REPO, 'artifacts');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
