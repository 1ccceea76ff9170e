import assert from "node:assert/strict";
import { capabilitiesFrom, probeBuild } from "./probe.ts";
import { wolfsslSymbolMap } from "./symbols.ts";
import { FETCHED, needsBuild } from "../../../testing/impl/wolfssl_builds.ts";

Deno.test("capabilitiesFrom() grants api and tcp-peer only with every required symbol", () => {
  const map = wolfsslSymbolMap("5.5");
  const all = new Set(Object.values(map).flatMap((e) => e ? [e.name] : []));
  assert.deepEqual(capabilitiesFrom(map, all).capabilities, ["api", "tcp-peer"]);
  all.delete("wolfSSL_get_session");
  const r = capabilitiesFrom(map, all);
  assert.deepEqual(r.capabilities, []);
  assert.deepEqual(r.missingRequired, ["SSL_get_session"]);
});

Deno.test("capabilitiesFrom() grants api on 4.6: its missing CRYPTO_get_ex_new_index has a fallback", () => {
  const map = wolfsslSymbolMap("4.6");
  const all = new Set(Object.values(map).flatMap((e) => e ? [e.name] : []));
  const r = capabilitiesFrom(map, all);
  assert.ok(r.missing.includes("CRYPTO_get_ex_new_index"));
  assert.deepEqual(r.missingRequired, []);
  assert.deepEqual(r.capabilities, ["api", "tcp-peer"]);
});

Deno.test({
  ...needsBuild("probeBuild() loads each fetched library and finds what the map expects"),
  async fn() {
    for (const b of FETCHED) {
      const r = await probeBuild(b, { signal: AbortSignal.timeout(60_000) });
      const nulls = Object.entries(b.ffi.symbols).filter(([, e]) => e === null).map(([k]) => k);
      assert.deepEqual(r.missing.sort(), nulls.sort(), `${b.id}`);
      assert.deepEqual(r.capabilities, ["api", "tcp-peer"], b.id);
    }
  },
});
