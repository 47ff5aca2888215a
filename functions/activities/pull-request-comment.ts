import type { Run } from '../../shared/domain/run.js';
import { runLink } from '../../shared/domain/run-link.js';

/** Where the comment's links point: the app (the run) and MLflow's web UI; Airflow's link is in the run's lineage. */
export interface CommentLinks {
  publicBaseUrl?: string | undefined;
  mlflowUrl?: string | undefined;
}

const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : Number.isInteger(v) ? String(v) : v.toPrecision(4));
/** Markdown table cells must not break the table. */
const text = (s: string): string => s.replace(/[|\r\n]+/g, ' ').slice(0, 300);

/**
 * The markdown of a validation run's comment on its pull request: the decision, the challenger's metrics against the
 * champion's, each policy rule with its numbers, and links to the run, the MLflow run and the Airflow run. A hidden
 * marker names the run, so the same run never posts twice in the thread.
 */
export function pullRequestComment(run: Run, links: CommentLinks): string {
  const d = run.decision;
  const metrics = run.lineage.mlflow?.metrics ?? {};
  const commit = run.lineage.commitSha?.slice(0, 12) ?? '?';
  const lines = [`### mlcycle · ${run.pipelineId} · validation ${run.status}${d ? `: **${d.outcome}**` : ''}`, '', `Merge commit \`${commit}\` · run \`${run.id}\``];
  // A finished run's reason only repeats its decision; a failed one's says what went wrong.
  if (run.reason && run.status !== 'succeeded') lines.push('', text(run.reason));
  if (d) lines.push('', text(d.summary));
  if (d) {
    lines.push('', d.championVersion ? `Against champion version ${d.championVersion}.` : 'There is no champion yet: the first model would be promoted.', '');
    lines.push('| rule | metric | challenger | champion | threshold | passed |', '|---|---|---|---|---|---|');
    for (const r of d.rules) lines.push(`| ${text(r.rule)} | ${text(r.metric)} | ${cell(r.challenger)} | ${cell(r.champion)} | ${cell(r.threshold)} | ${r.passed ? '✅' : '❌'} |`);
  }
  const names = Object.keys(metrics).sort();
  if (names.length > 0) {
    lines.push('', '<details><summary>All metrics of the challenger</summary>', '', '| metric | value |', '|---|---|');
    for (const m of names.slice(0, 50)) lines.push(`| ${text(m)} | ${cell(metrics[m])} |`);
    lines.push('', '</details>');
  }
  const refs: string[] = [];
  const link = runLink(links.publicBaseUrl, run.id);
  if (link) refs.push(`[mlcycle run](${link})`);
  const ml = run.lineage.mlflow;
  if (ml && links.mlflowUrl) refs.push(`[MLflow run](${links.mlflowUrl}/#/experiments/${encodeURIComponent(ml.experimentId)}/runs/${encodeURIComponent(ml.runId)})`);
  if (run.lineage.airflow?.url) refs.push(`[Airflow run](${run.lineage.airflow.url})`);
  if (refs.length > 0) lines.push('', refs.join(' · '));
  lines.push('', 'Validation runs never promote: merging the pull request retrains the target branch.');
  return lines.join('\n').slice(0, 60_000);
}
