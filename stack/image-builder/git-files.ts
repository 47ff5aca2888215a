import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

/** A file of a Git tree: its path relative to the tree, its Git mode, and its content (a symlink's target). */
export interface GitFile {
  path: string;
  /** `100644`, `100755` or `120000` (symlink). Submodules (`160000`) are left out: a build context has no gitlinks. */
  mode: '100644' | '100755' | '120000';
  content: Buffer;
}

/** The tree id of `path` at `commitSha` (`.` is the commit's root tree). */
export async function treeId(repoDir: string, commitSha: string, path: string): Promise<string> {
  const spec = path === '.' || path === '' ? `${commitSha}^{tree}` : `${commitSha}:${path.replace(/\/+$/, '')}`;
  const { stdout } = await execFileP('git', ['rev-parse', '--verify', '--end-of-options', spec], { cwd: repoDir });
  return stdout.trim();
}

/** The blob at `path` in `commitSha`, or null when there is none. */
export async function readBlobAt(repoDir: string, commitSha: string, path: string): Promise<Buffer | null> {
  try {
    const { stdout } = await execFileP('git', ['cat-file', 'blob', `${commitSha}:${path}`], { cwd: repoDir, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch {
    return null;
  }
}

/** Every file under the tree `tree` (recursively), with content, in Git's (byte) order. */
export async function treeFiles(repoDir: string, tree: string): Promise<GitFile[]> {
  const { stdout } = await execFileP('git', ['ls-tree', '-r', '-z', '--full-tree', tree], { cwd: repoDir, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const entries = stdout
    .toString('utf8')
    .split('\0')
    .filter((line) => line.length > 0)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, id] = line.slice(0, tab).split(' ');
      return { mode, type, id: id ?? '', path: line.slice(tab + 1) };
    })
    .filter((e): e is { mode: GitFile['mode']; type: string; id: string; path: string } => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755' || e.mode === '120000'));
  const contents = await catBlobs(repoDir, entries.map((e) => e.id));
  return entries.map((e, i) => ({ path: e.path, mode: e.mode, content: contents[i] ?? Buffer.alloc(0) }));
}

/** The contents of blobs, in order, through one `git cat-file --batch`. */
async function catBlobs(repoDir: string, ids: string[]): Promise<Buffer[]> {
  if (ids.length === 0) return [];
  const child = spawn('git', ['cat-file', '--batch'], { cwd: repoDir, stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(`${ids.join('\n')}\n`);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`git cat-file --batch failed (exit ${code ?? 'signal'}): ${stderr.trim()}`);
  // Each object: `<id> <type> <size>\n<content>\n`.
  const out = Buffer.concat(chunks);
  const blobs: Buffer[] = [];
  let at = 0;
  for (const id of ids) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    if (header[0] !== id || header[1] !== 'blob') throw new Error(`git cat-file --batch: unexpected header for ${id}: ${header.join(' ')}`);
    const size = Number(header[2]);
    blobs.push(out.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return blobs;
}
