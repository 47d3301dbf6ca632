import type { DurationLikeObject } from 'luxon';

/**
 * The words of time: weekdays, months, numbers, units, parts of the day. Maps, not plain objects: a word
 * like "__proto__" must not find Object.prototype.
 */

export const WEEKDAYS = new Map<string, number>(
  Object.entries({
    monday: 1,
    mon: 1,
    tuesday: 2,
    tue: 2,
    tues: 2,
    wednesday: 3,
    wed: 3,
    thursday: 4,
    thu: 4,
    thur: 4,
    thurs: 4,
    friday: 5,
    fri: 5,
    saturday: 6,
    sat: 6,
    sunday: 7,
    sun: 7,
  }),
);

export const MONTHS = new Map<string, number>(
  Object.entries({
    january: 1,
    jan: 1,
    february: 2,
    feb: 2,
    march: 3,
    mar: 3,
    april: 4,
    apr: 4,
    may: 5,
    june: 6,
    jun: 6,
    july: 7,
    jul: 7,
    august: 8,
    aug: 8,
    september: 9,
    sep: 9,
    sept: 9,
    october: 10,
    oct: 10,
    november: 11,
    nov: 11,
    december: 12,
    dec: 12,
  }),
);

/** Month names that are also ordinary English words: a month only after a word that asks for a date. */
export const AMBIGUOUS_MONTHS = new Set(['may', 'mar', 'jan', 'sep']);

export const NUMBER_WORDS = new Map<string, number>(
  Object.entries({
    a: 1,
    an: 1,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    fifteen: 15,
    twenty: 20,
    thirty: 30,
    fifty: 50,
    hundred: 100,
  }),
);

/** "last couple of days", "past few hours", "last several days": vague amounts, read as stated. */
export const VAGUE_AMOUNTS = new Map<string, number>(Object.entries({ couple: 2, few: 3, several: 5 }));

export const UNITS = new Map<string, keyof DurationLikeObject>(
  Object.entries({
    m: 'minutes',
    min: 'minutes',
    mins: 'minutes',
    minute: 'minutes',
    minutes: 'minutes',
    h: 'hours',
    hr: 'hours',
    hrs: 'hours',
    hour: 'hours',
    hours: 'hours',
    d: 'days',
    day: 'days',
    days: 'days',
    w: 'weeks',
    wk: 'weeks',
    wks: 'weeks',
    week: 'weeks',
    weeks: 'weeks',
    month: 'months',
    months: 'months',
  }),
);

export const CALENDAR_UNITS = new Map<string, 'week' | 'month' | 'year'>(
  Object.entries({ week: 'week', month: 'month', year: 'year' }),
);

/** Parts of a day, as hours from that day's midnight; the night runs into the next morning. */
export const PARTS_OF_DAY = new Map<string, { from: number; to: number; label: string }>(
  Object.entries({
    morning: { from: 0, to: 12, label: 'morning' },
    afternoon: { from: 12, to: 18, label: 'afternoon' },
    evening: { from: 18, to: 24, label: 'evening' },
    night: { from: 18, to: 32, label: 'night' },
  }),
);

/** `24h`, `90m`, `7d`, `2w`: a number glued to its unit. */
export const COMPACT_DURATION = /^(\d+)(m|min|mins|h|hr|hrs|d|w|wk)$/i;
