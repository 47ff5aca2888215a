/** Stands in for the dev host: product code must not import it. */
export const devHostName = 'devhost';
