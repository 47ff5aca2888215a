/** Stands in for the top-level local ML stack, which builds on devhost/ and so is off limits to it. */
export const stackPort = 0;
