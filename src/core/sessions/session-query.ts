import type { JobStatus, SessionVocabulary } from './api-version';

/** Longest policy or VM name a question may carry (Azure VM names stop at 64; policy names vary). */
export const MAX_NAME_LENGTH = 128;

/**
 * What the user asked for, in API terms. Names are kept as written; turning them into ids is the job of
 * the use case, which asks the Veeam API.
 */
export type SessionQuery = {
  /** API status values; empty means any. */
  statuses: JobStatus[];
  /** API session types; empty means any. */
  types: string[];
  /** A policy named with `policy …`. */
  policy: string | null;
  /** A VM named with `vm …`. */
  vm: string | null;
  /** A bare name ("failed for web-01") that may be a policy or a VM: the use case finds out which. */
  name: string | null;
  /** Inclusive lower bound, ISO 8601 UTC ending in Z. */
  fromUtc: string | null;
  /** Exclusive upper bound, ISO 8601 UTC ending in Z. */
  toUtc: string | null;
  /** How the time words were understood, for titles ("yesterday", "last 24 hours"). */
  timeLabel: string | null;
  /** The IANA zone the time words were read in. */
  timeZone: string;
  /** The words of the API version the question was read for; its version goes into page tokens. */
  vocabulary: SessionVocabulary;
  /** "last 50 failures": newest first, no more than this many; null for all that match. */
  limit: number | null;
  /** How words were read when not in the obvious way ("Read "faild" as "failed"."), for the answer. */
  notes: string[];
};

/** A query with no filter at all, in a zone: the start of a digest's scope. */
export function unfilteredQuery(timeZone: string, vocabulary: SessionVocabulary): SessionQuery {
  return {
    statuses: [],
    types: [],
    policy: null,
    vm: null,
    name: null,
    fromUtc: null,
    toUtc: null,
    timeLabel: null,
    timeZone,
    vocabulary,
    limit: null,
    notes: [],
  };
}

/** The filters of `GET /jobSessions`, with names already resolved to ids. */
export type SessionFilter = {
  statuses: JobStatus[];
  types: string[];
  policyId: string | null;
  vmId: string | null;
  fromUtc: string | null;
  toUtc: string | null;
};

export type PageRequest = { offset: number; limit: number };
