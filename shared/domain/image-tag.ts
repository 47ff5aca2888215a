import { createHash } from 'node:crypto';

/** What goes into a training image, as Git object ids at the run's commit. */
export interface ImageContent {
  codePath: string;
  /** The Git tree id of the training folder (the build context). */
  codeTreeId: string;
  dockerfile: string;
  /** The Git blob id of the Dockerfile. */
  dockerfileBlobId: string;
}

/**
 * The image tag for the content a build reads: the training folder's tree id and the Dockerfile's blob id (and
 * their paths, which the build also reads). Git ids hash content, so every commit that leaves the training code
 * alone (a data-only change above all) maps to the same tag and finds the image already built; any change inside
 * the folder or to the Dockerfile gives a new tag. The tree id's prefix keeps the tag readable: `git rev-parse
 * <commit>:<codePath>` shows which code an image holds.
 */
export function contentImageTag(c: ImageContent): string {
  const recipe = createHash('sha256')
    .update(`tree ${c.codeTreeId} ${c.codePath}\nblob ${c.dockerfileBlobId} ${c.dockerfile}\n`)
    .digest('hex')
    .slice(0, 16);
  return `tree-${c.codeTreeId.slice(0, 12)}-${recipe}`;
}
