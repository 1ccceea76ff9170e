import type { BuildRef, ScenarioResult } from "../runner/mod.ts";
import {
  buildVersionNumber,
  implementationOf,
  parseReport,
  type ReportData,
  type ReportStatus,
  variantOf,
} from "./report_data.ts";

/**
 * Bad input to `report diff`: a file that is not a JSON report, or a `--map` that is malformed
 * or names a build the reports do not hold. The CLI maps it to exit code 2.
 */
export class DiffInputError extends Error {
  /** The file (or `--map` value) the problem is in. */
  readonly source: string;
  /** `source` is the file or `--map` value; `message` says what is wrong with it. */
  constructor(source: string, message: string) {
    super(message);
    this.name = "DiffInputError";
    this.source = source;
  }
}

/**
 * Read one side of a diff: a JSON report's text.
 *
 * @throws {DiffInputError} naming the file (and the field) when the text is not a report.
 * @example
 * ```ts
 * import { readDiffInput } from "@tls-session-harness/harness";
 * const data = readDiffInput('{"results":[]}', { file: "base.json" });
 * console.log(data.results.length); // 0
 * ```
 */
export function readDiffInput(text: string, options: { file: string }): ReportData {
  try {
    return parseReport(text, options);
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new DiffInputError(options.file, `Not a JSON report: ${e.message}`);
    }
    throw e;
  }
}

/** An explicit `--map OLD=NEW` pair: the base report's build `base` is the new report's `next`. */
export interface BuildMapping {
  /** Build id (or version, e.g. `3.0.19`) in the base report. */
  base: string;
  /** Build id (or version) in the new report. */
  next: string;
}

/**
 * Parse a `--map OLD=NEW` value.
 *
 * @throws {DiffInputError} when it is not two non-empty names around one `=`.
 * @example
 * ```ts
 * import { parseBuildMapping } from "@tls-session-harness/harness";
 * console.log(parseBuildMapping("3.0.19=3.0.20")); // { base: "3.0.19", next: "3.0.20" }
 * ```
 */
export function parseBuildMapping(spec: string): BuildMapping {
  const m = /^([^=\s]+)=([^=\s]+)$/.exec(spec);
  if (!m) {
    throw new DiffInputError(
      spec,
      `--map takes OLD=NEW, two build ids or versions (e.g. 3.0.19=3.0.20): got "${spec}"`,
    );
  }
  return { base: m[1], next: m[2] };
}

/** Options of {@linkcode diffReports}. */
export interface DiffOptions {
  /** Where the base report came from (shown in the output). @default {"base"} */
  baseFile?: string;
  /** Where the new report came from (shown in the output). @default {"new"} */
  newFile?: string;
  /** Explicit build pairs; they win over matching by implementation and family. @default {[]} */
  map?: readonly BuildMapping[];
}

/** How a base build was paired with a new build. */
export type BuildPairing = "map" | "same id" | "family";

/** A base build and the new build its results are compared with. */
export interface BuildPair {
  /** The build in the base report. */
  base: BuildRef;
  /** The build in the new report. */
  next: BuildRef;
  /** Why they were paired. */
  how: BuildPairing;
}

/** The identity of one result on both sides: scenario × variant × client × server. */
export interface DiffIdentity {
  /** Scenario name. */
  scenario: string;
  /** Variant (`""` for none). */
  variant: string;
  /** The client build in the base report (absent for a result only in the new report). */
  baseClient?: BuildRef;
  /** The server build in the base report. */
  baseServer?: BuildRef;
  /** The client build in the new report (absent for a result only in the base report). */
  newClient?: BuildRef;
  /** The server build in the new report. */
  newServer?: BuildRef;
}

/** A result whose status differs between the reports. */
export interface StatusChange extends DiffIdentity {
  /** Status in the base report. */
  from: ReportStatus;
  /** Status in the new report. */
  to: ReportStatus;
  /** True when the status got worse (see {@linkcode statusSeverity}). */
  regression: boolean;
  /** The new result's message (why it fails, errors or is skipped), if any. */
  message?: string;
}

/** An observed value that changed although its check held in both reports. */
export interface ObservedChange extends DiffIdentity {
  /** The check's claim. */
  claim: string;
  /** The check, in words. */
  description: string;
  /** The value observed in the base report. */
  from: string;
  /** The value observed in the new report. */
  to: string;
}

