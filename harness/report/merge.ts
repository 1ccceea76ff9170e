import type { BuildRef, ScenarioResult } from "../runner/mod.ts";
import { WORST_FIRST } from "./matrix.ts";
import { compareResults, countResults, type ReportData, resultKey } from "./report_data.ts";

/** One report to merge and where it came from. */
export interface MergePart {
  /** The file it was read from (recorded in the merged summary). */
  file: string;
  /** Its data. */
  data: ReportData;
}

/**
 * Combine reports (the shards of one run, or any runs) into one. Results are keyed by
 * scenario × client build × server build; a task present in several parts (a sanity scenario
 * that every shard ran, or a file given twice) is kept once, with its worst status. The
 * summary is re-counted; the duration is the longest part's (shards run side by side), the
 * start the earliest; a stale deviation stays listed only when no merged result applied it.
 *
 * @example
 * ```ts
 * import { mergeReports } from "@tls-session-harness/harness";
 * const merged = mergeReports([]);
 * console.log(merged.results.length, merged.summary.counts.fail); // 0 0
 * ```
 */
export function mergeReports(parts: readonly MergePart[]): ReportData {
  const byKey = new Map<string, ScenarioResult>();
  const rank = (r: ScenarioResult) => WORST_FIRST.indexOf(r.status);
  for (const part of parts) {
    for (const r of part.data.results) {
      const key = resultKey(r);
      const seen = byKey.get(key);
      if (!seen || rank(r) < rank(seen)) byKey.set(key, r);
    }
  }
  const results = [...byKey.values()].sort(compareResults);
  const builds = new Map<string, BuildRef>();
  for (const part of parts) {
    for (const b of part.data.builds) if (!builds.has(b.id)) builds.set(b.id, b);
  }
  for (const r of results) {
    for (const b of [r.client, r.server]) if (!builds.has(b.id)) builds.set(b.id, b);
  }
  const applied = new Set(results.flatMap((r) => r.deviation ? [r.deviation.reason] : []));
  const stale = [...new Set(parts.flatMap((p) => p.data.summary.staleDeviations))].filter((d) =>
    ![...applied].some((reason) => d.endsWith(`: ${reason}`))
  );
  const starts = parts.map((p) => p.data.summary.startedAt).filter(Boolean).sort();
  return {
    results,
    builds: [...builds.values()],
    summary: {
      counts: countResults(results),
      durationMs: Math.max(0, ...parts.map((p) => p.data.summary.durationMs)),
      startedAt: starts[0] ?? "",
      interrupted: parts.some((p) => p.data.summary.interrupted),
      staleDeviations: stale,
      mergedFrom: parts.map((p) => p.file),
    },
  };
}
