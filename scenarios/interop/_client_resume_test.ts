import assert from "node:assert/strict";
import { type Build, ScenarioContext, UnsupportedError } from "../../mod.ts";
import { createTestPki } from "../../harness/pki/mod.ts";
import { resolveBuildSpecs } from "../../harness/impl/registry.ts";
import { cacheDir } from "../../harness/cache_dir/mod.ts";
import { makePrivateTempDir } from "../../harness/temp_dir/mod.ts";
import { resumeWithClient } from "./_client_resume.ts";

const [server] = await resolveBuildSpecs(["openssl:system"], { cacheDir: cacheDir() });

/** A build where it is fetched (a missing one is ignored, not failed). */
async function buildOf(spec: string): Promise<Build | undefined> {
  return (await resolveBuildSpecs([spec], { cacheDir: cacheDir() }).catch(() => []))[0];
}

/** Client spec, how it resumes, what two connections show, whether it can offer twice. */
const CASES: [string, RegExp, boolean[], boolean][] = [
  ["openssl:system", /^s_client -sess_out/, [false, true], true],
  ["boringssl:14", /^bssl client -test-resumption/, [false, true], true],
  ["gnutls:3.8.13", /^gnutls-cli --resume/, [false, true], false],
  ["wolfssl:5.7", /^FFI driver \(wolfssl\)/, [false, true], true],
  ["rustls", /^Deno\.connectTls/, [false, false], false],
];

for (const [spec, method, reused, twice] of CASES) {
  const client = await buildOf(spec);
  Deno.test({
    name: `resumeWithClient() on ${spec} resumes through ${method.source} against s_server` +
      `${twice ? ", and offers one ticket twice" : "; offering twice is unsupported"}`,
    ignore: client === undefined,
    async fn() {
      await using pki = await createTestPki();
      await using dir = await makePrivateTempDir({ prefix: "client-resume-" });
      await using ctx = new ScenarioContext({
        scenario: { name: "t/client_resume", claims: ["IX-1"], tags: [], file: "" },
        client: client!,
        server,
        dir: dir.path,
        pki,
        signal: AbortSignal.timeout(60_000),
        stepTimeoutMs: 10_000,
      });
      const s = await ctx.sServer({ tls: "1.3", numTickets: 1 });
      const r = await resumeWithClient(ctx, s, "1.3");
      assert.match(r.method, method);
      assert.deepEqual(r.handshakes, [true, true], r.evidence.join("\n"));
      assert.deepEqual(r.reused, reused, r.evidence.join("\n"));
      if (twice) {
        const again = await resumeWithClient(ctx, s, "1.3", { offers: 2 });
        assert.deepEqual(again.reused, [false, true, true], again.evidence.join("\n"));
      } else {
        await assert.rejects(resumeWithClient(ctx, s, "1.3", { offers: 2 }), UnsupportedError);
      }
      await assert.rejects(resumeWithClient(ctx, s, "1.3", { offers: 0 }), RangeError);
    },
  });
}
