import type { DateOrder } from './calendar-span';

/**
 * Whether 03/12 is 3 December or March 12 for this asker. Their locale decides where the platform gives
 * one (Slack `users.info` with `include_locale`, Teams `activity.locale`, DEFAULT_LOCALE, `parse
 * --locale`): month first in the United States and a few places that follow its habit, day first
 * elsewhere. With no locale at all, the country of the asker's zone decides.
 */

/** Regions that write the month first (CLDR short date patterns starting with M). */
const MONTH_FIRST_REGIONS = new Set(['US', 'PH', 'FM', 'MH', 'PW', 'GU', 'AS', 'MP', 'PR', 'UM', 'VI']);

/** IANA zones of the United States and its territories: the zone is the asker's country when no locale is known. */
const MONTH_FIRST_ZONES = new Set([
  'America/New_York',
  'America/Detroit',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Juneau',
  'America/Sitka',
  'America/Nome',
  'America/Yakutat',
  'America/Metlakatla',
  'America/Adak',
  'America/Boise',
  'America/Menominee',
  'Pacific/Honolulu',
  'Pacific/Guam',
  'Pacific/Saipan',
  'Pacific/Pago_Pago',
  'America/Puerto_Rico',
  'America/St_Thomas',
  'Asia/Manila',
]);

export function dateOrderFor(locale: string | null | undefined, timeZone: string): DateOrder {
  const region = regionOf(locale);
  if (region) return MONTH_FIRST_REGIONS.has(region) ? 'month-first' : 'day-first';
  if (
    MONTH_FIRST_ZONES.has(timeZone) ||
    timeZone.startsWith('America/Indiana/') ||
    timeZone.startsWith('America/Kentucky/') ||
    timeZone.startsWith('America/North_Dakota/') ||
    timeZone.startsWith('US/')
  )
    return 'month-first';
  return 'day-first';
}

/** "en-US" → "US", "de_DE" → "DE", "en" → null (a language alone says nothing of the country). */
function regionOf(locale: string | null | undefined): string | null {
  if (!locale || !/[-_]/.test(locale)) return null;
  try {
    return new Intl.Locale(locale.replace('_', '-')).region ?? null;
  } catch {
    return null;
  }
}
