import assert from "node:assert/strict";
import { spawn } from "../../harness/process/mod.ts";
import { writeFakeOpenssl } from "./fake_openssl.ts";
import { waitForProcesses } from "./process_table.ts";
import { assertNoProcessLeft, CLI, realOpenssl, TESTDATA } from "./_testing.ts";

/**
 * Start `cli.ts run --jobs 2` on two scenarios that each hold an s_server and wait, wait until
 * both servers are in the process table, send `signal` to the CLI, and return what it did.
 */
async function interruptRun(signal: "SIGINT" | "SIGTERM") {
  const dir = await Deno.makeTempDir({ prefix: `tls-faults-${signal}-` });
  const tmp = `${dir}/tmp`;
  await Deno.mkdir(tmp);
  const openssl = await writeFakeOpenssl(dir, { real: await realOpenssl() });
  const cli = spawn(Deno.execPath(), {
    args: [
      "run",
      "-A",
      CLI,
      "run",
      `${TESTDATA}waits.ts`,
      "--openssl",
      openssl,
      "--jobs",
      "2",
      "--timeout",
      "60",
      "--reporter",
      "json",
      "--reporter",
      "pretty",
      "--out",
      `${dir}/report.json`,
      "--out",
      `${dir}/report.txt`,
    ],
    // The run's private dirs go under `tmp`, so the test can check they are removed; the
    // variable is inherited by every process of the run, a second marker for /proc.
    env: { TMPDIR: tmp, NO_COLOR: "1" },
  });
  try {
    const servers = await waitForProcesses(
      (p) => p.cmdline.includes(openssl) && p.cmdline.includes("-context faults-waits"),
      { count: 2, timeoutMs: 30_000 },
    );
    const exited = cli.sendSignal(signal);
    const result = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`cli.ts still running 15 s after ${signal}`)), 15_000)
      ),
    ]);
    return {
      dir,
      tmp,
      servers,
      result,
      report: JSON.parse(await Deno.readTextFile(`${dir}/report.json`)),
      pretty: await Deno.readTextFile(`${dir}/report.txt`),
    };
  } catch (e) {
    await cli.kill();
    await Deno.remove(dir, { recursive: true });
    throw e;
  }
}

Deno.test("cli.ts: SIGINT and SIGTERM in the middle of a --jobs 2 run exit 130 and 143, report the interruption and leave no process or file", async (t) => {
  // Both at once: each run waits on its own scenarios, so they do not disturb each other.
  const runs = await Promise.all([interruptRun("SIGINT"), interruptRun("SIGTERM")]);
  try {
    for (
      const [run, signal, code] of [[runs[0], "SIGINT", 130], [runs[1], "SIGTERM", 143]] as const
    ) {
      await t.step(
        `${signal}: exit ${code}, the report says interrupted, nothing left`,
        async () => {
          assert.equal(run.servers.length, 2, "both scenarios were running");
          assert.equal(run.result.code, code, run.result.stderr);
          assert.equal(run.report.summary.interrupted, true);
          const waits = run.report.results.filter((r: { scenario: string }) =>
            r.scenario.startsWith("faults_test/waits_")
          );
          assert.equal(waits.length, 2);
          for (const r of waits) {
            assert.equal(r.status, "error");
            assert.match(r.message, new RegExp(`^Interrupted: received ${signal}`));
            assert.match(r.message, /still running: s_server/);
          }
          assert.match(run.pretty, /^Interrupted\. /m);
          await assertNoProcessLeft(run.dir);
          assert.deepEqual([...Deno.readDirSync(run.tmp)], [], "the run's temp dirs are removed");
        },
      );
    }
  } finally {
    for (const run of runs) await Deno.remove(run.dir, { recursive: true });
  }
});
