import assert from "node:assert/strict";
import { main } from "../../harness/cli/mod.ts";
import { writeFakeOpenssl } from "./fake_openssl.ts";
import { assertNoProcessLeft, captureIo, type JsonResult, realOpenssl } from "./_testing.ts";

const SCENARIOS = new URL("../../scenarios/", import.meta.url).pathname;

Deno.test("main() run: a build whose `version` is not OpenSSL is refused up front (exit 2) with one message, before anything runs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tls-faults-build-" });
  try {
    const fake = await writeFakeOpenssl(dir, {
      fault: "garbage",
      role: "version",
      real: await realOpenssl(),
    });
    const io = captureIo();
    const code = await main(["run", "passing.ts", "--openssl", fake, "--reporter", "json"], io);
    assert.equal(code, 2, io.err);
    assert.equal(io.out, "", "nothing ran, no report");
    const lines = io.err.trim().split("\n");
    assert.equal(lines.length, 1, io.err);
    assert.match(lines[0], new RegExp(`^error: The build at "${fake}" is not OpenSSL: "`));
    assert.doesNotMatch(io.err, /internal error|PKI/);
    await assertNoProcessLeft(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main() run: a build given by path with no libssl beside it is unsupported for FFI scenarios (no api), not a TypeError each", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tls-faults-nolib-" });
  try {
    // A working openssl (the wrapper runs the real one) in a folder with no libraries.
    const fake = await writeFakeOpenssl(dir, { real: await realOpenssl() });
    const io = captureIo();
    const code = await main([
      "run",
      SCENARIOS,
      "--filter",
      "get1_keeps_session_api",
      "--openssl",
      fake,
      "--reporter",
      "json",
    ], io);
    assert.equal(code, 0, io.err);
    const results: JsonResult[] = JSON.parse(io.out).results;
    const ffi = results.find((r) => r.scenario === "get_session/get1_keeps_session_api");
    assert.ok(ffi, JSON.stringify(results.map((r) => r.scenario)));
    assert.equal(ffi.status, "unsupported");
    // Its capabilities come from its files: no libraries beside the binary, no "api".
    assert.equal(
      ffi.message,
      `Unsupported: client build "${fake}" (openssl) lacks "api": no libssl/libcrypto beside ` +
        `"${fake}": pass the build's install prefix or build tree instead of the binary alone ` +
        '(needed for "api"; it has cli-client, cli-server, session-file)',
    );
    assert.equal(results.find((r) => r.scenario === "sanity/handshake")?.status, "pass");
    await assertNoProcessLeft(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("main() run: a build whose `openssl version` probe hangs past the run's --timeout is refused by name (exit 2), its probe killed", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tls-faults-probe-" });
  try {
    const fake = await writeFakeOpenssl(dir, {
      fault: "hang",
      role: "version",
      real: await realOpenssl(),
    });
    const io = captureIo();
    const started = performance.now();
    const code = await main(["run", "passing.ts", "--openssl", fake, "--timeout", "2"], io);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(code, 2, io.err);
    // The deadline is the run's --timeout (2 s), not a fixed one.
    assert.ok(seconds >= 2 && seconds < 8, `stopped after ${seconds.toFixed(1)} s`);
    assert.equal(
      io.err.trim(),
      `error: The OpenSSL build at "${fake}": "${fake} version" did not answer within 2 s ` +
        `(the probe's deadline is the run's --timeout): on a loaded machine pass a longer --timeout`,
    );
    await assertNoProcessLeft(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
