import { buildOciImage } from './oci-image.js';
import { readBlobAt, treeFiles, treeId } from './git-files.js';
import { pushImage } from './push.js';

/*
 * The local stand-in for `docker build` + `docker push` (there is no Docker engine here): the training folder at a
 * commit becomes a real OCI image, built deterministically from Git content (`oci-image.ts`), pushed to a registry
 * over the distribution API (`push.ts`). The folder's `.dockerignore` is not applied: every file Git tracks in the
 * folder goes into the image.
 */

export interface BuildAndPushRequest {
  /** The git repository (a working clone or a bare one). */
  repoDir: string;
  commitSha: string;
  /** The training folder (the build context), relative to the repository root; `.` for the root. */
  codePath: string;
  /** The Dockerfile, relative to the repository root. */
  dockerfile: string;
  registryUrl: string;
  repository: string;
  tag: string;
  username: string;
  password: string;
}

/** Build the image of `codePath` at `commitSha` and push it as `repository:tag`; resolves with its manifest digest. */
export async function buildAndPushImage(req: BuildAndPushRequest): Promise<{ digest: string }> {
  const dockerfile = await readBlobAt(req.repoDir, req.commitSha, req.dockerfile);
  if (dockerfile === null) throw new Error(`no Dockerfile at ${req.dockerfile} in commit ${req.commitSha}`);
  const files = await treeFiles(req.repoDir, await treeId(req.repoDir, req.commitSha, req.codePath));
  const image = await buildOciImage(files, dockerfile.toString('utf8'));
  return pushImage(image, { registryUrl: req.registryUrl, repository: req.repository, tag: req.tag, username: req.username, password: req.password });
}

export { buildOciImage, dockerfileCommands, layerTar, ociConfigType, ociLayerType, ociManifestType, type OciImage } from './oci-image.js';
