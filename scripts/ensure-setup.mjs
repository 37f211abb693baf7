// Runs before `npm start` on a fresh machine: installs what is missing (npm packages, and Debian's
// Chromium, Firefox ESR and fonts when running as root), so that one command does everything.
// Plain JavaScript on purpose: it runs before the project's own dev dependencies exist.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, opts = {}) => {
  console.log(`› ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: repo, ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const missing = [];
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
if (!existsSync('/usr/bin/firefox-esr')) missing.push('firefox-esr');
if (!existsSync('/usr/share/fonts/truetype/dejavu')) missing.push('fonts-dejavu-core');
if (missing.length) {
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  } else {
    console.error(`Emissary needs these Debian packages: ${missing.join(' ')}\n  sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
}
if (!existsSync(join(repo, 'node_modules', '.package-lock.json'))) run('npm', ['ci', '--no-audit', '--no-fund']);
