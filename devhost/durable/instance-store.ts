import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { journalLineSchema } from './journal.js';
import type { JournalLine } from './journal.js';

/*
 * Instances on local disk: one directory per instance holding
 *   history.jsonl  the journal of the current execution (see journal.ts), only ever appended to with one
 *                  write + fdatasync per record, and replaced as a whole (temp file + fsync + rename + directory
 *                  fsync) when an execution starts afresh (new start, restart, continueAsNew);
 *   state.json     a small summary (id, name, status, times) rewritten with temp + rename after each change, for
 *                  people and tools; the engine always rebuilds its state from the journal, so the summary is not
 *                  fsynced (a crash may leave it a step behind, never torn), which keeps each episode to one fsync.
 * A crash can leave at most a torn last journal line, which load() cuts off.
 */

const journalFile = 'history.jsonl';
const stateFile = 'state.json';

/** Thrown when a journal line other than the last cannot be read. */
export class CorruptJournalError extends Error {
  constructor(file: string, lineNo: number, reason: string) {
    super(`Journal ${file} is corrupt at line ${lineNo}: ${reason}`);
    this.name = 'CorruptJournalError';
  }
}

/** Disk persistence for durable instances under one directory. */
export class InstanceStore {
  constructor(readonly root: string) {}

  /** Create the root directory if needed. */
  async init(): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
  }

  /** The directory of an instance (file-system safe; long ids are hashed). */
  dirOf(instanceId: string): string {
    const encoded = encodeURIComponent(instanceId).replace(/\./g, '%2E');
    const name = encoded.length <= 180 ? `i-${encoded}` : `h-${createHash('sha256').update(instanceId).digest('hex')}`;
    return path.join(this.root, name);
  }

  /** Directories that hold a journal. */
  async listDirs(): Promise<string[]> {
    const names = await fs.readdir(this.root).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw e;
    });
    const out: string[] = [];
    for (const n of names) {
      const dir = path.join(this.root, n);
      const ok = await fs.stat(path.join(dir, journalFile)).then(
        () => true,
        () => false,
      );
      if (ok) out.push(dir);
      else await fs.rm(dir, { recursive: true, force: true }); // a start that crashed before its journal was in place
    }
    return out;
  }

  /** Read a journal, cutting off a torn last line. Undefined when the instance has none. */
  async loadDir(dir: string): Promise<JournalLine[] | undefined> {
    const file = path.join(dir, journalFile);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    await fs.rm(`${file}.tmp`, { force: true });
    const lines: JournalLine[] = [];
    let offset = 0;
    let goodLength = 0;
    let lineNo = 0;
    while (offset < text.length) {
      const nl = text.indexOf('\n', offset);
      lineNo += 1;
      const isLast = nl < 0 || nl === text.length - 1;
      const raw = nl < 0 ? text.slice(offset) : text.slice(offset, nl);
      let parsed: JournalLine | undefined;
      try {
        parsed = journalLineSchema.parse(JSON.parse(raw));
      } catch (err) {
        if (!isLast && nl >= 0) throw new CorruptJournalError(file, lineNo, err instanceof Error ? err.message : String(err));
      }
      if (nl < 0 || !parsed) break; // torn tail: no newline, or unreadable last line
      lines.push(parsed);
      offset = nl + 1;
      goodLength = Buffer.byteLength(text.slice(0, offset));
    }
    if (goodLength < Buffer.byteLength(text)) await fs.truncate(file, goodLength);
    return lines;
  }

  /** Read the journal of an instance. */
  async load(instanceId: string): Promise<JournalLine[] | undefined> {
    return this.loadDir(this.dirOf(instanceId));
  }

  /** Append records with one write and wait until they are on disk. */
  async append(instanceId: string, lines: JournalLine[]): Promise<void> {
    if (lines.length === 0) return;
    const fh = await fs.open(path.join(this.dirOf(instanceId), journalFile), 'a');
    try {
      await fh.write(lines.map((l) => JSON.stringify(l) + '\n').join(''));
      await fh.datasync();
    } finally {
      await fh.close();
    }
  }

  /** Atomically replace the journal (a new execution), creating the instance directory if needed. */
  async replace(instanceId: string, lines: JournalLine[]): Promise<void> {
    const dir = this.dirOf(instanceId);
    const created = await fs.mkdir(dir, { recursive: true });
    if (created) await fsyncDir(this.root);
    await writeDurably(path.join(dir, journalFile), lines.map((l) => JSON.stringify(l) + '\n').join(''));
    await fsyncDir(dir);
  }

  /** Rewrite the summary file (temp + rename, no fsync: see the file comment). */
  async writeState(instanceId: string, summary: unknown): Promise<void> {
    const file = path.join(this.dirOf(instanceId), stateFile);
    try {
      await fs.writeFile(`${file}.tmp`, JSON.stringify(summary, null, 2) + '\n');
      await fs.rename(`${file}.tmp`, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // purged meanwhile
    }
  }

  /** Delete an instance and everything stored for it. */
  async purge(instanceId: string): Promise<void> {
    const dir = this.dirOf(instanceId);
    // The journal goes first: a crash part-way leaves a directory without one, which listDirs() clears away.
    await fs.rm(path.join(dir, journalFile), { force: true });
    await fs.rm(dir, { recursive: true, force: true });
    await fsyncDir(this.root);
  }
}

async function writeDurably(file: string, content: string): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.write(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, file);
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await fs.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
