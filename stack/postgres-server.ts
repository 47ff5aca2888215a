import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnService } from './managed-process.js';
import { stateRoot } from './paths.js';
import { onFreePort } from './port-binding.js';
import { ensurePostgres, type PostgresTools } from './postgres-binary.js';
import type { ProgressSink } from './progress.js';
import { startupProgress, waitFor } from './wait.js';

export interface PostgresOptions {
  port?: number;
  /** Data directory, socket, password file, log and pid file (default `.mlcycle/stack/postgres`). */
  stateDir?: string;
  /** The database created at the first start (default `airflow`). */
  database?: string;
  tools?: PostgresTools;
  startTimeoutMs?: number;
  /** Where a slow start-up says what it waits for (default: nowhere). */
  progress?: ProgressSink;
}

/** A running PostgreSQL server on loopback, with one database and a password user. */
export interface PostgresEndpoint {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  database: string;
  /** Directory of the unix socket (`.s.PGSQL.<port>`; local connections are trusted). */
  socketDir: string;
  /** `postgresql+psycopg2://...` for SQLAlchemy (Airflow's `sql_alchemy_conn`). */
  sqlAlchemyUrl: string;
  logFile: string;
  pid: number;
  stop(): Promise<void>;
}

const user = 'mlcycle';

/*
 * PostgreSQL refuses to run as root. When the stack runs as root (a container), the server runs in a user namespace
 * of its own where it is an ordinary user: files it creates are still root's outside, and stop() still reaches it.
 */
function asNonRoot(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['unshare', ['--user', '--map-user=1000', '--map-group=1000', '--', command, ...args]] : [command, args];
}

/** The password of a state dir, generated once (owner-only file). */
function passwordFor(stateDir: string): string {
  const file = join(stateDir, 'password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * `initdb` once (password auth on loopback TCP, trust on the unix socket, which is owner-only) and create the
 * database in single-user mode; done in a scratch directory renamed into place, so a half-made cluster is never used.
 */
function initCluster(tools: PostgresTools, stateDir: string, dataDir: string, database: string, password: string): void {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const scratch = `${dataDir}.init-${process.pid}`;
  const pwFile = join(stateDir, `.pwfile-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  writeFileSync(pwFile, password, { mode: 0o600 });
  const env = { ...process.env, ...tools.env };
  const run = (cmd: string, args: string[], input?: string) => {
    const [c, a] = asNonRoot(join(tools.bin, cmd), args);
    execFileSync(c, a, { env, input: input ?? '', stdio: ['pipe', 'pipe', 'pipe'], timeout: 120_000 });
  };
  try {
    run('initdb', ['-D', scratch, '-U', user, `--pwfile=${pwFile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-instructions']);
    run('postgres', ['--single', '-D', scratch, '-c', 'jit=off', 'postgres'], `CREATE DATABASE "${database}";\n`);
    renameSync(scratch, dataDir);
  } finally {
    rmSync(pwFile, { force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Start PostgreSQL on loopback (initialising its data directory once) and wait until it accepts connections. */
export async function startPostgres(opts: PostgresOptions = {}): Promise<PostgresEndpoint> {
  const tools = opts.tools ?? (await ensurePostgres());
  const stateDir = opts.stateDir ?? join(stateRoot(), 'stack', 'postgres');
  const dataDir = join(stateDir, 'data');
  const socketDir = join(stateDir, 'socket');
  const database = opts.database ?? 'airflow';
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  const password = passwordFor(stateDir);
  const progress = startupProgress('PostgreSQL', opts.progress);
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) progress.update({ stage: 'initdb' });
    initCluster(tools, stateDir, dataDir, database, password);
    return await onFreePort('postgres', opts.port, async (port) => {
      const program = join(tools.bin, 'postgres');
      const [command, args] = asNonRoot(program, [
        '-D', dataDir,
        '-c', 'listen_addresses=127.0.0.1',
        '-c', `port=${port}`,
        '-c', `unix_socket_directories=${socketDir}`,
        // JIT needs LLVM, which is not fetched; Airflow's queries gain nothing from it.
        '-c', 'jit=off',
      ]);
      const proc = await spawnService({
        name: 'postgres',
        command,
        args,
        identity: program,
        cwd: stateDir,
        env: { ...process.env, ...tools.env },
        logFile: join(stateDir, 'postgres.log'),
        pidFile: join(stateDir, 'postgres.pid'),
        stopGraceMs: 10_000,
      });
      try {
        // postmaster.pid names the server's pid first and its status last; "ready" means it accepts connections.
        await waitFor('accepting connections', proc, opts.startTimeoutMs ?? 60_000, async () => {
          const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
          return lines[0]?.trim() === String(proc.pid) && lines[7]?.trim() === 'ready' ? true : undefined;
        }, { progress, intervalMs: 100, ports: [port] });
      } catch (e) {
        await proc.stop();
        throw e;
      }
      const sqlAlchemyUrl = `postgresql+psycopg2://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
      return { host: '127.0.0.1' as const, port, user, password, database, socketDir, sqlAlchemyUrl, logFile: proc.logFile, pid: proc.pid, stop: () => proc.stop() };
    });
  } finally {
    progress.end();
  }
}
