/** Stands in for a test helper. */
export const testHelper = 'helper';
