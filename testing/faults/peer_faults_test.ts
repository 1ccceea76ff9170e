import assert from "node:assert/strict";
import { main } from "../../harness/cli/mod.ts";
import { type FakeOpensslOptions, writeFakeOpenssl } from "./fake_openssl.ts";
import { waitForProcesses } from "./process_table.ts";
import {
  assertNoProcessLeft,
  captureIo,
  type JsonResult,
  realOpenssl,
  resultOf,
} from "./_testing.ts";

const SANITY = "sanity/handshake";
const PASSING = "faults_test/passing";

// Every fault in one run, one build each (with 10 jobs their sanity scenarios run side by side,
// so the whole test costs one --timeout plus the SIGKILL grace): the healthy build must pass,
// each faulty build must end in a clear error on its sanity scenario and skip the rest.
Deno.test("main() run: each faulty openssl ends its own build pair with an error naming the fault and the command; the healthy pair passes; no process is left", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "tls-faults-peer-" });
  // A port that accepts TCP (the kernel's backlog) but never answers: a hung server.
  using deaf = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const real = await realOpenssl();
  const spec: Record<string, FakeOpensslOptions> = {
    healthy: {},
    hang_before: { fault: "hang", ignoreSigterm: true },
    hang_after: { fault: "hang", afterReady: { port: deaf.addr.port } },
    segv_server: { fault: "segv" },
    segv_client: { fault: "segv", role: "s_client", afterReady: {} },
    garbage: { fault: "garbage" },
    silent_server: { fault: "silent" },
    silent_client: { fault: "silent", role: "s_client" },
    // Ready, then gone: the client's "Connection refused" is only the symptom.
    exit_after_accept: { fault: "silent", afterReady: {} },
    segv_after_accept: { fault: "segv", afterReady: {} },
  };
  const fake: Record<string, string> = {};
  for (const [name, options] of Object.entries(spec)) {
    fake[name] = await writeFakeOpenssl(dir, { ...options, real, name });
  }
  try {
    const io = captureIo();
    const started = performance.now();
    const watching = new AbortController();
    // Positive control: the marker does show up in /proc while the run is live.
    const seen = waitForProcesses((p) => p.cmdline.includes(dir), {
      timeoutMs: 15_000,
      signal: watching.signal,
    }).catch(() => []);
    const code = await main([
      "run",
      "passing.ts",
      ...Object.values(fake).flatMap((f) => ["--openssl", f]),
      "--jobs",
      "10",
      "--timeout",
      "2",
      "--reporter",
      "json",
    ], io);
    watching.abort();
    const elapsed = performance.now() - started;
    assert.ok((await seen).length > 0, "the fakes' processes were never seen in /proc");
    assert.equal(code, 1, io.err);
    const results: JsonResult[] = JSON.parse(io.out).results;
    const sanity = (name: string) => resultOf(results, SANITY, fake[name]);
    const command = (name: string, role: string) =>
      // The command: the build's program and its role (the report's pasteable form leaves out
      // the harness's line buffering; a ProcessError's own text may still show it).
      new RegExp(`${fake[name]} ${role} `);

    await t.step("the healthy build passes sanity and the scenario", () => {
      assert.equal(sanity("healthy").status, "pass");
      assert.equal(resultOf(results, PASSING, fake.healthy).status, "pass");
    });
    await t.step("every faulty build skips the rest after its sanity error", () => {
      for (const name of Object.keys(spec).filter((n) => n !== "healthy")) {
        assert.equal(sanity(name).status, "error", name);
        const rest = resultOf(results, PASSING, fake[name]);
        assert.equal(rest.status, "skip", name);
        assert.match(rest.message!, /the sanity scenario failed on this build pair/);
      }
    });
    await t.step(
      "hang before readiness: the timeout, the s_server command, SIGKILL after the grace",
      () => {
        const m = sanity("hang_before").message!;
        assert.match(m, /timed out after (2 s \(--timeout 2\)|2000 ms waiting for \/\^ACCEPT)/);
        assert.match(m, command("hang_before", "s_server"));
      },
    );
    await t.step("hang after readiness: the timeout and the s_client left waiting", () => {
      const m = sanity("hang_after").message!;
      assert.match(m, /timed out after (2 s \(--timeout 2\)|2000 ms waiting for)/);
      assert.match(m, command("hang_after", "s_client"));
      assert.match(m, new RegExp(`-connect 127\\.0\\.0\\.1:${deaf.addr.port}`));
    });
    await t.step("s_server crash: the signal and the command", () => {
      const m = sanity("segv_server").message!;
      assert.match(m, /process exited \(killed by SIGSEGV\) before the expected output/);
      assert.match(m, command("segv_server", "s_server"));
    });
    await t.step("s_client crash after connecting: a crash (error), not a failed check", () => {
      const m = sanity("segv_client").message!;
      assert.match(m, /s_client crashed \(killed by SIGSEGV\)/);
      assert.match(m, command("segv_client", "s_client"));
    });
    await t.step("garbage: the exit, the command, and the output kept in the report", () => {
      const r = sanity("garbage");
      assert.match(r.message!, /process exited \(exit code 0\) before the expected output/);
      assert.match(r.message!, command("garbage", "s_server"));
      assert.match(r.message!, /stderr: garbage on stderr/);
      const server = r.peers.find((p) => p.role === "s_server")!;
      assert.match(server.stdout, /ACCEPT 127\.0\.0\.1:notaport/);
      assert.match(server.stdout, /a last line without a newline/);
    });
    await t.step("an s_server that exits 0 saying nothing", () => {
      const m = sanity("silent_server").message!;
      assert.match(m, /process exited \(exit code 0\) before the expected output/);
      assert.match(m, command("silent_server", "s_server"));
    });
    await t.step("an s_client that exits 0 saying nothing", () => {
      const m = sanity("silent_client").message!;
      assert.match(m, /s_client printed nothing \(exit code 0\)/);
      assert.match(m, command("silent_client", "s_client"));
    });
    await t.step("a server that dies after ACCEPT is blamed first: role, status, stderr", () => {
      for (
        const [name, how] of [["exit_after_accept", "exit code 0"], [
          "segv_after_accept",
          "killed by SIGSEGV",
        ]]
      ) {
        const m = sanity(name).message!;
        assert.match(
          m,
          new RegExp(
            `^Server s_server \\(pid \\d+\\) exited on its own \\(${how}\\) while the scenario ` +
              `still needed it: no stderr\n  then: ProcessError: s_client`,
          ),
          name,
        );
        assert.match(m, /Connection refused/, "the client's error still follows");
      }
    });
    await t.step(
      "the run is bounded by --timeout (plus the kill grace) and leaves nothing",
      async () => {
        assert.ok(elapsed < 12_000, `took ${Math.round(elapsed)} ms`);
        await assertNoProcessLeft(dir);
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
