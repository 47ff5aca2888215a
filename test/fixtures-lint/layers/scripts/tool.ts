/** Stands in for a developer script. */
export const scriptName = 'tool';
