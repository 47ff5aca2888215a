import type { RunDetail } from '../../api/runs.js';
import { formatNumber } from '../../lib/format.js';

type Decision = NonNullable<RunDetail['decision']>;
type Reproduction = NonNullable<RunDetail['reproduction']>;

const outcomeWords: Record<Decision['outcome'], string> = { promote: 'Promote', hold: 'Hold', reject: 'Reject' };

/** Whether a person approved, rejected or has yet to decide the promotion. */
function approvalWords(approval: Decision['approval'], status: RunDetail['status']): string {
  if (!approval?.required) return 'No approval required.';
  if (approval.outcome === 'approved') return `Approved${approval.by ? ` by ${approval.by}` : ''}.`;
  if (approval.outcome === 'rejected') return `Rejected${approval.by ? ` by ${approval.by}` : ''}.`;
  if (approval.outcome === 'expired') return 'The approval expired: nobody decided in time.';
  return status === 'waiting-approval' ? 'Waiting for an operator to approve or reject.' : 'Approval required.';
}

/** The challenger against the champion: every rule's numbers, the outcome, its summary and the approval state. */
export function DecisionView({ decision, status }: { decision: Decision; status: RunDetail['status'] }) {
  return (
    <>
      <p>
        Outcome: <strong data-testid="decision-outcome">{outcomeWords[decision.outcome]}</strong>
        {decision.championVersion ? <> · champion version {decision.championVersion}</> : null} — {decision.summary}
      </p>
      <p data-testid="approval-state">{approvalWords(decision.approval, status)}</p>
      {decision.rules.length > 0 ? (
        <div className="overflow-auto">
          <table className="decision-table">
            <caption>Rules</caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Metric</th>
                <th scope="col">Challenger</th>
                <th scope="col">Champion</th>
                <th scope="col">Threshold</th>
                <th scope="col">Passed</th>
              </tr>
            </thead>
            <tbody>
              {decision.rules.map((r, i) => (
                <tr key={`${r.rule}-${r.metric}-${i}`}>
                  <th scope="row">
                    {r.rule}
                    {r.detail ? <small className="rule-detail">{r.detail}</small> : null}
                  </th>
                  <td>{r.metric}</td>
                  <td>{formatNumber(r.challenger)}</td>
                  <td>{formatNumber(r.champion)}</td>
                  <td>{formatNumber(r.threshold)}</td>
                  <td className={r.passed ? 'passed' : 'not-passed'}>{r.passed ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

/** A reproduction's metrics against the original's, with the tolerance each was held to. */
export function ReproductionView({ reproduction }: { reproduction: Reproduction }) {
  return (
    <>
      <p data-testid="reproduction-outcome">{reproduction.reproduced ? 'Reproduced: every metric came back within tolerance.' : 'Not reproduced: some metrics are outside their tolerance.'}</p>
      <div className="overflow-auto">
        <table className="reproduction-table">
          <caption>Reproduction</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Original</th>
              <th scope="col">Reproduced</th>
              <th scope="col">Tolerance (±)</th>
              <th scope="col">Within</th>
            </tr>
          </thead>
          <tbody>
            {reproduction.metrics.map((m) => (
              <tr key={m.metric}>
                <th scope="row">{m.metric}</th>
                <td>{formatNumber(m.original)}</td>
                <td>{formatNumber(m.reproduced)}</td>
                <td>{formatNumber(m.allowed)}</td>
                <td className={m.within ? 'passed' : 'not-passed'}>{m.within ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
