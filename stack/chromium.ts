import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/*
 * Debian's Chromium, which the dashboard's browser tests and `bench:ui` drive through playwright-core (a test tool's
 * own browser download is not used: it needs hosts this machine cannot reach, and Debian's package is kept patched).
 * Installed with apt when missing, as root or through password-less sudo.
 */

/** Where the browser is: `MLCYCLE_CHROMIUM` when set, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.MLCYCLE_CHROMIUM ?? '/usr/bin/chromium';
}

/** Make sure Chromium is installed (apt-get install chromium when it is not); returns its path. */
export function ensureChromium(log: (line: string) => void = (l) => console.log(l)): string {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  if (process.env.MLCYCLE_CHROMIUM) throw new Error(`MLCYCLE_CHROMIUM names ${path}, which does not exist.`);
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const apt = (args: string[]) => {
    const [cmd, ...rest] = [...prefix, 'apt-get', ...args];
    return spawnSync(cmd!, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  log('Installing Debian\'s chromium with apt-get (once per machine; about a minute)...');
  const install = ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation'];
  if (!apt(install) && !(apt(['update']) && apt(install))) {
    throw new Error(`Could not install chromium with apt-get${asRoot ? '' : ' (this needs root or password-less sudo)'}: run \`apt-get install chromium\`, or set MLCYCLE_CHROMIUM to a Chromium binary.`);
  }
  if (!existsSync(path)) throw new Error(`apt-get installed chromium, but ${path} is missing.`);
  return path;
}

/**
 * The flags Chromium needs here: headless without a sandbox (tests may run as root), and none of its background
 * connections to Google's hosts, which a closed network refuses by the dozen.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
];
