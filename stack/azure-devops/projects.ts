import { git } from '../../shared/adapters/git/git-cli.js';
import { standInGuid } from './events.js';
import { adoError, type Reply } from './replies.js';

/*
 * The projects and repositories the stand-in serves, with the ids the service would give them (stable GUIDs derived
 * from their names), and the Core and Git resources that turn a name into an id: `GET {org}/_apis/projects/{name or
 * id}` and `GET {org}/{project}/_apis/git/repositories/{name or id}`.
 */

/** A repository of the stand-in, with the names as configured (the map keys are lowercase). */
export interface StandInRepo {
  /** `organization/project/repository`, lowercase. */
  key: string;
  organization: string;
  project: string;
  name: string;
  dir: string;
  id: string;
  projectId: string;
}

/** The repositories of `organization/project/repository` → directory, with their ids. */
export function standInRepos(repos: Record<string, string>): StandInRepo[] {
  return Object.entries(repos).map(([key, dir]) => {
    const [organization = '', project = '', name = ''] = key.split('/');
    return { key: key.toLowerCase(), organization, project, name, dir, id: repoGuid(organization, project, name), projectId: projectGuid(organization, project) };
  });
}

/** The id of a project (`standInGuid('project', 'org/project')`). */
export function projectGuid(organization: string, project: string): string {
  return standInGuid('project', `${organization}/${project}`);
}

/** The id of a repository (`standInGuid('repository', 'org/project/repo')`). */
export function repoGuid(organization: string, project: string, repository: string): string {
  return standInGuid('repository', `${organization}/${project}/${repository}`);
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The repository named (or with the id) `nameOrId` in the project, if any. */
export function findRepo(repos: StandInRepo[], organization: string, project: string, nameOrId: string): StandInRepo | undefined {
  return repos.find((r) => same(r.organization, organization) && (same(r.project, project) || same(r.projectId, project)) && (same(r.name, nameOrId) || same(r.id, nameOrId)));
}

/** The project named (or with the id) `nameOrId` in the organization, as its name and id. */
export function findProject(repos: StandInRepo[], projects: { organization: string; project: string }[], organization: string, nameOrId: string): { name: string; id: string } | undefined {
  const all = [...repos.map((r) => ({ organization: r.organization, project: r.project })), ...projects];
  const hit = all.find((p) => same(p.organization, organization) && (same(p.project, nameOrId) || same(projectGuid(p.organization, p.project), nameOrId)));
  return hit && { name: hit.project, id: projectGuid(hit.organization, hit.project) };
}

/** The project's `TeamProjectReference` shape, as events and repositories embed it. */
export function projectRef(orgUrl: string, p: { name: string; id: string }): Record<string, unknown> {
  return { id: p.id, name: p.name, url: `${orgUrl}/_apis/projects/${p.id}`, state: 'wellFormed', revision: 1, visibility: 'private' };
}

/** `GET {org}/_apis/projects/{projectId}` (node-api `CoreApi.getProject`). */
export function projectReply(orgUrl: string, p: { name: string; id: string } | undefined, asked: string): Reply {
  if (!p) return adoError(404, 'ProjectDoesNotExistWithNameException', `TF200016: The following project does not exist: ${asked}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`);
  return {
    status: 200,
    json: { ...projectRef(orgUrl, p), description: '', lastUpdateTime: new Date(0).toISOString(), _links: { self: { href: `${orgUrl}/_apis/projects/${p.id}` } } },
  };
}

/** The branch HEAD names in the repository (`refs/heads/main`). */
export async function defaultBranch(dir: string): Promise<string> {
  const out = await git(dir, ['symbolic-ref', '-q', 'HEAD']).catch(() => Buffer.from('refs/heads/main'));
  return out.toString('utf8').trim() || 'refs/heads/main';
}

/** The `GitRepository` shape (`GET .../git/repositories/{repositoryId}`, and the `repository` of Git events). */
export async function repositoryJson(orgUrl: string, r: StandInRepo): Promise<Record<string, unknown>> {
  const project = `${orgUrl}/${encodeURIComponent(r.project)}`;
  return {
    id: r.id,
    name: r.name,
    url: `${project}/_apis/git/repositories/${r.id}`,
    project: projectRef(orgUrl, { name: r.project, id: r.projectId }),
    defaultBranch: await defaultBranch(r.dir),
    remoteUrl: `${project}/_git/${encodeURIComponent(r.name)}`,
    webUrl: `${project}/_git/${encodeURIComponent(r.name)}`,
    isDisabled: false,
  };
}
