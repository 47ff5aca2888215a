// A module with no imports: the acyclic counterpart.
/** A plain value. */
export const leaf = (): string => 'leaf';
