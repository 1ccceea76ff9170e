import type { ExpectationRecord } from "../scenario/mod.ts";
import {
  type BuildRef,
  compareResults,
  emptyCounts,
  type RunEvent,
  type ScenarioResult,
  type Status,
  type StatusCounts,
} from "../runner/mod.ts";

/** The run-level facts a finished report carries besides its results. */
export interface ReportSummary {
  /** Counts per status, re-counted from the results. */
  counts: StatusCounts;
  /** Wall time in milliseconds (for a merged report: the longest part). */
  durationMs: number;
  /** When the run started, ISO 8601 (for a merged report: the earliest part). */
  startedAt: string;
  /** True when the run (or any merged part) was interrupted. */
  interrupted: boolean;
  /** Expected-deviation entries that covered a result but no longer apply. */
  staleDeviations: string[];
  /** The `--shard I/N` this report is, when it is one part of a sharded run. */
  shard?: { index: number; count: number };
  /** The files a merged report was made from. */
  mergedFrom?: string[];
}

/**
 * A finished run as every end-of-run report sees it: results, the builds (in run order) and the
 * summary. It can be built from runner events ({@linkcode collectReport}) or read back from a
 * JSON report ({@linkcode parseReport}), so Markdown and HTML look the same either way.
 */
export interface ReportData {
  /** Every result, in a stable order (scenario, client, server). */
  results: ScenarioResult[];
  /** The builds of the run, in the order the run listed them. */
  builds: BuildRef[];
  /** Run-level facts. */
  summary: ReportSummary;
}

/**
 * Every status a report can hold: the runner's, and `unsupported` (a build lacks a capability
 * the scenario requires), which reports list as a non-pass status even where the runner does
 * not produce it yet.
 */
export type ReportStatus = Status | "unsupported";

/** The statuses a JSON report may carry, in the order summaries list them. */
export const REPORT_STATUSES: readonly ReportStatus[] = [
  "pass",
  "fail",
  "error",
  "skip",
  "xfail",
  "xpass",
  "unsupported",
];

/**
 * The version of the JSON report's shape (`"schema_version"` in the document). It goes up when
 * a field changes meaning or goes away; new optional fields do not change it.
 */
export const SCHEMA_VERSION = 1;

/** Counts per status of a list of results (`unsupported` included once one is seen). */
export function countResults(results: readonly ScenarioResult[]): StatusCounts {
  const counts: Record<string, number> = emptyCounts();
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts as StatusCounts;
}

/** How many results of `counts` have `status` (0 for a status the counts do not list). */
export function countOf(counts: StatusCounts, status: ReportStatus): number {
  return (counts as Record<string, number>)[status] ?? 0;
}

/** A result's variant: `""` when its scenario has none (and in reports made before variants). */
export function variantOf(r: ScenarioResult): string {
  return r.variant ?? "";
}

/** A build's implementation: `"openssl"` when the report does not say (reports before others). */
export function implementationOf(b: BuildRef): string {
  return (b as { implementation?: string }).implementation ?? "openssl";
}

/**
 * The version number a build is known by: its id when that is a version (`3.0.19`, `1.1.1w`),
 * else the first version number in its `version` text (`system` → `3.0.19`,
 * `boringssl-14.0.0` → `14.0.0`, `rustls` → Deno's `2.9.6`).
 *
 * @example
 * ```ts
 * import { buildVersionNumber } from "./report_data.ts";
 * console.log(buildVersionNumber({ id: "system", version: "OpenSSL 3.0.19 27 Jan 2026", path: "" })); // "3.0.19"
 * ```
 */
export function buildVersionNumber(b: BuildRef): string {
  const re = /\d+\.\d+(?:\.\d+)?[a-z]*/;
  return re.exec(b.id)?.[0] === b.id ? b.id : re.exec(b.version)?.[0] ?? b.id;
}

/** Results in the report order (the runner's). */
export { compareResults };

