import assert from "node:assert/strict";
import { LIBCRYPTO_SYMBOLS, LIBSSL_SYMBOLS } from "../../ffi/symbols.ts";
import {
  CTRL_EQUIVALENTS,
  FREE_OBSERVATION,
  WOLFSSL_CONSTANTS,
  WOLFSSL_FAMILIES,
  wolfsslSymbolMap,
} from "./symbols.ts";
import { FETCHED, needsBuild } from "../../../testing/impl/wolfssl_builds.ts";
import { run } from "../../process/mod.ts";

Deno.test("wolfsslSymbolMap() covers every symbol the OpenSSL driver binds", () => {
  for (const f of WOLFSSL_FAMILIES) {
    const map = wolfsslSymbolMap(f);
    for (const k of [...Object.keys(LIBSSL_SYMBOLS), ...Object.keys(LIBCRYPTO_SYMBOLS)]) {
      assert.ok(k in map, `${f}: ${k} is not in the map`);
    }
    for (const key of Object.values(CTRL_EQUIVALENTS)) assert.ok(map[key], `${f}: ${key}`);
  }
});

Deno.test("wolfsslSymbolMap() nulls what a version lacks and keeps per-version signatures", () => {
  assert.equal(wolfsslSymbolMap("4.6").SSL_SESSION_is_resumable, null);
  assert.equal(
    wolfsslSymbolMap("5.5").SSL_SESSION_is_resumable?.name,
    "wolfSSL_SESSION_is_resumable",
  );
  assert.equal(wolfsslSymbolMap("4.6").CRYPTO_get_ex_new_index, null);
  assert.equal(wolfsslSymbolMap("5.5").SSL_SESSION_set_time, null);
  assert.equal(wolfsslSymbolMap("5.7").SSL_SESSION_set_time?.name, "wolfSSL_SESSION_set_time");
  assert.deepEqual(wolfsslSymbolMap("4.6").OpenSSL_version?.parameters, []);
  assert.equal(wolfsslSymbolMap("5.9").OpenSSL_version?.parameters, undefined);
  assert.equal(wolfsslSymbolMap("5.9").SSL_get0_session?.name, "wolfSSL_SSL_get0_session");
  assert.throws(() => wolfsslSymbolMap("6.0" as "5.9"), /Unknown wolfSSL family "6.0"/);
});

Deno.test("WOLFSSL_CONSTANTS differ from OpenSSL's where the headers say", () => {
  for (const f of WOLFSSL_FAMILIES) assert.equal(WOLFSSL_CONSTANTS[f].SSL_OP_NO_TICKET, 0x80000n);
  assert.equal(WOLFSSL_CONSTANTS["5.7"].SSL_ERROR_SSL, 85);
  assert.equal(WOLFSSL_CONSTANTS["5.9"].SSL_ERROR_SSL, 1);
});

Deno.test({
  ...needsBuild("wolfsslSymbolMap() names only functions the fetched library exports (nm -D)"),
  async fn() {
    for (const b of FETCHED) {
      const r = await run("nm", {
        args: ["-D", "--defined-only", b.ffi.libssl],
        timeoutMs: 20_000,
      });
      assert.equal(r.code, 0, r.stderr);
      const exported = new Set(r.stdout.split("\n").map((l) => l.split(" ")[2]).filter(Boolean));
      for (const [k, e] of Object.entries(b.ffi.symbols)) {
        if (e) assert.ok(exported.has(e.name), `${b.id}: ${k} → ${e.name} is not exported`);
      }
    }
  },
});

Deno.test("FREE_OBSERVATION and the flush entry follow what was measured per family", () => {
  assert.equal(FREE_OBSERVATION["4.6"], "none");
  assert.equal(FREE_OBSERVATION["5.5"], "allocator-free");
  assert.equal(FREE_OBSERVATION["5.9"], "allocator-free");
  assert.equal(wolfsslSymbolMap("5.5").SSL_CTX_flush_sessions?.name, "wolfSSL_flush_sessions");
  assert.equal(wolfsslSymbolMap("5.7").SSL_CTX_flush_sessions?.name, "wolfSSL_CTX_flush_sessions");
});
