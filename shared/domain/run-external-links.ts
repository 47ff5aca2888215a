import { z } from './zod.js';
import type { Run } from './run.js';

/** Where people see a run's lineage in the systems behind it: each a web page, present when it can be built. */
export const runExternalLinksSchema = z
  .object({
    commit: z.string().optional().describe('The commit in Azure Repos (sources in Azure Repos only).'),
    imageBuild: z.string().optional().describe('The Azure Pipelines run that built the training image.'),
    airflow: z.string().optional().describe("The Airflow dag run's page."),
    mlflowRun: z.string().optional().describe("The MLflow run's page."),
    modelVersion: z.string().optional().describe("The registered model version's page in MLflow."),
  })
  .openapi('RunExternalLinks');
export type RunExternalLinks = z.infer<typeof runExternalLinksSchema>;

/** The web roots links are built on: the configured MLflow tracking server and Azure DevOps root. */
export interface LinkBases {
  mlflow?: string;
  azureDevOps?: string;
}

/**
 * A link as people may follow it: http(s) only, without a user or password, so a credential written into a URL never
 * reaches a page. Undefined for anything else (a `javascript:` or `data:` URL from an external system among them).
 */
export function publicWebUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  return url.toString();
}

/** A configured web root to build links on: a public web URL without query, fragment or trailing slash. */
function root(base: string | undefined): string | undefined {
  const url = publicWebUrl(base);
  if (url === undefined) return undefined;
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.toString().replace(/\/+$/, '');
}

const seg = encodeURIComponent;

/** The external links of a run, from what its record holds and the configured web roots; none carries a secret. */
export function runExternalLinks(run: Pick<Run, 'lineage' | 'pipelineSnapshot'>, bases: LinkBases): RunExternalLinks {
  const { lineage } = run;
  const links: RunExternalLinks = {};
  const source = run.pipelineSnapshot?.source;
  const ado = root(bases.azureDevOps);
  if (ado && source?.kind === 'azureRepos' && lineage.commitSha && /^[0-9a-f]{40}$/.test(lineage.commitSha)) {
    links.commit = `${ado}/${seg(source.organization)}/${seg(source.project)}/_git/${seg(source.repository)}/commit/${lineage.commitSha}`;
  }
  const imageBuild = publicWebUrl(lineage.image?.buildUrl);
  if (imageBuild) links.imageBuild = imageBuild;
  const airflow = publicWebUrl(lineage.airflow?.url);
  if (airflow) links.airflow = airflow;
  const mlflow = root(bases.mlflow);
  if (mlflow && lineage.mlflow) {
    links.mlflowRun = `${mlflow}/#/experiments/${seg(lineage.mlflow.experimentId)}/runs/${seg(lineage.mlflow.runId)}`;
  }
  if (mlflow && lineage.model) {
    links.modelVersion = `${mlflow}/#/models/${seg(lineage.model.name)}/versions/${seg(lineage.model.version)}`;
  }
  return links;
}
