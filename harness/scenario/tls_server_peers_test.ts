import assert from "node:assert/strict";
import { ScenarioContext } from "./context.ts";
import type { TlsServerKind } from "./tls_server.ts";
import { createTestPki } from "../pki/mod.ts";
import { resolveBuildSpecs } from "../impl/registry.ts";
import { cacheDir } from "../cache_dir/mod.ts";
import type { Build } from "../impl/mod.ts";
import { makePrivateTempDir } from "../temp_dir/mod.ts";

const [client] = await resolveBuildSpecs(["openssl:system"], { cacheDir: cacheDir() });

/** One build per peer kind, where it is fetched (a missing one is ignored, not failed). */
async function buildOf(spec: string): Promise<Build | undefined> {
  return (await resolveBuildSpecs([spec], { cacheDir: cacheDir() }).catch(() => []))[0];
}

const CASES: [string, TlsServerKind, boolean][] = [
  ["openssl:system", "s_server", false],
  ["boringssl:14", "bssl server", true],
  ["gnutls:3.8.13", "gnutls-serv", true],
  ["wolfssl:5.7", "ffi", true],
  ["rustls", "deno", false],
];

for (const [spec, kind, tells] of CASES) {
  const server = await buildOf(spec);
  Deno.test({
    name: `ctx.tlsServer() on ${spec} starts ${kind}: s_client resumes its TLS 1.3 ticket, ` +
      `${tells ? "the server says so" : "the server does not say"}, and nothing listens after`,
    ignore: server === undefined,
    async fn() {
      await using pki = await createTestPki();
      await using dir = await makePrivateTempDir({ prefix: "tls-server-peers-" });
      let port = 0;
      {
        await using ctx = new ScenarioContext({
          scenario: { name: "t/tls_server", claims: ["IX-1"], tags: [], file: "" },
          client,
          server: server!,
          dir: dir.path,
          pki,
          signal: AbortSignal.timeout(60_000),
          stepTimeoutMs: 10_000,
        });
        const s = await ctx.tlsServer({ tls: "1.3" });
        assert.equal(s.kind, kind);
        port = s.port;
        const first = await ctx.sClient(s, { tls: "1.3", sessOut: "s.pem" });
        assert.equal(first.reused, false);
        const second = await ctx.sClient(s, { tls: "1.3", sessIn: "s.pem" });
        assert.equal(second.reused, true, second.transcript.handshake?.version);
        const served = await s.served(2);
        if (tells) assert.deepEqual(served?.map((c) => c.resumed), [false, true]);
        else assert.equal(served, undefined);
      }
      // Disposed: the server's process is reaped (or its listener closed).
      await assert.rejects(Deno.connect({ hostname: "127.0.0.1", port }), `port ${port} closed`);
    },
  });
}
