import { useEffect, useState } from 'react';
import type { Pipeline } from '../../api/client.js';
import { guardrailsOf, type Guardrail } from '../../api/pipeline-queries.js';
import { metric, when } from '../pipelines/format.js';
import { nextSlots } from './next-slots.js';

const better = (direction: 'maximize' | 'minimize') => (direction === 'maximize' ? 'higher is better' : 'lower is better');

/** The promotion policy, the schedule and the retrain rules, in words. */
export function RulesSection({ pipeline }: { pipeline: Pipeline }) {
  const { policy } = pipeline;
  const primary = policy.primaryMetric;
  const improvements = [
    policy.minAbsoluteImprovement > 0 ? `by ≥ ${metric(policy.minAbsoluteImprovement)} (absolute)` : undefined,
    policy.minRelativeImprovement > 0 ? `by ≥ ${metric(policy.minRelativeImprovement * 100)}% (relative)` : undefined,
  ].filter((s) => s !== undefined);
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">Policy, schedule and retrain rules</h2>
      <h3>Promotion policy</h3>
      <ul className="rules policy">
        <li>
          Promote when <strong>{primary.name}</strong> ({better(primary.direction)}) improves on the champion{' '}
          {improvements.length > 0 ? improvements.join(' and ') : 'by any amount'}; the first model is promoted when it passes the guard-rails.
        </li>
        {guardrailsOf(pipeline).map((g) => (
          <li key={g.metric}>{guardrailWords(g)}</li>
        ))}
        <li>
          Approval required: {policy.requireApproval ? `yes (a decision expires after ${policy.approvalTimeoutHours} h)` : 'no'}.
        </li>
      </ul>
      <h3>Schedule</h3>
      <Schedule schedule={pipeline.schedule} enabled={pipeline.enabled} />
      <h3>Retrains on</h3>
      <ul className="rules retrain">
        {retrainWords(pipeline).map((line) => (
          <li key={line}>{line}</li>
        ))}
        <li>When a run is already active: {concurrencyWords[pipeline.concurrency]}.</li>
      </ul>
    </section>
  );
}

const concurrencyWords: Record<Pipeline['concurrency'], string> = {
  skip: 'the new one is refused (skip)',
  'queue-one': 'one more waits its turn (queue-one)',
  'cancel-running': 'the active run is cancelled for the new one (cancel-running)',
};

/** A guard-rail in words. */
function guardrailWords(g: Guardrail): string {
  const parts = [
    g.threshold !== undefined ? `must be ${g.direction === 'maximize' ? '≥' : '≤'} ${metric(g.threshold)}` : undefined,
    g.maxRegression !== undefined ? `may not ${g.direction === 'maximize' ? 'drop' : 'rise'} by more than ${metric(g.maxRegression)} from the champion's` : undefined,
  ].filter((s) => s !== undefined);
  return `Guard-rail ${g.metric} (${better(g.direction)}): ${parts.join(', and ')}; a breach rejects the challenger.`;
}

/** What starts a run besides a person, one line each. */
function retrainWords(p: Pipeline): string[] {
  const on = p.retrainOn;
  const lines: string[] = [];
  if (on?.codeChange !== false) {
    const paths = on?.codePaths && on.codePaths.length > 0 ? on.codePaths : [p.training.codePath ?? '.'];
    lines.push(`Code change in ${paths.join(', ')} (a push to ${p.source.branch ?? 'main'}).`);
  }
  const data = on?.dataChange;
  if (data !== undefined && typeof data === 'object') {
    if (data.onPush !== false) lines.push('Data change on push (a changed .dvc or dvc.lock file).');
    if (data.every) lines.push(`Data change, checked every ${data.every}.`);
  } else if (data !== false) lines.push('Data change on push (a changed .dvc or dvc.lock file).');
  if (on?.signals) lines.push(`Drift and alert signals of severity ≥ ${on.signals.minSeverity ?? 'warning'}, with a ${on.signals.coolDown ?? 'PT6H'} cool-down.`);
  if (p.staleness) lines.push(`A champion older than ${'maxChampionAge' in p.staleness ? p.staleness.maxChampionAge : `${p.staleness.maxChampionAgeDays} days`}.`);
  if (lines.length === 0) lines.push('Nothing automatic: runs start only when asked.');
  return lines;
}

/** The cron, its zone and its next three slots. */
function Schedule({ schedule, enabled }: { schedule: Pipeline['schedule']; enabled: boolean }) {
  const [slots, setSlots] = useState<Date[] | null>(null);
  useEffect(() => {
    if (!schedule || !enabled) return;
    let live = true;
    void nextSlots(schedule.cron, schedule.timeZone ?? 'UTC', 3).then((s) => live && setSlots(s));
    return () => {
      live = false;
    };
  }, [schedule, enabled]);
  if (!schedule) return <p className="schedule">No schedule: runs start on the triggers below, or when asked.</p>;
  return (
    <p className="schedule">
      Runs on the cron <code>{schedule.cron}</code> in {schedule.timeZone ?? 'UTC'}
      {!enabled ? ' (paused: the pipeline is disabled).' : slots ? `; next: ${slots.map((d) => when(d.toISOString())).join(', ')}.` : '.'}
    </p>
  );
}
