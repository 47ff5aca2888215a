import { join } from 'node:path';
import { bundleLibDir, ensureDebianBundle } from './debian-packages.js';
import { silentSink, type ProgressSink } from './progress.js';

/*
 * PostgreSQL for Airflow's metadata database: Debian 12's `postgresql-15` server binaries, fetched like the registry
 * (stack/debian-packages.ts). The packages are the server and the libraries it links that a stock Debian 12 lacks
 * (libpq for initdb; ICU, libxml2, OpenLDAP and SASL for the server); OpenSSL, Kerberos, zstd, lz4 and PAM come with
 * the base system. LLVM (libllvm14, 25 MB) is left out: it only serves JIT, which the stack turns off.
 */

/** The Debian packages unpacked into `<cache>/debs/postgres/` (versions: whatever the host's apt lists hold). */
export const postgresDebs = ['postgresql-15', 'libpq5', 'libicu72', 'libxml2', 'libldap-2.5-0', 'libsasl2-2', 'libsasl2-modules-db'] as const;

/** The major version the stack runs. */
export const postgresMajor = 15;

/** The unpacked server: its `bin` directory and the environment its programs need. */
export interface PostgresTools {
  bin: string;
  env: Record<string, string>;
}

const binDir = join('usr', 'lib', 'postgresql', String(postgresMajor), 'bin');

/** The unpacked PostgreSQL server, downloading it once. */
export async function ensurePostgres(log: (line: string) => void = () => {}, sink: ProgressSink = silentSink): Promise<PostgresTools> {
  const root = await ensureDebianBundle(
    { name: 'postgres', label: 'PostgreSQL packages', packages: postgresDebs, binaries: ['postgres', 'initdb', 'pg_ctl'].map((b) => join(binDir, b)) },
    log,
    sink,
  );
  // The binaries find their share/ and lib/ relative to their own location, so the unpacked tree works where it is.
  return { bin: join(root, binDir), env: { LD_LIBRARY_PATH: bundleLibDir(root) } };
}
