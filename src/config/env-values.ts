import { z } from 'zod';
import { isTimeZone } from '../core/time-zone';

/** How a variable's text becomes a value, shared by the configuration and its platform slices. */

// Booleans are spelled out: z.coerce.boolean() would read "false" as true.
export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
export const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );
export const timeZone = z
  .string()
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' });
export const httpUrl = z
  .string()
  .url({ message: 'must be a URL such as https://veeam.example.com' })
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must start with https:// (or http:// for local use)' });

export function csv() {
  return z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );
}
