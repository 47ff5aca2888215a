// test-tier: unit
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goStages, pinnedCount, pipStages } from '../../stack/build-stages.js';
import { formatElapsed, formatProgress, lineSink, ProgressLine, streamSink, type ProgressSink } from '../../stack/progress.js';

// The progress reporter of long stack steps, on a fake clock and a recording sink: formatting, throttling, stage parsing.

function recorder(live: boolean): ProgressSink & { shown: string[]; clears: number } {
  const sink = { live, shown: [] as string[], clears: 0, show: (t: string) => void sink.shown.push(t), clear: () => void (sink.clears += 1) };
  return sink;
}

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('progress formatting', () => {
  it('elapsed time in seconds, then minutes and seconds', () => {
    assert.equal(formatElapsed(0), '0 s');
    assert.equal(formatElapsed(59_999), '59 s');
    assert.equal(formatElapsed(65_000), '1 min 05 s');
    assert.equal(formatElapsed(6 * 60_000 + 30_000), '6 min 30 s');
  });

  it('a count against a total gives a percentage; what is unknown is left out', () => {
    assert.equal(formatProgress('ml venv', { stage: 'collecting', done: 57, total: 163, detail: 'aiohttp==3.14.5' }, 72_000, true), 'ml venv: collecting 57/163 (34%) aiohttp==3.14.5 · 1 min 12 s');
    assert.equal(formatProgress('ml venv', { stage: 'collecting', done: 57, total: 163, detail: 'aiohttp==3.14.5' }, 72_000, false), 'ml venv: collecting 57/163 (34%) · 1 min 12 s');
    assert.equal(formatProgress('MinIO build', { stage: 'compiling packages', done: 812 }, 3_000, false), 'MinIO build: compiling packages 812 · 3 s');
    assert.equal(formatProgress('Airflow', { stage: 'waiting for a token' }, 9_000, false), 'Airflow: waiting for a token · 9 s');
    assert.equal(formatProgress('x', { stage: 's', done: 5, total: 4 }, 0, false), 'x: s 5/4 (100%) · 0 s');
  });
});

describe('progress throttling', () => {
  it('not on a terminal: a line on each stage change, else at most one per interval', () => {
    const sink = recorder(false);
    const c = clock();
    const p = new ProgressLine({ label: 'ml venv', sink, now: c.now, intervalMs: 10_000 });
    p.update({ stage: 'creating the venv' });
    c.advance(2_000);
    for (let i = 1; i <= 50; i++) {
      p.update({ stage: 'collecting', done: i, total: 163 });
      c.advance(100);
    }
    p.tick();
    c.advance(6_000); // 11 s after the stage began
    p.tick();
    p.update({ stage: 'installing 163 packages' });
    p.end();
    assert.deepEqual(sink.shown, [
      'ml venv: creating the venv · 0 s',
      'ml venv: collecting 1/163 (0%) · 2 s',
      'ml venv: collecting 50/163 (30%) · 13 s',
      'ml venv: installing 163 packages · 13 s',
    ]);
    assert.equal(sink.clears, 0, 'nothing to clear without a live line');
  });

  it('on a terminal: redraws at most every redraw interval, and end() clears the line once', () => {
    const sink = recorder(true);
    const c = clock();
    const p = new ProgressLine({ label: 'MinIO build', sink, now: c.now, redrawMs: 100 });
    p.update({ stage: 'downloading modules', done: 1, detail: 'github.com/minio/minio' });
    c.advance(30);
    p.update({ stage: 'downloading modules', done: 2, detail: 'cloud.google.com/go' });
    c.advance(80);
    p.update({ stage: 'downloading modules', done: 3, detail: 'github.com/klauspost/compress' });
    c.advance(1_000);
    p.tick();
    p.end();
    p.end();
    p.update({ stage: 'after the end' });
    assert.deepEqual(sink.shown, [
      'MinIO build: downloading modules 1 github.com/minio/minio · 0 s',
      'MinIO build: downloading modules 3 github.com/klauspost/compress · 0 s',
      'MinIO build: downloading modules 3 github.com/klauspost/compress · 1 s',
    ]);
    assert.equal(sink.clears, 1);
  });

  it('quiet period: a step that ends quickly says nothing', () => {
    const sink = recorder(false);
    const c = clock();
    const quick = new ProgressLine({ label: 'MLflow', sink, now: c.now, quietMs: 5_000 });
    quick.update({ stage: 'waiting for /health' });
    c.advance(3_000);
    quick.tick();
    quick.end();
    assert.deepEqual(sink.shown, []);

    const slow = new ProgressLine({ label: 'Airflow', sink, now: c.now, quietMs: 5_000 });
    slow.update({ stage: 'waiting for healthy scheduler, DAG processor and triggerer' });
    c.advance(5_000);
    slow.tick();
    c.advance(2_000);
    slow.update({ stage: 'waiting for a token' });
    slow.end();
    assert.deepEqual(sink.shown, ['Airflow: waiting for healthy scheduler, DAG processor and triggerer · 5 s', 'Airflow: waiting for a token · 7 s']);
  });

  it('clear() makes room for a line of the caller; the next update draws again', () => {
    const sink = recorder(true);
    const c = clock();
    const p = new ProgressLine({ label: 'ml venv', sink, now: c.now });
    p.update({ stage: 'waiting for process 42, which is building it' });
    p.clear();
    p.clear();
    p.update({ stage: 'waiting for process 42, which is building it' });
    assert.equal(sink.clears, 1);
    assert.equal(sink.shown.length, 2);
  });
});

