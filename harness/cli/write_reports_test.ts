import assert from "node:assert/strict";
import process from "node:process";
import { writeReports } from "./write_reports.ts";
import { captureIo } from "../../testing/cli/capture_io.ts";
import { result, SYSTEM } from "../../testing/report/test_results.ts";
import { emptyCounts, type RunEvent, type ScenarioResult } from "../runner/mod.ts";

/** The events of an interrupted run of `n` tasks: every one a "not run" skip, in one burst. */
function* interrupted(n: number): Generator<RunEvent> {
  const results: ScenarioResult[] = Array.from(
    { length: n },
    (_, i) =>
      result(`s/${i % 600}`, "skip", SYSTEM, { ...SYSTEM, id: `b${i % 77}` }, {
        message: "not run: the run was interrupted",
        expectations: [],
      }),
  );
  yield { type: "run:start", total: n, jobs: 2, builds: [SYSTEM], startedAt: "" };
  for (const r of results) yield { type: "scenario:end", result: r };
  yield {
    type: "run:end",
    results,
    counts: { ...emptyCounts(), skip: n },
    durationMs: 1,
    staleDeviations: [],
    interrupted: true,
  };
}

Deno.test("writeReports() writes an interrupted run's burst of 46 000 results in few writes and little CPU", async () => {
  const io = captureIo(Deno.cwd());
  let writes = 0;
  const stdout = io.stdout;
  // A write completes later, as a real one does (after the event loop turns).
  io.stdout = (t) => {
    writes++;
    return new Promise((done) => setTimeout(() => stdout(t).then(done), 0));
  };
  const events = (async function* () {
    yield* interrupted(46_000);
  })();
  const before = process.cpuUsage();
  await writeReports(events, [{ name: "pretty" }], io);
  const cpu = process.cpuUsage(before);
  const lines = io.out.split("\n");
  assert.equal(lines.filter((l) => l.startsWith("SKIP  s/")).length, 46_000);
  assert.match(io.out, /Interrupted\. 0 passed, .*46000 skipped/);
  // One awaited write per line took 2-3 s of CPU; chunks that come while a write is under way
  // go into the next one.
  assert.ok(writes < 1000, `${writes} writes`);
  const seconds = (cpu.user + cpu.system) / 1e6;
  // Before: 11.8 s of CPU for the pretty report of a 46 000-task interrupted run.
  assert.ok(seconds < 4, `${seconds.toFixed(2)} s of CPU`);
});
