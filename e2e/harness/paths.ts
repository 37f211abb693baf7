import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const DIST = { chrome: resolve(REPO, 'dist/chrome'), firefox: resolve(REPO, 'dist/firefox') };
export const ARTIFACTS = resolve(REPO, 'artifacts');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
