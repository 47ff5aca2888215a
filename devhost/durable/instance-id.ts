/** Why an instance id is not acceptable (the extension's rules), or undefined. */
export function instanceIdProblem(id: string): string | undefined {
  if (id.length === 0 || id.trim().length === 0) return 'Instance ID must not be empty.';
  if (id.length > 256) return 'Instance ID must not be longer than 256 characters.';
  // eslint-disable-next-line no-control-regex
  if (/[/\\?#\u0000-\u001f\u007f-\u009f]/.test(id)) return `Instance ID '${id}' contains invalid characters.`;
  if (id.startsWith('@')) return 'Orchestration instance ids must not start with @.';
  return undefined;
}
