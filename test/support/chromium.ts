import { existsSync } from 'node:fs';

/** Debian's Chromium, or the one CHROMIUM_PATH names; null on a machine without one (a user's laptop). */
export const CHROMIUM_PATH: string | null = (() => {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(path) ? path : null;
})();

/** Headless, with nothing that reaches out to the network: the machines here have no way out. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

if (!CHROMIUM_PATH) {
  process.stderr.write(
    "Browser tests skipped: no Chromium at /usr/bin/chromium. Install Debian's chromium or set CHROMIUM_PATH.\n",
  );
}