/**
 * Read runner events to the end and keep what an end-of-run report needs.
 *
 * @example
 * ```ts
 * import { collectReport } from "./report_data.ts";
 * async function* none() {}
 * console.log(await collectReport(none())); // undefined: no run:end event
 * ```
 */
export async function collectReport(
  events: AsyncIterable<RunEvent>,
  options: Pick<ReportSummary, "shard" | "mergedFrom"> = {},
): Promise<ReportData | undefined> {
  let builds: BuildRef[] = [];
  let startedAt = "";
  let data: ReportData | undefined;
  for await (const e of events) {
    if (e.type === "run:start") {
      builds = e.builds;
      startedAt = e.startedAt;
    } else if (e.type === "run:end") {
      data = {
        results: e.results,
        builds,
        summary: {
          counts: e.counts,
          durationMs: e.durationMs,
          startedAt,
          interrupted: e.interrupted,
          staleDeviations: e.staleDeviations,
          ...(options.shard ? { shard: options.shard } : {}),
          ...(options.mergedFrom ? { mergedFrom: options.mergedFrom } : {}),
        },
      };
    }
  }
  return data;
}

/** A short label for the pair a result ran on: `3.0.19` or `1.1.1w -> 3.5.7`. */
export function pairLabel(r: ScenarioResult): string {
  return r.client.id === r.server.id ? r.client.id : `${r.client.id} -> ${r.server.id}`;
}

/** The key that identifies one task: scenario × variant × client build × server build. */
export function resultKey(r: ScenarioResult): string {
  return `${r.scenario}\0${
    variantOf(r)
  }\0${r.client.path}\0${r.client.id}\0${r.server.path}\0${r.server.id}`;
}

/** `scenario[variant]`, or the scenario alone when it has no variant. */
export function scenarioLabel(r: ScenarioResult): string {
  const v = variantOf(r);
  return v ? `${r.scenario}[${v}]` : r.scenario;
}

function buildRecord(b: BuildRef): Record<string, unknown> {
  return {
    id: b.id,
    version: b.version,
    path: b.path,
    ...(b.implementation !== undefined ? { implementation: b.implementation } : {}),
    ...(b.family !== undefined ? { family: b.family } : {}),
  };
}

/** The JSON contract's record of one result (snake_case, stable field names). */
export function resultRecord(r: ScenarioResult): Record<string, unknown> {
  const variant = variantOf(r);
  return {
    scenario: r.scenario,
    ...(variant ? { variant } : {}),
    claims: r.claims,
    status: r.status,
    client: buildRecord(r.client),
    server: buildRecord(r.server),
    duration_ms: r.durationMs,
    ...(r.message !== undefined ? { message: r.message } : {}),
    file: r.file,
    tags: r.tags,
    expectations: r.expectations,
    ...(r.failedExpectation ? { failed_expectation: r.failedExpectation } : {}),
    ...(r.deviation ? { deviation: r.deviation } : {}),
    notes: r.notes,
    repro: r.repro,
    ...(r.reproScript !== undefined ? { repro_script: r.reproScript } : {}),
    peers: r.peers.map((p) => ({
      role: p.role,
      command: p.command,
      exit_code: p.exitCode,
      stdout: p.stdout,
      stderr: p.stderr,
    })),
  };
}

/** The whole JSON document of a report: `{ schema_version, results, summary, builds }`. */
export function reportDocument(data: ReportData): Record<string, unknown> {
  const s = data.summary;
  return {
    schema_version: SCHEMA_VERSION,
    results: data.results.map(resultRecord),
    summary: {
      ...s.counts,
      total: data.results.length,
      duration_ms: s.durationMs,
      started_at: s.startedAt,
      interrupted: s.interrupted,
      stale_deviations: s.staleDeviations,
      ...(s.shard ? { shard: `${s.shard.index}/${s.shard.count}` } : {}),
      ...(s.mergedFrom ? { merged_from: s.mergedFrom } : {}),
    },
    builds: data.builds.map(buildRecord),
  };
}

