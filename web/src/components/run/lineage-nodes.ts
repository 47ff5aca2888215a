import type { RunDetail } from '../../api/runs.js';
import { safeHref } from '../../lib/safe-href.js';

/** One link of a run's lineage chain: what it is, its value, where it lives, and the key that finds it again. */
export interface LineageNode {
  id: 'commit' | 'data' | 'image' | 'airflow' | 'mlflow' | 'model';
  label: string;
  /** The full value, for copy-paste. */
  value: string;
  /** The value as a graph node shows it (long hashes shortened). */
  short: string;
  detail?: string;
  /** The system's page for it, http(s) only. */
  href?: string;
  /** The key the lineage search finds its runs by, when it is one. */
  searchKey?: string;
}

const abbreviate = (v: string, n = 12) => (v.length > n + 1 ? `${v.slice(0, n)}…` : v);

/** The chain commit → data → image → Airflow run → MLflow run → model version, with only the nodes the run has. */
export function lineageNodes(run: RunDetail): LineageNode[] {
  const lineage = run.lineage ?? {};
  const { links } = run;
  const nodes: LineageNode[] = [];
  const add = (node: LineageNode, href: string | undefined) => {
    const safe = safeHref(href);
    nodes.push(safe ? { ...node, href: safe } : node);
  };
  if (lineage.commitSha) {
    add({ id: 'commit', label: 'Commit', value: lineage.commitSha, short: abbreviate(lineage.commitSha), searchKey: lineage.commitSha, ...(run.ref ? { detail: run.ref } : {}) }, links.commit);
  }
  if (lineage.data) {
    const files = lineage.data.paths.length;
    add({ id: 'data', label: 'Data version', value: lineage.data.fingerprint, short: abbreviate(lineage.data.fingerprint), searchKey: lineage.data.fingerprint, detail: `${files} tracked output${files === 1 ? '' : 's'}` }, undefined);
  }
  if (lineage.image) {
    const { repository, tag, digest, built } = lineage.image;
    const value = `${lineage.image.registry}/${repository}:${tag}${digest ? `@${digest}` : ''}`;
    add(
      { id: 'image', label: 'Image', value, short: `${abbreviate(repository, 24)}:${abbreviate(tag)}`, detail: `${digest ? abbreviate(digest, 15) : 'no digest yet'}${built ? ' · built' : ''}`, ...(digest ? { searchKey: digest } : {}) },
      links.imageBuild,
    );
  }
  if (lineage.airflow) {
    add({ id: 'airflow', label: 'Airflow dag run', value: lineage.airflow.dagRunId, short: abbreviate(lineage.airflow.dagRunId, 24), detail: `${lineage.airflow.dagId}${lineage.airflow.state ? ` · ${lineage.airflow.state}` : ''}` }, links.airflow);
  }
  if (lineage.mlflow) {
    add({ id: 'mlflow', label: 'MLflow run', value: lineage.mlflow.runId, short: abbreviate(lineage.mlflow.runId, 16), searchKey: lineage.mlflow.runId, detail: `experiment ${lineage.mlflow.experimentId}` }, links.mlflowRun);
  }
  if (lineage.model) {
    const key = `${lineage.model.name}:${lineage.model.version}`;
    const moved = lineage.model.aliasesMoved ?? [];
    add({ id: 'model', label: 'Model version', value: key, short: abbreviate(key, 28), searchKey: key, ...(moved.length ? { detail: `aliases moved: ${moved.join(', ')}` } : {}) }, links.modelVersion);
  }
  return nodes;
}
