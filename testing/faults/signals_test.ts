import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "../../harness/process/mod.ts";
import { type FakeOpensslOptions, writeFakeOpenssl } from "./fake_openssl.ts";
import { processesMatching, waitForProcesses } from "./process_table.ts";
import { assertNoProcessLeft, CLI, realOpenssl, TESTDATA } from "./_testing.ts";

const REPO = new URL("../../", import.meta.url).pathname;

interface LiveRun {
  /** The test's own dir (every process of the run has it in its environment). */
  dir: string;
  /** The run's TMPDIR: its private dirs (PKI keys, session files) go there. */
  tmp: string;
  /** `deno task harness run …` or `deno run cli.ts run …`. */
  cli: ChildProcess;
  /** The real s_servers, children of the forking wrapper (two scenarios, one each). */
  servers: { pid: number; cmdline: string }[];
}

/**
 * Start a run of the two `waits.ts` scenarios (each holds an s_server and waits) on a forking
 * fake openssl, as a terminal user would (`deno task harness run`, unless `direct`), and wait
 * until both real s_servers, the fake's grandchildren, are in /proc.
 */
async function startRun(
  name: string,
  options: { direct?: boolean; fake?: FakeOpensslOptions; args?: string[] } = {},
): Promise<LiveRun> {
  const dir = await Deno.makeTempDir({ prefix: `tls-faults-${name}-` });
  const tmp = `${dir}/tmp`;
  await Deno.mkdir(tmp);
  const real = await realOpenssl();
  const openssl = await writeFakeOpenssl(dir, { real, fork: true, ...options.fake });
  const runArgs = [
    "run",
    `${TESTDATA}waits.ts`,
    "--openssl",
    openssl,
    "--jobs",
    "2",
    "--reporter",
    "json",
    "--reporter",
    "pretty",
    "--out",
    `${dir}/report.json`,
    "--out",
    `${dir}/report.txt`,
    ...(options.args ?? ["--timeout", "60"]),
  ];
  const cli = spawn(Deno.execPath(), {
    args: options.direct ? ["run", "-A", CLI, ...runArgs] : ["task", "-q", "harness", ...runArgs],
    cwd: REPO,
    // The run's private dirs go under `tmp`, so the test can check they are removed; the
    // variable is inherited by every process of the run, a second marker for /proc.
    env: { TMPDIR: tmp, NO_COLOR: "1" },
  });
  try {
    const servers = await waitForProcesses(
      (p) =>
        p.cmdline.startsWith(real) && p.cmdline.includes("-context faults-waits") &&
        processesMatching(dir).some((m) => m.pid === p.pid),
      { count: 2, timeoutMs: 45_000 },
    );
    return { dir, tmp, cli, servers };
  } catch (e) {
    await cli.kill();
    await Deno.remove(dir, { recursive: true });
    throw new Error(`${name}: the run never started its servers: ${cli.stderr}`, { cause: e });
  }
}

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) =>
      timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms)
    ),
  ]);
}

