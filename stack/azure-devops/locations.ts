import type { Reply } from './replies.js';

/*
 * The location documents the client reads before its first call in an area (`OPTIONS {org}/_apis/{area}`): ids and
 * route templates as the service publishes them for the calls the adapters make. Versions let the client's
 * negotiation keep the version it asks for (7.2 previews).
 */

interface Location {
  id: string;
  area: string;
  resourceName: string;
  routeTemplate: string;
  resourceVersion: number;
}

const areas: Record<string, Location[]> = {
  location: [{ id: 'e81700f7-3be2-46de-8624-2eb35882fcaa', area: 'Location', resourceName: 'ResourceAreas', routeTemplate: '_apis/{resource}/{areaId}', resourceVersion: 1 }],
  git: [
    { id: '225f7195-f9c7-4d14-ab28-a83f7ff77e1f', area: 'git', resourceName: 'repositories', routeTemplate: '{project}/_apis/{area}/{resource}/{repositoryId}', resourceVersion: 1 },
    { id: 'fb93c0db-47ed-4a31-8c20-47552878fb44', area: 'git', resourceName: 'items', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{*path}', resourceVersion: 1 },
    { id: '2d874a60-a811-4f62-9c9f-963a6ea0a55b', area: 'git', resourceName: 'refs', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{*filter}', resourceVersion: 2 },
    { id: 'c2570c3b-5b3f-41b8-98bf-5407bfde8d58', area: 'git', resourceName: 'commits', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{commitId}', resourceVersion: 2 },
    { id: '615588d5-c0c7-4b88-88f8-e625306446e8', area: 'git', resourceName: 'commitDiffs', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/diffs/commits', resourceVersion: 1 },
    { id: '225f7195-f9c7-4d14-ab28-a83f7ff77e1f', area: 'git', resourceName: 'repositories', routeTemplate: '{project}/_apis/{area}/{resource}/{repositoryId}', resourceVersion: 2 },
    { id: '9946fd70-0d40-406e-b686-b4744cbbcc37', area: 'git', resourceName: 'pullRequests', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{pullRequestId}', resourceVersion: 2 },
    { id: '01a46dea-7d46-4d40-bc84-319e7c260d99', area: 'git', resourceName: 'pullRequests', routeTemplate: '{project}/_apis/{area}/{resource}/{pullRequestId}', resourceVersion: 2 },
    { id: 'b5f6bb4f-8d1e-4d79-8d11-4c9172c99c35', area: 'git', resourceName: 'pullRequestStatuses', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/statuses/{statusId}', resourceVersion: 2 },
    { id: 'ab6e2e5d-a0b7-4153-b64a-a4efe0d49449', area: 'git', resourceName: 'threads', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{threadId}', resourceVersion: 1 },
    { id: '965a3ec7-5ed8-455a-bdcb-835a5ea7fe7b', area: 'git', resourceName: 'comments', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/threads/{threadId}/{resource}/{commentId}', resourceVersion: 1 },
  ],
  pipelines: [{ id: '7859261e-d2e9-4a68-b820-a5d84cc5bb3d', area: 'pipelines', resourceName: 'runs', routeTemplate: '{project}/_apis/{area}/{pipelineId}/{resource}/{runId}', resourceVersion: 1 }],
  core: [{ id: '603fe2ac-9723-48b9-88ad-09305aa6c6e1', area: 'core', resourceName: 'projects', routeTemplate: '_apis/{resource}/{*projectId}', resourceVersion: 4 }],
  hooks: [{ id: 'fc50d02a-849f-41fb-8af1-0a5216103269', area: 'hooks', resourceName: 'subscriptions', routeTemplate: '_apis/{area}/{resource}/{subscriptionId}', resourceVersion: 1 }],
  build: [{ id: '0cd358e1-9217-4d94-8269-1c1ee6f93dcf', area: 'build', resourceName: 'builds', routeTemplate: '{project}/_apis/{area}/{resource}/{buildId}', resourceVersion: 7 }],
};

/** The answer to `OPTIONS {org}/_apis/{area}`, or null for an area the stand-in does not serve. */
export function areaLocations(area: string): Reply | null {
  const list = areas[area.toLowerCase()];
  if (!list) return null;
  const value = list.map((l) => ({ ...l, minVersion: '1.0', maxVersion: '7.2', releasedVersion: '7.1' }));
  return { status: 200, json: { count: value.length, value } };
}

/** `GET {org}/_apis/ResourceAreas`: the on-premises answer, which makes the client use the organization URL for every area. */
export const resourceAreas: Reply = { status: 200, json: { count: 0, value: null } };
