import assert from "node:assert/strict";
import { mergeReports } from "./merge.ts";
import type { ReportData } from "./report_data.ts";
import { countResults } from "./report_data.ts";
import { sampleReport } from "../../testing/report/test_results.ts";

function split(data: ReportData, parts: number): ReportData[] {
  return Array.from({ length: parts }, (_, p) => {
    const results = data.results.filter((_, i) => i % parts === p);
    return {
      ...data,
      results,
      summary: { ...data.summary, counts: countResults(results), durationMs: 100 * (p + 1) },
    };
  });
}

Deno.test("mergeReports() puts shards back together and re-counts", () => {
  const whole = sampleReport();
  const merged = mergeReports(split(whole, 3).map((data, i) => ({ file: `s${i}.json`, data })));
  assert.deepEqual(merged.results, whole.results);
  assert.deepEqual(merged.summary.counts, whole.summary.counts);
  assert.equal(merged.summary.durationMs, 300);
  assert.deepEqual(merged.summary.mergedFrom, ["s0.json", "s1.json", "s2.json"]);
  assert.deepEqual(merged.builds.map((b) => b.id), ["system", "1.1.1w"]);
});

Deno.test("mergeReports() keeps a task once, with its worst status", () => {
  const a = sampleReport();
  const b = sampleReport();
  const i = b.results.findIndex((r) => r.scenario === "sanity/handshake");
  b.results[i] = { ...b.results[i], status: "error", message: "crashed" };
  const merged = mergeReports([{ file: "a", data: a }, { file: "b", data: b }]);
  assert.equal(merged.results.length, a.results.length);
  assert.equal(merged.summary.counts.error, a.summary.counts.error + 1);
  assert.equal(merged.results.find((r) => r.message === "crashed")?.status, "error");
});

Deno.test("mergeReports() drops a stale deviation that another part applied", () => {
  const a = sampleReport();
  const b = sampleReport();
  b.results = b.results.filter((r) => r.status !== "xfail");
  b.summary.staleDeviations = [
    "get_session/unclean_shutdown (client *, server 1.1.1): 1.1.1 keeps the session",
    "other (client *, server *): gone",
  ];
  const merged = mergeReports([{ file: "a", data: a }, { file: "b", data: b }]);
  assert.deepEqual(merged.summary.staleDeviations, ["other (client *, server *): gone"]);
});