/** A result present in one report only. */
export interface OneSided extends DiffIdentity {
  /** Its status in the report that has it. */
  status: ReportStatus;
}

/** Everything {@linkcode diffReports} found. */
export interface ReportDiff {
  /** Where the base report came from. */
  baseFile: string;
  /** Where the new report came from. */
  newFile: string;
  /** Which base build was compared with which new build. */
  pairs: BuildPair[];
  /** Builds of the base report with no counterpart (their results are `onlyInBase`). */
  unpairedBase: BuildRef[];
  /** Builds of the new report with no counterpart (their results are `onlyInNew`). */
  unpairedNew: BuildRef[];
  /** Results whose status changed, regressions first. */
  statusChanges: StatusChange[];
  /** Values checks observed that changed while the checks held. */
  observedChanges: ObservedChange[];
  /** Results only the base report has. */
  onlyInBase: OneSided[];
  /** Results only the new report has. */
  onlyInNew: OneSided[];
  /** Results present in both with the same status and the same observed values. */
  unchanged: number;
}

/**
 * How bad a status is, for deciding whether a change is a regression: pass 0; not run (skip,
 * unsupported) 1; an expected deviation (xfail) 2; a check that did not hold or a stale
 * deviation (fail, xpass) 3; could not run at all (error) 4.
 *
 * @example
 * ```ts
 * import { statusSeverity } from "@tls-session-harness/harness";
 * console.log(statusSeverity("fail") > statusSeverity("pass")); // true
 * ```
 */
export function statusSeverity(status: ReportStatus): number {
  switch (status) {
    case "pass":
      return 0;
    case "skip":
    case "unsupported":
      return 1;
    case "xfail":
      return 2;
    case "fail":
    case "xpass":
      return 3;
    case "error":
      return 4;
  }
}

/**
 * The version family: releases of one family differ only by fixes. The build's own `family`
 * when the report has it; else, for reports written before, OpenSSL 3 and later (and most
 * other libraries) by major.minor (`3.0.19` and `3.0.20` are `3.0`); OpenSSL before 3
 * by the three numbers before the letter (`1.1.1w` is `1.1.1`).
 */
export function versionFamily(b: BuildRef): string {
  // The build says it (reports since implementations are an axis); older reports: from the text.
  if (b.family) return `${implementationOf(b)} ${b.family}`;
  const v = buildVersionNumber(b);
  const parts = v.replace(/[a-z]+$/, "").split(".");
  const major = Number(parts[0]);
  const keep = implementationOf(b) === "openssl" && major < 3 ? 3 : 2;
  return `${implementationOf(b)} ${parts.slice(0, keep).join(".")}`;
}

function findBuild(builds: readonly BuildRef[], name: string): BuildRef | undefined {
  return builds.find((b) => b.id === name) ?? builds.find((b) => buildVersionNumber(b) === name);
}

function buildsOfData(data: ReportData): BuildRef[] {
  const seen = new Map(data.builds.map((b) => [b.id, b]));
  for (const r of data.results) {
    for (const b of [r.client, r.server]) if (!seen.has(b.id)) seen.set(b.id, b);
  }
  return [...seen.values()];
}

