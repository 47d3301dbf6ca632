/** "RunningWithWarning" → "Running With Warning": an API name a person can read. */
export function splitCamel(value: string): string {
  return value.replace(/([a-z])([A-Z])/g, '$1 $2');
}
