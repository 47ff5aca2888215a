/* `npm run browser:setup`: install Debian's Chromium for the browser tests and `bench:ui` when it is missing. */
import { spawnSync } from 'node:child_process';
import { ensureChromium } from '../stack/chromium.js';

const path = ensureChromium();
const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`Chromium: ${path} (${version || 'version unknown'})`);