function isRunning(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

async function readJson(path: string) {
  return JSON.parse(await Deno.readTextFile(path));
}

/** The checks every interrupted run must pass: its report, and nothing left behind. */
async function assertInterrupted(run: LiveRun, signal: string, code: number) {
  const r = await within(15_000, `the CLI after ${signal}`, run.cli.finished);
  assert.equal(r.code, code, r.stderr);
  const report = await readJson(`${run.dir}/report.json`);
  assert.equal(report.summary.interrupted, true);
  const waits = report.results.filter((x: { scenario: string }) =>
    x.scenario.startsWith("faults_test/waits_")
  );
  assert.equal(waits.length, 2);
  for (const x of waits) {
    assert.equal(x.status, "error");
    assert.match(x.message, new RegExp(`^Interrupted: received ${signal}`));
    assert.match(x.message, /still running: s_server/);
  }
  assert.match(await Deno.readTextFile(`${run.dir}/report.txt`), /^Interrupted\. /m);
  await assertNoProcessLeft(run.dir);
  assert.deepEqual([...Deno.readDirSync(run.tmp)], [], "the run's keys and temp dirs are removed");
}

Deno.test("cli.ts: one interrupt to the whole group (deno task forwards it: the CLI gets it twice) stops a run of forking peers cleanly, whatever the way it ends", async (t) => {
  // All at once: each run waits on its own scenarios and fake, so they do not disturb each other.
  const runs = await Promise.all([
    startRun("sigint"),
    startRun("sigterm"),
    startRun("twice", { fake: { ignoreSigterm: true } }),
    startRun("timeout", { direct: true, args: ["--timeout", "3"] }),
    startRun("sigkill", { direct: true }),
  ]);
  const [sigint, sigterm, twice, timeout, sigkill] = runs;
  try {
    await t.step("SIGINT to the group: exit 130, a full report, no process, no key", async () => {
      await sigint.cli.sendSignal("SIGINT");
      await assertInterrupted(sigint, "SIGINT", 130);
    });
    await t.step("SIGTERM to the group: exit 143, a full report, no process, no key", async () => {
      await sigterm.cli.sendSignal("SIGTERM");
      await assertInterrupted(sigterm, "SIGTERM", 143);
    });
    await t.step("a second SIGINT 1.2 s later may skip the report, never the cleanup", async () => {
      // The fake's wrapper ignores SIGTERM, so the first interrupt's cleanup waits out the
      // SIGKILL grace: the second one arrives while it does.
      const ended = twice.cli.sendSignal("SIGINT");
      await new Promise((r) => setTimeout(r, 1200));
      if (!twice.cli.exited) Deno.kill(-twice.cli.pid, "SIGINT");
      const r = await within(15_000, "the CLI after two SIGINTs", ended);
      assert.equal(r.code, 130, r.stderr);
      await assertNoProcessLeft(twice.dir);
      assert.deepEqual([...Deno.readDirSync(twice.tmp)], [], "keys and temp dirs are removed");
    });
    await t.step("--timeout 3: both scenarios error on the deadline, nothing left", async () => {
      const r = await within(30_000, "the timed-out run", timeout.cli.finished);
      assert.equal(r.code, 1, r.stderr);
      const report = await readJson(`${timeout.dir}/report.json`);
      const waits = report.results.filter((x: { scenario: string }) =>
        x.scenario.startsWith("faults_test/waits_")
      );
      assert.deepEqual(waits.map((x: { status: string }) => x.status), ["error", "error"]);
      for (const x of waits) assert.match(x.message, /^Scenario timed out after 3 s/);
      await assertNoProcessLeft(timeout.dir);
      assert.deepEqual([...Deno.readDirSync(timeout.tmp)], []);
    });
    await t.step("SIGKILL of the harness alone: no peer outlives it by a second", async () => {
      Deno.kill(sigkill.cli.pid, "SIGKILL");
      await sigkill.cli.finished;
      const killedAt = performance.now();
      // assertNoProcessLeft looks for a second at most.
      await assertNoProcessLeft(sigkill.dir);
      assert.ok(performance.now() - killedAt < 1500, "peers outlived the harness");
      // Gone, or a zombie waiting for init to reap it (dead: it holds no port, runs nothing).
      for (const s of sigkill.servers) assert.ok(!isRunning(s.pid), `pid ${s.pid} still runs`);
    });
  } finally {
    for (const run of runs) {
      await run.cli.kill();
      await Deno.remove(run.dir, { recursive: true });
    }
  }
});

Deno.test("cli.ts: SIGTERM while a build is probed (its `openssl version` hangs) stops the run within a second or two, a report saying interrupted", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tls-faults-probe-" });
  const tmp = `${dir}/tmp`;
  await Deno.mkdir(tmp);
  const openssl = await writeFakeOpenssl(dir, {
    real: await realOpenssl(),
    role: "version",
    fault: "hang",
  });
  const cli = spawn(Deno.execPath(), {
    args: [
      "run",
      "-A",
      CLI,
      "run",
      `${TESTDATA}waits.ts`,
      "--openssl",
      openssl,
      "--reporter",
      "json",
      "--out",
      `${dir}/report.json`,
    ],
    cwd: REPO,
    env: { TMPDIR: tmp, NO_COLOR: "1" },
  });
  try {
    // The probe is the fake's hung `version`: the run is in build resolution, no peer started.
    await waitForProcesses(
      (p) => p.cmdline.startsWith(openssl),
      { count: 1, timeoutMs: 45_000 },
    );
    const sent = performance.now();
    Deno.kill(cli.pid, "SIGTERM");
    const r = await within(15_000, "the CLI after SIGTERM during probing", cli.finished);
    const ms = performance.now() - sent;
    assert.equal(r.code, 143, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error|error:/);
    // The probe's own deadline is the run's --timeout (60 s): only the interrupt ends it this soon.
    assert.ok(ms < 5000, `stopped ${Math.round(ms)} ms after SIGTERM`);
    const report = await readJson(`${dir}/report.json`);
    assert.equal(report.summary.interrupted, true);
    await assertNoProcessLeft(dir);
    assert.deepEqual([...Deno.readDirSync(tmp)], [], "the run's temp dirs are removed");
  } finally {
    await cli.kill();
    await Deno.remove(dir, { recursive: true });
  }
});