/** Pair the builds: explicit mappings, then the same id, then a family both sides hold once. */
function pairBuilds(
  base: readonly BuildRef[],
  next: readonly BuildRef[],
  map: readonly BuildMapping[],
  files: { base: string; next: string },
): { pairs: BuildPair[]; unpairedBase: BuildRef[]; unpairedNew: BuildRef[] } {
  const pairs: BuildPair[] = [];
  const leftBase = new Set(base);
  const leftNew = new Set(next);
  for (const m of map) {
    const b = findBuild(base, m.base);
    const n = findBuild(next, m.next);
    if (!b) {
      throw new DiffInputError(
        `${m.base}=${m.next}`,
        `--map ${m.base}=${m.next}: ${files.base} has no build "${m.base}" (it has ${
          base.map((x) => x.id).join(", ") || "none"
        })`,
      );
    }
    if (!n) {
      throw new DiffInputError(
        `${m.base}=${m.next}`,
        `--map ${m.base}=${m.next}: ${files.next} has no build "${m.next}" (it has ${
          next.map((x) => x.id).join(", ") || "none"
        })`,
      );
    }
    if (!leftBase.has(b) || !leftNew.has(n)) {
      throw new DiffInputError(
        `${m.base}=${m.next}`,
        `--map ${m.base}=${m.next}: a build is mapped twice`,
      );
    }
    pairs.push({ base: b, next: n, how: "map" });
    leftBase.delete(b);
    leftNew.delete(n);
  }
  for (const b of [...leftBase]) {
    const n = [...leftNew].find((x) =>
      x.id === b.id && implementationOf(x) === implementationOf(b)
    );
    if (n) {
      pairs.push({ base: b, next: n, how: "same id" });
      leftBase.delete(b);
      leftNew.delete(n);
    }
  }
  // Two builds of one family on a side cannot be told apart: they stay unpaired (use --map).
  for (const b of [...leftBase]) {
    const family = versionFamily(b);
    const onBase = [...leftBase].filter((x) => versionFamily(x) === family);
    const onNew = [...leftNew].filter((x) => versionFamily(x) === family);
    if (onBase.length === 1 && onNew.length === 1) {
      pairs.push({ base: b, next: onNew[0], how: "family" });
      leftBase.delete(b);
      leftNew.delete(onNew[0]);
    }
  }
  return { pairs, unpairedBase: [...leftBase], unpairedNew: [...leftNew] };
}

