// The validated shape of a check and its expectations, shared by parsing, evaluation and reporting.
import type { JsonPath } from './json-path.ts';

/** An inclusive range of HTTP statuses (`200` is 200..200, `2xx` is 200..299). */
export interface StatusRange {
  min: number;
  max: number;
}

/** What a response header must look like. */
export type HeaderRule = { kind: 'present' } | { kind: 'absent' } | { kind: 'contains'; text: string } | { kind: 'matches'; pattern: RegExp };

/** Where the deployed version shows in an answer. */
export type VersionLocation = { kind: 'body' } | { kind: 'json'; path: JsonPath } | { kind: 'header'; name: string };

/** Everything a check expects of the answer. */
export interface Expectations {
  /** Accepted statuses (default 2xx). */
  status: StatusRange[];
  /** The status ranges as written, for messages. */
  statusText: string;
  /** Strings the body must contain. */
  bodyContains: string[];
  /** Patterns the body must match. */
  bodyMatches: RegExp[];
  /** JSON paths and the values they must hold (deep equality). */
  json: { path: JsonPath; value: unknown }[];
  /** Response headers (lower-case names) and their rules. */
  headers: { name: string; rule: HeaderRule }[];
  /** The slowest acceptable answer, in ms. */
  maxLatencyMs: number | undefined;
  /** Where `expect-version` must appear; undefined when this check does not prove the version. */
  version: VersionLocation | undefined;
}

/** One validated check, ready to send. */
export interface Check {
  /** 1-based position in the `checks` input. */
  index: number;
  /** 1-based line in the `checks` input. */
  line: number;
  /** The label shown in reports: the `name`, else `METHOD path`. */
  name: string;
  /** The path or URL as written, for messages. */
  target: string;
  method: string;
  /** Absolute http(s) URL. */
  url: string;
  /** Request headers (names as written). */
  headers: Record<string, string>;
  /** Request body, if any. */
  body: string | undefined;
  expect: Expectations;
}