class Reader {
  constructor(readonly file: string) {}
  fail(where: string, expected: string): never {
    throw new SyntaxError(`${this.file}: ${where}: expected ${expected}`);
  }
  object(v: unknown, where: string): Record<string, unknown> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(where, "an object");
    return v as Record<string, unknown>;
  }
  string(v: unknown, where: string): string {
    if (typeof v !== "string") this.fail(where, "a string");
    return v;
  }
  optString(v: unknown, where: string): string | undefined {
    return v === undefined ? undefined : this.string(v, where);
  }
  number(v: unknown, where: string): number {
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(where, "a number");
    return v;
  }
  strings(v: unknown, where: string): string[] {
    if (!Array.isArray(v)) this.fail(where, "an array of strings");
    return v.map((x, i) => this.string(x, `${where}[${i}]`));
  }
  array(v: unknown, where: string): unknown[] {
    if (!Array.isArray(v)) this.fail(where, "an array");
    return v;
  }
  build(v: unknown, where: string): BuildRef {
    const o = this.object(v, where);
    const implementation = this.optString(o.implementation, `${where}.implementation`);
    const family = this.optString(o.family, `${where}.family`);
    return {
      id: this.string(o.id, `${where}.id`),
      version: this.string(o.version, `${where}.version`),
      path: this.string(o.path, `${where}.path`),
      // Kept when present so a report read back (merge, diff) says what it said.
      ...(implementation !== undefined ? { implementation } : {}),
      ...(family !== undefined ? { family } : {}),
    };
  }
  expectation(v: unknown, where: string): ExpectationRecord {
    const o = this.object(v, where);
    if (typeof o.passed !== "boolean") this.fail(`${where}.passed`, "true or false");
    return {
      claim: this.string(o.claim, `${where}.claim`),
      description: this.string(o.description, `${where}.description`),
      passed: o.passed,
      actual: this.string(o.actual, `${where}.actual`),
      expected: this.string(o.expected, `${where}.expected`),
    };
  }
}

/**
 * Turn one JSON record (see {@linkcode resultRecord}) back into a result. Fields the contract
 * calls optional may be missing; a wrong type is a SyntaxError naming the file and field.
 *
 * @example
 * ```ts
 * import { resultFromRecord } from "./report_data.ts";
 * const build = { id: "system", version: "OpenSSL 3.0.19", path: "/usr/bin/openssl" };
 * const r = resultFromRecord({ scenario: "a/b", claims: ["GS-9"], status: "pass",
 *   client: build, server: build, duration_ms: 5 }, { file: "r.json", where: "results[0]" });
 * console.log(r.status); // "pass"
 * ```
 */
export function resultFromRecord(
  record: unknown,
  options: { file: string; where: string },
): ScenarioResult {
  const rd = new Reader(options.file);
  const w = options.where;
  const o = rd.object(record, w);
  const status = rd.string(o.status, `${w}.status`) as Status;
  if (!REPORT_STATUSES.includes(status)) {
    rd.fail(`${w}.status`, `one of ${REPORT_STATUSES.join(", ")}`);
  }
  const variant = rd.optString(o.variant, `${w}.variant`);
  const deviation = o.deviation === undefined ? undefined : (() => {
    const d = rd.object(o.deviation, `${w}.deviation`);
    return {
      reason: rd.string(d.reason, `${w}.deviation.reason`),
      ...(d.evidence !== undefined
        ? { evidence: rd.string(d.evidence, `${w}.deviation.evidence`) }
        : {}),
    };
  })();
  const result: ScenarioResult = {
    scenario: rd.string(o.scenario, `${w}.scenario`),
    ...(variant ? { variant } : {}),
    file: rd.optString(o.file, `${w}.file`) ?? "",
    claims: rd.strings(o.claims ?? [], `${w}.claims`),
    tags: rd.strings(o.tags ?? [], `${w}.tags`),
    status,
    client: rd.build(o.client, `${w}.client`),
    server: rd.build(o.server, `${w}.server`),
    durationMs: rd.number(o.duration_ms, `${w}.duration_ms`),
    message: rd.optString(o.message, `${w}.message`),
    expectations: rd.array(o.expectations ?? [], `${w}.expectations`).map((e, i) =>
      rd.expectation(e, `${w}.expectations[${i}]`)
    ),
    peers: rd.array(o.peers ?? [], `${w}.peers`).map((p, i) => {
      const po = rd.object(p, `${w}.peers[${i}]`);
      const code = po.exit_code;
      if (code !== null && code !== undefined) rd.number(code, `${w}.peers[${i}].exit_code`);
      return {
        role: rd.string(po.role, `${w}.peers[${i}].role`),
        command: rd.string(po.command, `${w}.peers[${i}].command`),
        exitCode: (code ?? null) as number | null,
        stdout: rd.optString(po.stdout, `${w}.peers[${i}].stdout`) ?? "",
        stderr: rd.optString(po.stderr, `${w}.peers[${i}].stderr`) ?? "",
      };
    }),
    repro: rd.strings(o.repro ?? [], `${w}.repro`),
    notes: rd.strings(o.notes ?? [], `${w}.notes`),
  };
  const script = rd.optString(o.repro_script, `${w}.repro_script`);
  if (script !== undefined) result.reproScript = script;
  if (result.message === undefined) delete result.message;
  if (o.failed_expectation !== undefined) {
    result.failedExpectation = rd.expectation(o.failed_expectation, `${w}.failed_expectation`);
  }
  if (deviation) result.deviation = deviation;
  return result;
}

