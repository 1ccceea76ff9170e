import assert from "node:assert/strict";
import { probeBoringssl } from "./probe.ts";
import { FETCHED, liveName } from "../../../testing/impl/boringssl_builds.ts";

const EXPECTED: Record<string, string[]> = {
  // bullseye packages no bssl-tool.
  "10": ["api", "tcp-peer"],
  "13": ["cli-client", "cli-server", "session-file", "api", "tcp-peer"],
  "14": ["cli-client", "cli-server", "session-file", "api", "tcp-peer"],
};

for (const family of ["10", "13", "14"]) {
  Deno.test({
    name: liveName("probeBoringssl() finds every mapped symbol and the CLI flags", family),
    ignore: !FETCHED.has(family),
    async fn() {
      const p = await probeBoringssl(FETCHED.get(family)!);
      assert.deepEqual(p.missingSymbols, [], "every non-null symbol-map entry is exported");
      assert.equal(p.apiProblem, undefined);
      assert.equal(p.libraryVersion, "BoringSSL");
      assert.deepEqual(p.capabilities, EXPECTED[family]);
      if (family !== "10") {
        assert.ok(p.serverFlags.includes("-loop") && !p.serverFlags.includes("-num-tickets"));
      }
    },
  });
}

Deno.test({
  name: liveName("probeBoringssl() reports a symbol the library lacks", "14"),
  ignore: !FETCHED.has("14"),
  async fn() {
    const b = FETCHED.get("14")!;
    const symbols = { ...b.ffi!.symbols, SSL_SESSION_dup: { name: "SSL_SESSION_dup" } };
    const p = await probeBoringssl({ ...b, cli: undefined, ffi: { ...b.ffi!, symbols } });
    assert.deepEqual(p.missingSymbols, ["SSL_SESSION_dup"]);
    assert.deepEqual(p.capabilities, []);
  },
});
