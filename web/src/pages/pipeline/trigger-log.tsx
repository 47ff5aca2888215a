import { useState } from 'react';
import { Link } from 'wouter';
import { useTriggerLog } from '../../api/pipeline-queries.js';
import { Empty, ErrorState, Loading } from '../../components/states.js';
import { when } from '../pipelines/format.js';

/** The trigger log, newest first: every evaluation of every trigger and what it decided, to answer "why did or didn't it fire". */
export function TriggerLog({ pipelineId }: { pipelineId: string }) {
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const log = useTriggerLog(pipelineId, tokens.at(-1));
  const next = log.data?.continuationToken;
  return (
    <section aria-labelledby="triggers-title">
      <h2 id="triggers-title">Trigger log</h2>
      {log.isPending ? (
        <Loading what="the trigger log" />
      ) : log.isError ? (
        <ErrorState error={log.error} />
      ) : log.data.items.length === 0 ? (
        <Empty>No trigger has been evaluated for this pipeline yet.</Empty>
      ) : (
        <div className="overflow-auto">
          <table className="striped triggers">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Source</th>
                <th scope="col">Decision</th>
                <th scope="col">Detail</th>
                <th scope="col">Run</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((t) => (
                <tr key={t.id}>
                  <th scope="row">
                    <time dateTime={t.at}>{when(t.at)}</time>
                  </th>
                  <td>{t.source}</td>
                  <td>
                    <span className={`decision decision-${t.decision}`}>{t.decision}</span>
                  </td>
                  <td>{t.detail ?? ''}</td>
                  <td>{t.runId ? <Link href={`/runs/${encodeURIComponent(t.runId)}`}>{t.runId}</Link> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Trigger log pages" className="pager">
        <button type="button" className="secondary" disabled={tokens.length <= 1} onClick={() => setTokens((t) => t.slice(0, -1))}>
          Newer
        </button>
        <button type="button" className="secondary" disabled={!next || log.isPlaceholderData} onClick={() => setTokens((t) => [...t, next])}>
          Older
        </button>
      </nav>
    </section>
  );
}