/** Builds in the order they first appear as client or server of the results. */
export function buildsOf(results: readonly ScenarioResult[]): BuildRef[] {
  const seen = new Map<string, BuildRef>();
  for (const r of results) {
    for (const b of [r.client, r.server]) if (!seen.has(b.id)) seen.set(b.id, b);
  }
  return [...seen.values()];
}

/**
 * Read a JSON report (what `--reporter json` writes) back into {@linkcode ReportData}. The
 * summary's counts are re-counted from the results, not trusted.
 *
 * @throws {SyntaxError} naming the file (and the field) when the text is not a report.
 * @example
 * ```ts
 * import { parseReport } from "@tls-session-harness/harness";
 * const data = parseReport('{"results":[],"summary":{}}', { file: "empty.json" });
 * console.log(data.summary.counts.pass); // 0
 * ```
 */
export function parseReport(text: string, options: { file: string }): ReportData {
  const rd = new Reader(options.file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`${options.file}: not valid JSON: ${(e as Error).message}`);
  }
  const o = rd.object(doc, "the document");
  if (o.schema_version !== undefined) {
    const v = rd.number(o.schema_version, "schema_version");
    if (v > SCHEMA_VERSION) {
      rd.fail(
        "schema_version",
        `${SCHEMA_VERSION} or lower (this harness is older than the report)`,
      );
    }
  }
  if (!Array.isArray(o.results)) {
    rd.fail("the document", 'a JSON report: { "results": [ … ], "summary": { … } }');
  }
  const results = (o.results as unknown[]).map((r, i) =>
    resultFromRecord(r, { file: options.file, where: `results[${i}]` })
  );
  const s = rd.object(o.summary ?? {}, "summary");
  const builds = o.builds === undefined
    ? buildsOf(results)
    : rd.array(o.builds, "builds").map((b, i) => rd.build(b, `builds[${i}]`));
  const shard = typeof s.shard === "string" ? /^(\d+)\/(\d+)$/.exec(s.shard) : null;
  return {
    results,
    builds,
    summary: {
      counts: countResults(results),
      durationMs: typeof s.duration_ms === "number" ? s.duration_ms : 0,
      startedAt: typeof s.started_at === "string" ? s.started_at : "",
      interrupted: s.interrupted === true,
      staleDeviations: s.stale_deviations === undefined
        ? []
        : rd.strings(s.stale_deviations, "summary.stale_deviations"),
      ...(shard ? { shard: { index: Number(shard[1]), count: Number(shard[2]) } } : {}),
      ...(s.merged_from !== undefined
        ? { mergedFrom: rd.strings(s.merged_from, "summary.merged_from") }
        : {}),
    },
  };
}