// What a check observes but a run chooses at random, replaced before values are compared.
const VOLATILE: readonly [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // Temp dirs of the run (PKI, session files) and the ports peers got.
  [/(?:\/tmp|\/var\/tmp)\/[^\s"',;)}\]]*/g, "<tmp>"],
  [/tls-harness-[\w-]+/g, "<tmp>"],
  [/\b(127\.0\.0\.1|localhost|\[::1\]):\d+/g, "$1:<port>"],
  // Pointers the FFI driver reports.
  [/\b0x[0-9a-fA-F]{4,}\b/g, "0x<addr>"],
  // Byte strings the formatter renders as `<N bytes hex…>`: drop the bytes; keep the length of
  // short ones (session IDs, keys), not of tickets and serialised sessions, whose length moves
  // between runs (1.1.1w's tickets are 192 or 208 bytes: cipher padding of varying contents).
  [
    /<(\d+) bytes [0-9a-f]*…?>/g,
    (_: string, n: string) => Number(n) >= 64 ? "<bytes>" : `<${n} bytes>`,
  ],
  // Session IDs and tickets as hex, PEM/base64 (hex dumps are masked first: maskHexDumps).
  [/\b[0-9a-fA-F]{16,}\b/g, "<hex>"],
  [/[A-Za-z0-9+/]{24,}={0,2}/g, "<base64>"],
];

/** The start of a quoted hex dump line (`"    0000 - d3 dd … 7e `): its quote, its bytes. */
const DUMP_HEAD = /(["'`])\s*[0-9a-f]{4} - ((?:[0-9a-f]{2}[ -]){0,15}[0-9a-f]{2})[ -]/g;

/**
 * Replace each quoted hex dump line (`"    0000 - d3 dd 83 …   ...~.81"`, the bytes of a ticket)
 * by `"<hexdump>"`. The text column shows the same bytes as characters, so it may hold the quote
 * itself, a `,` or a `]` (which changes how the line is quoted, and defeats looking for the
 * closing quote), and may start with spaces (byte 0x20) that look like the padding before it: it
 * is found by its length, one character per byte (a `\\`-escape counts as one), right before the
 * closing quote.
 */
function maskHexDumps(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(DUMP_HEAD)) {
    if (m.index < last) continue;
    const bytes = m[2].split(/[ -]/).length;
    const column = new RegExp(`(?:\\\\.|[^\\\\\n]){${bytes}}${m[1]}`, "y");
    const after = m.index + m[0].length;
    const spaces = /^ */.exec(text.slice(after))![0].length;
    // The padding is at least one space; the column may begin with some of the spaces seen.
    for (let pad = spaces; pad >= 1; pad--) {
      column.lastIndex = after + pad;
      if (column.test(text)) {
        out += `${text.slice(last, m.index)}"<hexdump>"`;
        last = column.lastIndex;
        break;
      }
    }
  }
  return out + text.slice(last);
}

/**
 * A check's observed value with what varies from run to run (paths, ports, pointers, keys)
 * masked. The redactor numbers secrets in the order a run met them (`<secret value #7>`), which
 * depends on how its scenarios interleaved: they are renumbered in the order this value shows
 * them, so that "the same secret twice" still differs from "two secrets".
 *
 * @example
 * ```ts
 * import { normaliseObserved } from "@tls-session-harness/harness";
 * console.log(normaliseObserved('["<secret value #7>", "<secret value #7>", "0x55d0c0ffee00"]'));
 * // ["<secret value #1>", "<secret value #1>", "0x<addr>"]
 * ```
 */
export function normaliseObserved(value: string): string {
  const masked = VOLATILE.reduce(
    // One call per overload of replace(): a string and a function replacement.
    (v, [re, by]) => typeof by === "string" ? v.replace(re, by) : v.replace(re, by),
    maskHexDumps(value),
  );
  const order = new Map<string, number>();
  return masked.replace(/<secret ([^<>#]+) #\d+>/g, (placeholder, label: string) => {
    if (!order.has(placeholder)) order.set(placeholder, order.size + 1);
    return `<secret ${label} #${order.get(placeholder)}>`;
  });
}

/**
 * True when two observed values say the same thing. Besides the masked parts, byte counts of
 * handshakes and serialised sessions move by a few bytes between runs (the certificate's random
 * serial and signature change DER lengths: 457 or 458 bytes), so a number of 64 or more that
 * moves by at most 2% (or 4) is the same; smaller numbers (ticket counts, references) must match.
 */
export function sameObserved(a: string, b: string): boolean {
  const na = normaliseObserved(a);
  const nb = normaliseObserved(b);
  if (na === nb) return true;
  const num = /-?\d+(?:\.\d+)?/g;
  if (na.replace(num, "#") !== nb.replace(num, "#")) return false;
  const xs = na.match(num) ?? [];
  const ys = nb.match(num) ?? [];
  return xs.every((x, i) => {
    const p = Number(x);
    const q = Number(ys[i]);
    if (p === q) return true;
    const big = Math.max(Math.abs(p), Math.abs(q));
    return Math.min(Math.abs(p), Math.abs(q)) >= 64 && Math.abs(p - q) <= Math.max(4, big * 0.02);
  });
}

/** Expectations keyed by claim, description and occurrence (a check may repeat). */
function checksOf(r: ScenarioResult): Map<string, ScenarioResult["expectations"][number]> {
  const seen = new Map<string, number>();
  const out = new Map<string, ScenarioResult["expectations"][number]>();
  for (const e of r.expectations) {
    const base = `${e.claim}\0${e.description}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.set(`${base}\0${n}`, e);
  }
  return out;
}

/**
 * Compare two reports result by result. A result's identity is scenario × variant × client
 * build × server build, where a base build stands for the new build it is paired with (by
 * `map`, by the same id, or as the only build of its implementation and version family on each
 * side: `3.0.19` ↔ `3.0.20`, `system` by the version it reports).
 *
 * @throws {DiffInputError} when a mapping names a build a report does not hold.
 * @example
 * ```ts
 * import { diffReports, diffExitCode, readDiffInput } from "@tls-session-harness/harness";
 * const build = { id: "3.0.19", version: "OpenSSL 3.0.19", path: "/b/openssl" };
 * const report = (status: string) => readDiffInput(JSON.stringify({ results: [{
 *   scenario: "get_session/last_ticket_wins", status, client: build, server: build,
 *   duration_ms: 1 }] }), { file: `${status}.json` });
 * const diff = diffReports(report("pass"), report("fail"));
 * console.log(diff.statusChanges[0].regression, diffExitCode(diff)); // true 1
 * ```
 */
export function diffReports(
  base: ReportData,
  next: ReportData,
  options: DiffOptions = {},
): ReportDiff {
  const baseFile = options.baseFile ?? "base";
  const newFile = options.newFile ?? "new";
  const { pairs, unpairedBase, unpairedNew } = pairBuilds(
    buildsOfData(base),
    buildsOfData(next),
    options.map ?? [],
    { base: baseFile, next: newFile },
  );
  const newIdOf = new Map(pairs.map((p) => [p.base.id, p.next.id]));
  const key = (r: ScenarioResult, client: string, server: string) =>
    `${r.scenario}\0${variantOf(r)}\0${client}\0${server}`;
  const newResults = new Map<string, ScenarioResult>();
  for (const r of next.results) newResults.set(key(r, r.client.id, r.server.id), r);

  const diff: ReportDiff = {
    baseFile,
    newFile,
    pairs,
    unpairedBase,
    unpairedNew,
    statusChanges: [],
    observedChanges: [],
    onlyInBase: [],
    onlyInNew: [],
    unchanged: 0,
  };
  const matched = new Set<ScenarioResult>();
  for (const b of base.results) {
    const c = newIdOf.get(b.client.id);
    const s = newIdOf.get(b.server.id);
    const n = c !== undefined && s !== undefined ? newResults.get(key(b, c, s)) : undefined;
    if (!n || matched.has(n)) {
      diff.onlyInBase.push({
        scenario: b.scenario,
        variant: variantOf(b),
        baseClient: b.client,
        baseServer: b.server,
        status: b.status,
      });
      continue;
    }
    matched.add(n);
    const identity: DiffIdentity = {
      scenario: b.scenario,
      variant: variantOf(b),
      baseClient: b.client,
      baseServer: b.server,
      newClient: n.client,
      newServer: n.server,
    };
    let changed = false;
    if (b.status !== n.status) {
      changed = true;
      diff.statusChanges.push({
        ...identity,
        from: b.status,
        to: n.status,
        regression: statusSeverity(n.status) > statusSeverity(b.status),
        ...(n.message !== undefined && n.status !== "pass" ? { message: n.message } : {}),
      });
    }
    const after = checksOf(n);
    for (const [k, e] of checksOf(b)) {
      const f = after.get(k);
      if (f && e.passed && f.passed && !sameObserved(e.actual, f.actual)) {
        changed = true;
        diff.observedChanges.push({
          ...identity,
          claim: e.claim,
          description: e.description,
          from: e.actual,
          to: f.actual,
        });
      }
    }
    if (!changed) diff.unchanged++;
  }
  for (const n of next.results) {
    if (matched.has(n)) continue;
    diff.onlyInNew.push({
      scenario: n.scenario,
      variant: variantOf(n),
      newClient: n.client,
      newServer: n.server,
      status: n.status,
    });
  }
  diff.statusChanges.sort((a, b) => Number(b.regression) - Number(a.regression));
  return diff;
}

/** Count of status changes that are regressions. */
export function regressionCount(diff: ReportDiff): number {
  return diff.statusChanges.filter((c) => c.regression).length;
}

/**
 * The exit code of `report diff`: 1 when something regressed (a status got worse, or a value a
 * passing check observed changed), 0 otherwise. Results present in one report only, and
 * statuses that got better, are listed but do not fail.
 *
 * @example
 * ```ts
 * import { diffExitCode, diffReports, parseReport } from "@tls-session-harness/harness";
 * const empty = parseReport('{"results": []}', { file: "empty.json" });
 * console.log(diffExitCode(diffReports(empty, empty))); // 0
 * ```
 */
export function diffExitCode(diff: ReportDiff): 0 | 1 {
  return regressionCount(diff) > 0 || diff.observedChanges.length > 0 ? 1 : 0;
}

/** The label of the pair a diff entry ran on: `3.0.19` or `3.0.19 → 3.0.20` across reports. */
export function diffPairLabel(d: DiffIdentity): string {
  const side = (c?: BuildRef, s?: BuildRef) =>
    !c || !s ? "" : c.id === s.id ? c.id : `${c.id} -> ${s.id}`;
  const before = side(d.baseClient, d.baseServer);
  const after = side(d.newClient, d.newServer);
  if (!before) return after;
  if (!after || before === after) return before;
  return `${before} ⇒ ${after}`;
}

/** `scenario[variant]`, or the scenario alone. */
export function diffScenarioLabel(d: DiffIdentity): string {
  return d.variant ? `${d.scenario}[${d.variant}]` : d.scenario;
}
