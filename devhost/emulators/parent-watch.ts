/**
 * Source to put before an emulator's own code (`node -e`): it checks twice a second whether the process that started
 * it is still its parent and, once it is not (the dev host died, even by `kill -9`, and the child was handed to
 * init), stops the emulator with SIGTERM, so it closes its files as on Ctrl-C, and exits at the latest 5 s later.
 * `process.ppid` is read once at start in Node, so the live parent comes from `/proc/self/stat` where there is one,
 * and from signalling the first parent elsewhere.
 */
export const parentWatchPrelude = `(() => {
  const parent = process.ppid;
  const fs = require('node:fs');
  const orphaned = () => {
    try {
      const stat = fs.readFileSync('/proc/self/stat', 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent;
    } catch {
      try { process.kill(parent, 0); return false; } catch { return true; }
    }
  };
  const timer = setInterval(() => {
    if (!orphaned()) return;
    clearInterval(timer);
    setTimeout(() => process.exit(0), 5000).unref();
    process.kill(process.pid, 'SIGTERM');
  }, 500);
  timer.unref();
})();`;
