import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { freePort } from '../devhost/emulators/free-port.js';
import { sessionMembers } from './process-tree.js';
import { ServiceStartError } from './wait-errors.js';

/*
 * A free port is only free until someone binds it: another stack on the same machine can take the port this one just
 * picked. The servers the stack spawns (MinIO, the registry, MLflow, Airflow, PostgreSQL) take their port on the
 * command line and cannot report one the OS chose, so each start runs through `onFreePort`: pick, start, and when the
 * start fails because the port was taken, pick again. A taken port shows as "address already in use" in the service's
 * output, or as a listener on the port that no process of the service's session holds (a server that keeps running
 * without its socket, such as Airflow standalone when its API server dies, or a foreign server answering the health
 * check in its place). The in-process servers (the Azure DevOps stand-in, the fault proxy) bind port 0 instead.
 */

/** The start failed because another process holds the port the service was told to bind. */
export class PortInUseError extends ServiceStartError {
  constructor(
    readonly port: number,
    message: string,
  ) {
    super(message);
    this.name = 'PortInUseError';
  }
}

/** Picks the port of one start attempt of the named service. */
export type PortPicker = (service: string) => Promise<number>;

let picker: PortPicker = () => freePort();

/**
 * Replace how ports are picked (`undefined` restores the default): lets a test reproduce the race by taking the
 * picked port itself before the service binds it.
 */
export function setPortPicker(p: PortPicker | undefined): void {
  picker = p ?? (() => freePort());
}

/** A port for the named service, from the current picker. */
export async function pickPort(service: string): Promise<number> {
  return picker(service);
}

/** Output that means a bind failed on a taken port (Go, Python, PostgreSQL and Node spell it alike). */
export const addressInUsePattern = /address already in use|EADDRINUSE/i;

/**
 * Start `start(port)` on a picked port, and again on another one (up to `attempts` in all) when it fails with a
 * `PortInUseError`. A `fixed` port is tried once: the caller chose it and gets the error.
 */
export async function onFreePort<T>(service: string, fixed: number | undefined, start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = fixed ?? (await pickPort(service));
    try {
      return await start(port);
    } catch (e) {
      if (!(e instanceof PortInUseError) || fixed !== undefined || attempt >= attempts) throw e;
    }
  }
}

/** Inodes of the sockets listening on `port` (any local address), from the kernel's TCP tables. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols: sl, local_address (ADDR:PORT), rem_address, st (0A = LISTEN), ..., inode (index 9).
      if (cols.length > 9 && cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A' && cols[9] !== '0') inodes.add(cols[9]!);
    }
  }
  return inodes;
}

function holdsAny(pid: number, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m && inodes.has(m[1]!)) return true;
    } catch {
      // The fd closed meanwhile.
    }
  }
  return false;
}

/** True when something listens on `port` and no process of session `sid` holds that socket. */
export function portHeldElsewhere(port: number, sid: number): boolean {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return false;
  return !sessionMembers(sid).some((pid) => holdsAny(pid, inodes));
}
