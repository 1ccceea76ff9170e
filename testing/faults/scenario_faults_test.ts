import assert from "node:assert/strict";
import { main } from "../../harness/cli/mod.ts";
import { writeFakeOpenssl } from "./fake_openssl.ts";
import {
  assertNoProcessLeft,
  captureIo,
  type JsonResult,
  realOpenssl,
  resultOf,
} from "./_testing.ts";

// Faults that come from the scenario rather than from openssl: a port already taken and a body
// that never resolves. The build is the real openssl behind a pass-through script, so that
// every process of this test carries the script's path in its command line.
Deno.test("main() run: a busy port and a body that never resolves are errors naming the cause; the rest passes; no process is left", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "tls-faults-scenario-" });
  try {
    const openssl = await writeFakeOpenssl(dir, { real: await realOpenssl() });
    const io = captureIo();
    const started = performance.now();
    const code = await main([
      "run",
      "port_in_use.ts",
      "never_resolves.ts",
      "passing.ts",
      "--openssl",
      openssl,
      "--jobs",
      "3",
      "--timeout",
      "2",
      "--reporter",
      "json",
    ], io);
    const elapsed = performance.now() - started;
    assert.equal(code, 1, io.err);
    const results: JsonResult[] = JSON.parse(io.out).results;

    await t.step("port in use: the command, the busy port and the bind failure", () => {
      const r = resultOf(results, "faults_test/port_in_use", openssl);
      assert.equal(r.status, "error");
      const port = /busy port: (\d+)/.exec(r.notes.join("\n"))?.[1];
      assert.ok(port, "the scenario noted its busy port");
      assert.match(r.message!, /process exited \(exit code \d+\) before the expected output/);
      assert.match(r.message!, new RegExp(`s_server .*-accept 127\\.0\\.0\\.1:${port}`));
      assert.match(r.message!, /Address already in use/);
    });
    await t.step("a body that never resolves: --timeout, and the server it held", () => {
      const r = resultOf(results, "faults_test/never_resolves", openssl);
      assert.equal(r.status, "error");
      assert.match(r.message!, /^Scenario timed out after 2 s \(--timeout 2\)/);
      assert.match(
        r.message!,
        /still running: s_server \(pid \d+, [\d.]+ s\): .*-context faults-never-resolves/,
      );
    });
    await t.step("the rest of the run completes", () => {
      assert.equal(resultOf(results, "faults_test/passing", openssl).status, "pass");
      assert.equal(resultOf(results, "sanity/handshake", openssl).status, "pass");
    });
    await t.step("bounded, and no process is left", async () => {
      assert.ok(elapsed < 10_000, `took ${Math.round(elapsed)} ms`);
      await assertNoProcessLeft(dir);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
