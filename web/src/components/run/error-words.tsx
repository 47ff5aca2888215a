/** What a person can do about a failed step, by the error's stable code. */
const advice: Record<string, string> = {
  TRANSIENT: 'A system did not answer in time or answered with a temporary error. Retry the run: it resumes at this step.',
  TIMEOUT: 'The step ran out of time. Check the system it waits for, then retry the run.',
  CONFIG: 'A setting the step needs is missing. Ask whoever runs mlcycle to set it, then retry the run.',
  DATA_NOT_PUSHED: 'The data at this commit was not pushed to the DVC remote. Run `dvc push`, then retry the run.',
  PERMANENT: 'Retrying as it is will fail the same way: fix the cause named above first, then retry or start a new run.',
  NOT_FOUND: 'Something the step needs is gone (a commit, an image, a model). Check the name, then start a new run.',
  CONFLICT: 'The step met a state it cannot change by itself. Look at the pipeline and its other runs, then retry.',
  VALIDATION: 'The pipeline or the request holds a value the step refuses. Fix the pipeline, then start a new run.',
};

/** A failed step's error in words: its code and message, and what to do about it. */
export function StepError({ error }: { error: { code: string; message: string } }) {
  return (
    <div className="step-error">
      <strong>{error.code}</strong>: {error.message}
      <br />
      <small>{advice[error.code] ?? 'Read the message above; when its cause is fixed, retry the run.'}</small>
    </div>
  );
}
