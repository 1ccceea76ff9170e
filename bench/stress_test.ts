import assert from "node:assert/strict";
import { liveChildCount, ProcessError, run, spawn } from "../harness/process/mod.ts";
import { parseReport, type ReportData } from "../harness/report/mod.ts";
import { sampleReport } from "../testing/report/test_results.ts";
import { processesMatching, waitForProcesses } from "../testing/faults/process_table.ts";
import { cpuTicksOfStat, HOG_SCRIPT, readCpuTicks, startCpuHog } from "./cpu_hog.ts";
import { differingResults } from "./stress_diff.ts";
import {
  formatStressSummary,
  parseStressArgs,
  stressExitCode,
  type StressSummary,
  StressUsageError,
} from "./stress.ts";
import { runCli } from "./cli_run.ts";

const STRESS = new URL("./stress.ts", import.meta.url).pathname;
const SANITY = new URL("../scenarios/sanity.ts", import.meta.url).pathname;

Deno.test("startCpuHog() keeps its loops busy, counts their CPU, and stop() reaps them", async () => {
  const hog = startCpuHog(2);
  try {
    assert.equal(hog.pids.length, 2);
    // Read once the loop runs: right after the spawn the child can still be setsid(1), or in
    // the middle of its exec (an empty cmdline).
    const cmdlines = () => hog.pids.map((pid) => Deno.readTextFileSync(`/proc/${pid}/cmdline`));
    for (
      let waited = 0;
      waited < 5000 && !cmdlines().every((c) => c.includes("while"));
      waited += 50
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    for (const cmdline of cmdlines()) assert.match(cmdline, /while :; do :; done/);
    const before = hog.cpuSeconds();
    await new Promise((r) => setTimeout(r, 600));
    assert.ok(hog.running);
    // Two loops for 0.6 s on a machine shared with others: well above zero, whatever the load.
    assert.ok(hog.cpuSeconds() - before >= 0.1, `the loops used ${hog.cpuSeconds() - before} s`);
  } finally {
    await hog.stop();
  }
  assert.equal(hog.running, false);
  assert.equal(liveChildCount(), 0);
  for (const pid of hog.pids) assert.equal(readCpuTicks(pid), undefined, `pid ${pid} is left`);
  await hog.stop(); // idempotent
  assert.throws(() => startCpuHog(0), RangeError);
});

Deno.test("cpuTicksOfStat() reads utime + stime after a command name with spaces and parens", () => {
  const stat = "4242 (sh (x) y) R 1 4242 4242 0 -1 4194304 90 0 0 0 1234 56 0 0 20 0 1 0 99 0 0";
  assert.equal(cpuTicksOfStat(stat), 1290);
  assert.throws(() => cpuTicksOfStat("garbage"), SyntaxError);
});

function variant(edit: (d: ReportData) => void): ReportData {
  const d = parseReport(JSON.stringify({ results: sampleReport().results.map(toRecord) }), {
    file: "x",
  });
  edit(d);
  return d;
}

// The sample results in the JSON report's own record shape, so that parseReport reads them.
function toRecord(r: ReturnType<typeof sampleReport>["results"][number]) {
  return {
    scenario: r.scenario,
    status: r.status,
    client: r.client,
    server: r.server,
    duration_ms: r.durationMs,
    claims: r.claims,
    message: r.message,
    expectations: r.expectations,
  };
}

Deno.test("differingResults() counts a result once, whatever changed in it", () => {
  const reference = variant(() => {});
  assert.deepEqual(differingResults(reference, variant(() => {})), []);
  const loaded = variant((d) => {
    const r = d.results.find((x) =>
      x.scenario === "get_session/last_ticket_wins" && x.client.id === "system" &&
      x.server.id === "system"
    )!;
    // A status change and a changed value in the same result: one differing result.
    r.status = "error";
    r.message = "Scenario timed out after 60 s (--timeout 60)\nstill running: s_server";
    const other = d.results.find((x) =>
      x.scenario === "get_session/last_ticket_wins" && x.client.id === "1.1.1w" &&
      x.server.id === "1.1.1w"
    )!;
    other.expectations[0].actual = '"first, then last"';
    d.results.splice(d.results.indexOf(d.results.find((x) => x.status === "skip")!), 1);
  });
  const diff = differingResults(reference, loaded);
  assert.equal(diff.length, 3, JSON.stringify(diff, null, 1));
  const timedOut = diff.find((x) => x.label === "get_session/last_ticket_wins [system]")!;
  assert.deepEqual(timedOut.changes, [
    "status pass → error: Scenario timed out after 60 s (--timeout 60)",
  ]);
  const changed = diff.find((x) => x.label === "get_session/last_ticket_wins [1.1.1w]")!;
  assert.match(changed.changes[0], /^GS-9 the session file holds the last ticket: "last" → /);
  assert.ok(diff.some((x) => /missing from the run \(skip in the reference\)/.test(x.changes[0])));
});

Deno.test("parseStressArgs() builds the matrix's arguments and refuses bad values", () => {
  const o = parseStressArgs([], 2);
  assert.ok(o !== "help");
  assert.deepEqual(o.matrixArgs, ["--openssl", "all", "--pairs", "all"]);
  const q = parseStressArgs(["scenarios/sanity.ts", "--openssl", "system"], 2);
  assert.ok(q !== "help");
  assert.deepEqual(q.matrixArgs, ["scenarios/sanity.ts", "--openssl", "system", "--pairs", "all"]);
  assert.equal(o.runs, 3);
  assert.equal(o.hog, 2);
  assert.equal(o.timeoutS, 900 * 4 + 60);
  const p = parseStressArgs(
    ["--runs", "1", "--openssl", "3.5", "--build", "wolfssl-5.7", "--hog", "4"],
    2,
  );
  assert.ok(p !== "help");
  assert.deepEqual(p.matrixArgs, [
    "--openssl",
    "3.5",
    "--build",
    "wolfssl-5.7",
    "--pairs",
    "all",
  ]);
  assert.equal(p.hog, 4);
  assert.equal(parseStressArgs(["--help"], 2), "help");
  assert.throws(() => parseStressArgs(["--runs", "0"], 2), StressUsageError);
  assert.throws(() => parseStressArgs(["--hog", "two"], 2), /--hog takes a positive integer/);
  assert.throws(() => parseStressArgs(["--bogus"], 2), StressUsageError);
});

Deno.test("stressExitCode() is 0 only when every run finished with nothing differing or errored", () => {
  const summary = (edit: Partial<StressSummary> = {}): StressSummary => ({
    command: ["run"],
    cores: 2,
    hog: 2,
    runs: [
      { run: "reference", underLoad: false, results: 2, counts: { pass: 2 } },
      { run: 1, underLoad: true, results: 2, counts: { pass: 2 }, differing: 0, wall_s: 1 },
    ],
    differing: 0,
    errored: 0,
    differences: [],
    interrupted: false,
    ...edit,
  });
  assert.equal(stressExitCode(summary(), 1), 0);
  assert.equal(stressExitCode(summary(), 2), 1, "a run is missing");
  assert.equal(stressExitCode(summary({ differing: 1 }), 1), 1);
  assert.equal(stressExitCode(summary({ errored: 1 }), 1), 1);
  assert.equal(stressExitCode(summary({ interrupted: true }), 1), 1);
  const text = formatStressSummary(summary({
    differing: 1,
    differences: [{ run: 1, label: "a/b [system]", changes: ["status pass → error"] }],
  }));
  assert.match(text, /^DIFFERED {2}run 1: a\/b \[system\]\n {4}status pass → error$/m);
  assert.match(text, /1 result\(s\) differed from the reference over 1 run\(s\) under load \(0\)/);
});

Deno.test("runCli() past its deadline stops the CLI and leaves no child", async () => {
  const work = await Deno.makeTempDir({ prefix: "stress-test-" });
  try {
    const t0 = performance.now();
    await assert.rejects(
      () => runCli(work, ["--openssl", "system"], { timeoutMs: 300, cpu: false, warn: false }),
      (e: unknown) => e instanceof ProcessError && /timed out after 300 ms/.test(e.message),
    );
    assert.ok(performance.now() - t0 < 15_000, "the stop took too long");
    assert.equal(liveChildCount(), 0);
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});

Deno.test({
  name: "deno task stress: one SIGINT mid-run stops the run and the hog, exit 130, nothing left",
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "stress-sigint-" });
    const marker = `stress-sigint-${crypto.randomUUID()}`;
    const reference = `${tmp}/reference.json`;
    await Deno.writeTextFile(reference, JSON.stringify({ results: [] }));
    const runTmp = `${tmp}/tmp`;
    await Deno.mkdir(runTmp);
    const child = spawn(Deno.execPath(), {
      args: ["run", "-A", STRESS, "--openssl", "system", "--reference", reference, "--hog", "2"],
      // Every descendant inherits the marker (the process table finds them by it) and TMPDIR
      // (the run's keys and temp dirs must be gone from it afterwards).
      env: { STRESS_TEST_MARKER: marker, TMPDIR: runTmp },
    });
    try {
      const mine = (p: { pid: number }) => processesMatching(marker).some((q) => q.pid === p.pid);
      // The hog and the CLI run are both up: interrupt now.
      await waitForProcesses((p) => p.cmdline.includes(HOG_SCRIPT) && mine(p), {
        count: 2,
        timeoutMs: 30_000,
      });
      await waitForProcesses((p) => p.cmdline.includes("cli.ts run") && mine(p), {
        timeoutMs: 30_000,
      });
      // As a terminal's Ctrl-C: to the foreground group (the spawn module gave it its own).
      Deno.kill(-child.pid, "SIGINT");
      const r = await child.wait({ timeoutMs: 30_000 });
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stdout, /INTERRUPTED/);
      let left = processesMatching(marker);
      for (let i = 0; i < 20 && left.length; i++) {
        await new Promise((r) => setTimeout(r, 50));
        left = processesMatching(marker);
      }
      assert.deepEqual(left, [], "processes left behind");
      assert.deepEqual([...Deno.readDirSync(runTmp)], [], "keys and temp dirs are removed");
    } finally {
      await child.kill();
      await Deno.remove(tmp, { recursive: true });
    }
  },
});

Deno.test("deno task stress on one scenario: idle and loaded agree, exit 0, and it ends by itself", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "stress-small-" });
  try {
    const out = `${tmp}/summary.json`;
    const r = await run(Deno.execPath(), {
      args: ["run", "-A", STRESS, SANITY, "--openssl", "system", "--runs", "1", "--out", out],
      timeoutMs: 120_000,
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const summary = JSON.parse(await Deno.readTextFile(out)) as StressSummary;
    assert.deepEqual(summary.runs.map((x) => [x.run, x.underLoad, x.results]), [
      ["reference", false, 1],
      [1, true, 1],
    ]);
    assert.ok((summary.runs[1].hog_cores ?? 0) > 0, "the hog ran during the loaded run");
    assert.equal(summary.differing, 0);
    assert.match(r.stdout, /^0 result\(s\) differed from the reference over 1 run\(s\)/m);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
