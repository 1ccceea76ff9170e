// A server of another implementation that cannot start (its gnutls-serv exits at once, or hangs
// without listening): the interop scenario is an `error` naming the tool and what it printed, not
// `unsupported` and not a hang; the other pairs' results still come; no process is left.
import assert from "node:assert/strict";
import { main } from "../../harness/cli/mod.ts";
import { cacheDir } from "../../harness/openssl/mod.ts";
import { assertNoProcessLeft, captureIo, type JsonResult } from "./_testing.ts";

const SCENARIO = new URL(
  "../../scenarios/interop/cli_client_resumes_openssl_session_id.ts",
  import.meta.url,
).pathname;
const REAL = `${cacheDir()}/builds/gnutls-3.8.13/build.json`;
const exists = (p: string) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
};

const FAULTS: [string, string, RegExp][] = [
  ["exits at once", "echo 'gnutls-serv: cannot start' >&2; exit 3", /exited \(exit code 3\)/],
  // Never prints its listening line: the start's deadline ends it.
  ["hangs", "exec sleep 600", /timed out after \d+ ms/],
];

for (const [what, script, message] of FAULTS) {
  Deno.test({
    name: `run: a gnutls-serv that ${what} makes the interop pair with that server an error; ` +
      "the OpenSSL pair still passes; no process is left",
    ignore: !exists(REAL),
    async fn() {
      const cache = await Deno.makeTempDir({ prefix: "tls-faults-server-" });
      try {
        // The real manifest (probed: no probe runs again), its gnutls-serv swapped for a script
        // whose command line holds the cache path, so a leftover would be found.
        const m = JSON.parse(await Deno.readTextFile(REAL));
        const dir = `${cache}/builds/gnutls-3.8.13`;
        await Deno.mkdir(dir, { recursive: true });
        m.cli["gnutls-serv"] = { command: "/bin/sh", args: ["-c", script, cache], env: {} };
        await Deno.writeTextFile(`${dir}/build.json`, JSON.stringify(m));
        const io = captureIo();
        const code = await main([
          "run",
          SCENARIO,
          "--openssl",
          "system",
          "--build",
          "gnutls:3.8.13",
          "--pairs",
          "all",
          "--cache-dir",
          cache,
          "--timeout",
          "30",
          "--reporter",
          "json",
        ], io);
        assert.equal(code, 1, io.err);
        const results = JSON.parse(io.out).results as (JsonResult & {
          server: { id: string };
        })[];
        const broken = results.filter((r) =>
          r.server.id === "gnutls-3.8.13" && r.scenario.startsWith("interop/")
        );
        assert.ok(broken.length >= 1, JSON.stringify(results.map((r) => r.scenario)));
        for (const r of broken) {
          assert.equal(r.status, "error", `${r.client.id}: ${r.message}`);
          assert.match(r.message ?? "", message);
        }
        const ok = results.find((r) =>
          r.scenario.startsWith("interop/") && r.client.id === "system" &&
          r.server.id === "system"
        );
        assert.equal(ok?.status, "pass", ok?.message);
        await assertNoProcessLeft(cache);
      } finally {
        await Deno.remove(cache, { recursive: true });
      }
    },
  });
}
