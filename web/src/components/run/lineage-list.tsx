import { Link } from 'wouter';
import { lineageSearchHref } from '../../lib/safe-href.js';
import type { LineageNode } from './lineage-nodes.js';

/** The lineage as plain key/value rows for copy-paste; each searchable value opens the lineage search for it. */
export function LineageList({ chain }: { chain: LineageNode[] }) {
  return (
    <table className="lineage-list">
      <caption>Lineage values</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">Value</th>
          <th scope="col">In its system</th>
        </tr>
      </thead>
      <tbody>
        {chain.map((n) => (
          <tr key={n.id} data-lineage={n.id}>
            <th scope="row">{n.label}</th>
            <td>
              {n.searchKey ? (
                <Link href={lineageSearchHref(n.searchKey)} title="Find every run with this value">
                  <code>{n.value}</code>
                </Link>
              ) : (
                <code>{n.value}</code>
              )}
            </td>
            <td>
              {n.href ? (
                <a href={n.href} target="_blank" rel="noopener noreferrer">
                  Open<span className="visually-hidden"> {n.label}</span>
                </a>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
