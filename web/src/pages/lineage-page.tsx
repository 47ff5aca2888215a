import { useEffect, useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { ApiError } from '../api/client.js';
import { candidateKinds, lineageKindNames, useLineageSearch } from '../api/lineage.js';
import { usePageReady } from '../components/page-ready.js';
import { Empty, ErrorState, Loading } from '../components/states.js';

/** The answer to a search: its runs, or why there are none, or the API's refusal in words. */
function Results({ search }: { search: string }) {
  const found = useLineageSearch(search);
  usePageReady('lineage', found.isSuccess);
  if (found.isPending) return <Loading what="the runs behind this key" />;
  if (found.isError) {
    if (found.error instanceof ApiError && found.error.status === 400) {
      return (
        <article role="alert" className="error-state">
          The lineage does not take this key: {found.error.message} Paste a 40-character commit id, a data fingerprint, an image digest (<code>sha256:</code> and 64 hex digits), an MLflow run id or{' '}
          <code>model:version</code>.
        </article>
      );
    }
    return <ErrorState error={found.error} />;
  }
  const { kind, runs } = found.data;
  if (kind === undefined) return <Empty>This is not a key the lineage knows: it is too long for any of them.</Empty>;
  if (runs.length === 0) return <Empty>No run has this {lineageKindNames[kind]}.</Empty>;
  return (
    <div className="overflow-auto">
      <table data-testid="lineage-results">
        <caption>
          {runs.length} run{runs.length === 1 ? '' : 's'} with this {lineageKindNames[kind]}, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Pipeline</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Model version</th>
            <th scope="col">Started</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link href={`/runs/${encodeURIComponent(r.id)}`}>{r.id}</Link>
              </th>
              <td>
                <Link href={`/pipelines/${encodeURIComponent(r.pipelineId)}`}>{r.pipelineId}</Link>
              </td>
              <td>{r.kind ?? 'training'}</td>
              <td>{r.status}</td>
              <td>{r.lineage?.model ? `${r.lineage.model.name}:${r.lineage.model.version}` : '—'}</td>
              <td>{new Date(r.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Lineage search: paste any key (commit, data fingerprint, image digest, MLflow run id, `model:version`) to find its runs. */
export function LineagePage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('key') ?? '';
  const [draft, setDraft] = useState(search);
  // A link followed to another key (the run page's values, back and forward) shows that key in the box.
  useEffect(() => setDraft(search), [search]);
  usePageReady('lineage', search.trim() === '');
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    setParams(draft.trim() ? { key: draft.trim() } : {});
  };
  const guess = draft.trim() ? candidateKinds(draft).kinds.map((k) => lineageKindNames[k]) : [];
  return (
    <section aria-labelledby="lineage-title">
      <h1 id="lineage-title">Lineage search</h1>
      <form aria-label="Find runs by key" onSubmit={submit}>
        <label htmlFor="lineage-key">Paste a commit, data fingerprint, image digest, MLflow run id or model:version</label>
        <fieldset role="group">
          <input id="lineage-key" name="key" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} autoComplete="off" spellCheck={false} aria-describedby="lineage-key-kind" />
          <button type="submit">Find runs</button>
        </fieldset>
        <small id="lineage-key-kind">{guess.length ? `Looks like: ${guess.join(' or ')}.` : 'The kind of key is detected from its shape.'}</small>
      </form>
      {search.trim() ? <Results search={search} /> : <Empty>Paste a key above to see the runs behind it.</Empty>}
    </section>
  );
}
