/**
 * Zones already checked. Building an Intl.DateTimeFormat costs about a third of a millisecond and every
 * message asks; the answer for a name never changes within a process. Bounded, since names come from
 * chat payloads: past the bound a name is checked each time, not remembered.
 */
const KNOWN = new Map<string, boolean>();
const KNOWN_MAX = 1_000;

/** Whether the runtime knows `zone` as an IANA time zone ("Europe/Berlin", "UTC"). */
export function isTimeZone(zone: string): boolean {
  const known = KNOWN.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (KNOWN.size < KNOWN_MAX) KNOWN.set(zone, valid);
  return valid;
}
