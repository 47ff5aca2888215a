import type { z } from '../../shared/domain/zod.js';
import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import { dataFingerprint } from '../../shared/domain/dvc/fingerprint.js';
import { parseDirManifest } from '../../shared/domain/dvc/manifest.js';
import { dataGone, dataNotPushed, type RequiredObject } from '../../shared/domain/dvc/missing-objects.js';
import { parseTrackedFile, type DvcOutput } from '../../shared/domain/dvc/outputs.js';
import { parseDvcConfig, remoteKey, remoteUrlFor, type DvcRemotes } from '../../shared/domain/dvc/remote.js';
import type { DataPathVersion } from '../../shared/domain/run.js';
import { mlflowTags } from '../../shared/durable/instance-ids.js';
import type { versionData } from './contracts.js';
import { completeStep, inStep, snapshotOf } from '../../shared/use-cases/run-record.js';
import { assertPinnedData, originalOf } from './reproduction.js';

type Input = z.output<typeof versionData.input>;
type Output = z.input<typeof versionData.output>;

/** Of `objects`, those the remote lacks (one `missingKeys` call per remote). */
async function missingOf(services: Pick<Services, 'objects'>, objects: RequiredObject[]): Promise<RequiredObject[]> {
  const byRemote = new Map<string, RequiredObject[]>();
  for (const o of objects) byRemote.set(o.remoteUrl, [...(byRemote.get(o.remoteUrl) ?? []), o]);
  const missing: RequiredObject[] = [];
  for (const [remoteUrl, list] of byRemote) {
    const keys = [...new Set(list.map((o) => o.key))];
    const absent = new Set(await services.objects.missingKeys(remoteUrl, keys));
    missing.push(...list.filter((o) => absent.has(o.key)));
  }
  return missing;
}

/**
 * Step 2: read the tracked `.dvc` / `dvc.lock` files at the commit, check that every object (and every file listed in
 * a directory's `.dir` manifest) is in the remote, and fingerprint the data. Data that was never pushed fails the
 * step permanently with DATA_NOT_PUSHED naming the paths. Also tells whether commit and data equal the champion's.
 */
export function versionDataActivity(services: Pick<Services, 'runs' | 'now' | 'tracing' | 'source' | 'objects' | 'tracker'>) {
  return (input: Input): Promise<Output> =>
    inStep(services, input.runId, 'versionData', async (run) => {
      const pipeline = snapshotOf(run);
      const outs: DvcOutput[] = [];
      for (const file of pipeline.data.dvcFiles) {
        const text = await services.source.readFile(pipeline.source, input.commitSha, file);
        if (text === null) throw new AppError('VALIDATION', `Tracked DVC file '${file}' does not exist at commit ${input.commitSha.slice(0, 12)}`);
        outs.push(...parseTrackedFile(text, file));
      }
      const pushed = outs.filter((o) => o.inRemote);
      let remotes: DvcRemotes | null = null;
      if (pushed.some((o) => o.remote !== undefined) || (!pipeline.data.remoteUrl && pushed.length > 0)) {
        const config = await services.source.readFile(pipeline.source, input.commitSha, '.dvc/config');
        remotes = config === null ? null : parseDvcConfig(config);
      }
      const remoteOf = (o: DvcOutput) => remoteUrlFor(o, pipeline.data.remoteUrl, remotes);
      const paths: DataPathVersion[] = outs.map((o) => ({
        path: o.path,
        md5: o.md5,
        ...(o.size !== undefined ? { size: o.size } : {}),
        ...(o.nfiles !== undefined ? { nfiles: o.nfiles } : {}),
        hashAlgorithm: o.hashAlgorithm,
      }));
      const fingerprint = dataFingerprint(paths);
      // A reproduction needs the original's data: the same fingerprint, and objects gone since are not "unpushed".
      const original = run.kind === 'reproduction' ? await originalOf(services, run) : null;
      if (original) assertPinnedData(original, input.commitSha, fingerprint);
      const lost = (missing: RequiredObject[]) => (original ? dataGone(fingerprint, missing) : dataNotPushed(missing));

      // Phase 1: the files and the directory manifests themselves.
      const top = pushed.map((o) => ({ remoteUrl: remoteOf(o), key: remoteKey(o.md5, o.hashAlgorithm), path: o.path }));
      const missingTop = await missingOf(services, top);
      if (missingTop.length > 0) throw lost(missingTop);
      // Phase 2: every file each directory manifest lists.
      const inside: RequiredObject[] = [];
      for (const o of pushed.filter((p) => p.isDir)) {
        const remoteUrl = remoteOf(o);
        const key = remoteKey(o.md5, o.hashAlgorithm);
        const text = await services.objects.readText(remoteUrl, key);
        if (text === null) throw lost([{ remoteUrl, key, path: o.path }]);
        for (const e of parseDirManifest(text, key)) inside.push({ remoteUrl, key: remoteKey(e.md5, o.hashAlgorithm), path: `${o.path}/${e.relpath}` });
      }
      const missingInside = await missingOf(services, inside);
      if (missingInside.length > 0) throw lost(missingInside);

      const champion = await services.tracker.getChampion(pipeline.mlflow.registeredModelName);
      const same = champion !== null && champion.tags[mlflowTags.commitSha] === input.commitSha && champion.tags[mlflowTags.dataFingerprint] === fingerprint;
      const output = { fingerprint, sameAsChampion: same ? champion.version : null };
      const remoteUrl = pushed[0] ? remoteOf(pushed[0]) : pipeline.data.remoteUrl;
      await completeStep(services, run, 'versionData', output, (r) => ({
        ...r,
        lineage: { ...r.lineage, data: { fingerprint, ...(remoteUrl !== undefined ? { remoteUrl } : {}), paths } },
      }));
      return output;
    });
}