describe('progress sinks', () => {
  it('a terminal stream gets the line rewritten in place, cut to its width; another stream gets lines', () => {
    const tty: string[] = [];
    const live = streamSink({ isTTY: true, columns: 30, write: (c) => tty.push(c) }, '[stack] ');
    live.show('ml venv: collecting 57/163 (34%) · 1 min 12 s');
    live.clear();
    assert.equal(tty[0], `\r\x1b[K${'[stack] ml venv: collecting 57/163 (34%) · 1 min 12 s'.slice(0, 28)}…`);
    assert.equal(tty[1], '\r\x1b[K');
    const plain: string[] = [];
    const log = streamSink({ write: (c) => plain.push(c) });
    log.show('a');
    log.clear();
    assert.deepEqual(plain, ['a\n']);
    const lines: string[] = [];
    lineSink((l) => lines.push(l)).show('b');
    assert.deepEqual(lines, ['b']);
  });
});

describe('build stages', () => {
  it('counts the requirements a pinned file installs', () => {
    assert.equal(pinnedCount('# Generated\naiohttp==3.14.5\n\n-r other.txt\n  # note\nzipp==3.23.0\n'), 2);
  });

  it('pip: collecting against the pinned count, then wheels, installing and done', () => {
    const parse = pipStages(163);
    const lines = [
      'Looking in links: /opt/wheels',
      'Collecting aiobotocore==3.10.0 (from -r python/requirements-ml.txt (line 2))',
      '  Downloading aiobotocore-3.10.0-py3-none-any.whl (102 kB)',
      '     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 102.8/102.8 kB 139.3 MB/s eta 0:00:00',
      'Collecting aiohappyeyeballs==2.7.1 (from -r python/requirements-ml.txt (line 3))',
      'Building wheels for collected packages: antlr4-python3-runtime',
      "  Building wheel for antlr4-python3-runtime (pyproject.toml): finished with status 'done'",
      'Installing collected packages: huey, funcy, appdirs',
      'Successfully installed Flask-3.1.3 huey-2.5.0',
      'No broken requirements found.',
    ];
    assert.deepEqual(lines.map(parse), [
      undefined,
      { stage: 'collecting', done: 1, total: 163, detail: 'aiobotocore==3.10.0' },
      { stage: 'collecting', done: 1, total: 163, detail: 'aiobotocore-3.10.0-py3-none-any.whl' },
      undefined,
      { stage: 'collecting', done: 2, total: 163, detail: 'aiohappyeyeballs==2.7.1' },
      { stage: 'building wheels', detail: 'antlr4-python3-runtime' },
      { stage: 'building wheels', detail: 'antlr4-python3-runtime' },
      { stage: 'installing 3 packages' },
      { stage: 'installed' },
      undefined,
    ]);
  });

  it('go install -v: modules downloaded, then packages compiled', () => {
    const parse = goStages();
    const lines = [
      'go: downloading github.com/minio/minio v0.0.0-20260212201848-7aac2a2c5b7c',
      'go: downloading cloud.google.com/go/storage v1.52.0',
      'internal/goarch',
      'github.com/minio/minio/internal/logger',
      'go: github.com/minio/minio@v0.0.0: some warning text',
      '# github.com/minio/minio/cmd',
    ];
    assert.deepEqual(lines.map(parse), [
      { stage: 'downloading modules', done: 1, detail: 'github.com/minio/minio' },
      { stage: 'downloading modules', done: 2, detail: 'cloud.google.com/go/storage' },
      { stage: 'compiling packages', done: 1, detail: 'internal/goarch' },
      { stage: 'compiling packages', done: 2, detail: 'github.com/minio/minio/internal/logger' },
      undefined,
      undefined,
    ]);
  });
});
