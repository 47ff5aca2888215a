/** Lineage search. */
export function LineagePage() {
  return <h1>Lineage search</h1>;
}
