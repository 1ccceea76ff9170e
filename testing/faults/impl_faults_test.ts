// Builds of other implementations that cannot run: a library that does not load is an `error`
// naming the build (once per task, the rest of the run completes); a library that lacks what the
// driver needs has no `api`, so its API scenarios are `unsupported`; no process is left.
import assert from "node:assert/strict";
import { main } from "../../harness/cli/mod.ts";
import { cacheDir } from "../../harness/openssl/mod.ts";
import { assertNoProcessLeft, captureIo, type JsonResult } from "./_testing.ts";

const SCENARIOS = new URL("../../scenarios/", import.meta.url).pathname;
const REAL = `${cacheDir()}/builds/wolfssl-5.5.4/build.json`;
const WOLF46 = `${cacheDir()}/builds/wolfssl-4.6.0/build.json`;
const exists = (p: string) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
};

Deno.test({
  name:
    "run: a wolfSSL build whose library is gone is an error naming it; OpenSSL's results still come",
  ignore: !exists(REAL),
  async fn() {
    const cache = await Deno.makeTempDir({ prefix: "tls-faults-impl-" });
    try {
      // The real manifest, its library moved away: the probe (a dlopen) fails.
      const m = JSON.parse(await Deno.readTextFile(REAL));
      const dir = `${cache}/builds/wolfssl-5.5.4`;
      await Deno.mkdir(dir, { recursive: true });
      const missing = `${dir}/root/libwolfssl.so.35`;
      await Deno.writeTextFile(
        `${dir}/build.json`,
        JSON.stringify({
          ...m,
          path: dir,
          capabilities: [],
          probed_at: undefined,
          ffi: { ...m.ffi, libssl: missing, libcrypto: missing },
        }),
      );
      const io = captureIo();
      const code = await main([
        "run",
        `${SCENARIOS}get_session/get0_same_as_get_api.ts`,
        "--openssl",
        "system",
        "--build",
        "wolfssl",
        "--cache-dir",
        cache,
        "--reporter",
        "json",
      ], io);
      assert.equal(code, 1, io.err);
      const results: JsonResult[] = JSON.parse(io.out).results;
      const wolf = results.filter((r) => r.client.id === "wolfssl-5.5.4");
      assert.ok(wolf.length >= 2, "sanity and the API scenario, each once");
      for (const r of wolf) {
        assert.equal(r.status, "error", r.scenario);
        assert.match(
          r.message!,
          /^Build "wolfssl-5\.5\.4" cannot run: probing build "wolfssl-5\.5\.4" \(wolfssl\) failed: Probing ".*libwolfssl\.so\.35" failed/,
        );
      }
      const system = results.filter((r) => r.client.id === "system");
      assert.ok(system.length >= 2 && system.every((r) => r.status === "pass"));
      // A failed probe is not cached: the next run probes again.
      assert.equal(JSON.parse(await Deno.readTextFile(`${dir}/build.json`)).probed_at, undefined);
      await assertNoProcessLeft(cache);
    } finally {
      await Deno.remove(cache, { recursive: true });
    }
  },
});

Deno.test({
  name: "run: wolfSSL 4.6 lacks SSL_CTX_set_num_tickets: an API scenario that sets a ticket " +
    "count is unsupported there, naming the symbol",
  ignore: !exists(WOLF46),
  async fn() {
    const io = captureIo();
    const code = await main([
      "run",
      `${SCENARIOS}get_session/get0_same_as_get_api.ts`,
      "--build",
      "wolfssl:4.6",
      "--reporter",
      "json",
    ], io);
    assert.equal(code, 0, io.err);
    const results: JsonResult[] = JSON.parse(io.out).results;
    const api = results.find((r) => r.scenario === "get_session/get0_same_as_get_api")!;
    assert.equal(api.status, "unsupported");
    assert.match(
      api.message!,
      /^Unsupported: FFI op "ctx_new" is unsupported on build "wolfssl-4\.6\.0": Symbol "SSL_CTX_set_num_tickets" is not exported by wolfSSL 4\.6\.0/,
    );
  },
});
