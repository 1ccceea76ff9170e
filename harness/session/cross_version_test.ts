/**
 * Which OpenSSL reads which version's session files, with the fetched builds (skipped when
 * none are fetched: `deno task harness openssl fetch all`). Recorded facts: 1.1.1 refuses every
 * 3.x file because of the [19] kex_group element it does not know; 3.x and 4.0 read them all.
 */
import assert from "node:assert/strict";
import { fetchedBuilds, opensslArgv } from "../openssl/mod.ts";
import { run } from "../process/mod.ts";
import { findFixtureSessions } from "../../testing/mod.ts";
import { decodeSessionDer } from "./ssl_session.ts";

const builds = await fetchedBuilds().catch(() => []);

Deno.test({
  name: "decodeSessionDer() predicts which builds' sess_id read each version's files",
  ignore: builds.length === 0,
  async fn(t) {
    const files = (await findFixtureSessions()).filter((f) =>
      f.kind === "session-file" && /tls13-resume\.client1/.test(f.name)
    );
    assert.ok(files.length > 1, "no tls13-resume fixtures to cross-read");
    for (const build of builds) {
      await t.step(build.id, async () => {
        for (const f of files) {
          const a = opensslArgv(build, ["sess_id", "-in", f.path, "-noout"]);
          const r = await run(a.command, { args: a.args, env: a.env, timeoutMs: 10_000 });
          const s = decodeSessionDer(f.der, { file: f.name });
          // The last tag a reader knows: 1.1.1 stops at [18]; 3.0 at [19]; 3.2+ at [20].
          const readerKnowsKex = !build.id.startsWith("1.1.1");
          const expected = s.kexGroup === undefined || readerKnowsKex;
          assert.equal(r.code === 0, expected, `${build.id} reading ${f.name}: ${r.stderr.trim()}`);
        }
      });
    }
  },
});
