/** The JSON log lines a test captured, as objects: fields are matched by name, not by their order. */
export function logEntries(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}
