import { standInGuid } from './events.js';

/*
 * What the stand-in keeps of a pull request (and saves, with a state directory): the PR, its statuses and its
 * comment threads, enums as the service names them.
 */

/** A repository the stand-in serves, with its names as configured. */
export interface StandInRepository {
  key: string;
  organization: string;
  project: string;
  name: string;
  dir: string;
}

export interface Identity {
  id: string;
  displayName: string;
  uniqueName: string;
}

/** The user every stand-in action is by (the service's `createdBy`, `author`, `closedBy`). */
export const standInUser: Identity = { id: standInGuid('user', 'stand-in'), displayName: 'Stand-in User', uniqueName: 'user@stand-in.invalid' };

export interface StatusRecord {
  id: number;
  state: string;
  description?: string;
  context: { name: string; genre?: string | undefined };
  targetUrl?: string;
  creationDate: string;
  updatedDate: string;
}

export interface CommentRecord {
  id: number;
  parentCommentId: number;
  content: string;
  commentType: string;
  publishedDate: string;
  lastUpdatedDate: string;
}

export interface ThreadRecord {
  id: number;
  status: string;
  properties: Record<string, { $type: string; $value: unknown }>;
  comments: CommentRecord[];
  publishedDate: string;
  lastUpdatedDate: string;
}

export interface PullRequestRecord {
  id: number;
  repository: string;
  title: string;
  description: string;
  sourceRefName: string;
  targetRefName: string;
  fromFork: boolean;
  status: 'active' | 'abandoned' | 'completed';
  creationDate: string;
  closedDate: string | null;
  mergeStatus: 'queued' | 'conflicts' | 'succeeded';
  mergeId: string;
  lastMergeSourceCommit: string | null;
  lastMergeTargetCommit: string | null;
  lastMergeCommit: string | null;
  statuses: StatusRecord[];
  threads: ThreadRecord[];
}
