/** Stands in for the stack's old home inside devhost/, which devhost's own modules may import. */
export const freePort = 0;
