import assert from "node:assert/strict";
import { FfiDriver } from "./mod.ts";
import { createTestPki } from "../pki/mod.ts";
import { boringsslSymbols } from "../impl/boringssl/symbols.ts";
import { wolfsslSymbolMap } from "../impl/wolfssl/symbols.ts";
import type { OpensslBuild } from "../openssl/mod.ts";

// Live tests against the fetched builds (`~/.cache/tls-session-harness/builds/`); each is
// ignored when its build is not fetched.
const BUILDS = `${Deno.env.get("HOME")}/.cache/tls-session-harness/builds`;

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

const WOLF55 = `${BUILDS}/wolfssl-5.5.4/root/usr/lib/x86_64-linux-gnu/libwolfssl.so.35`;
const BSSL14 = `${BUILDS}/boringssl-14/build.json`;

Deno.test({
  name: "symbol map: wolfSSL 5.5.4 (one .so, wolfSSL_ names) completes a TLS 1.3 handshake",
  ignore: !exists(WOLF55),
  async fn() {
    await using pki = await createTestPki();
    const build = { id: "wolfssl-5.5.4", source: "fetched", libssl: WOLF55, libcrypto: WOLF55 };
    await using d = await FfiDriver.start(build as unknown as OpensslBuild, {
      symbols: wolfsslSymbolMap("5.5"),
    });
    const { ctx: sctx } = await d.call("ctx_new", { role: "server", cert: pki.cert, key: pki.key });
    const { ctx: cctx } = await d.call("ctx_new", { role: "client", caFile: pki.caCert });
    const { ssl: server } = await d.call("ssl_new", { ctx: sctx });
    const { ssl: client } = await d.call("ssl_new", { ctx: cctx });
    const hs = await d.call("handshake", { client, server, readTickets: true });
    assert.equal(hs.version, 0x0304);
    const { session } = await d.call("get_session", { ssl: client });
    assert.ok(session !== null, "wolfSSL_get_session returned a session");
  },
});

Deno.test({
  name: "symbol map: BoringSSL 14 starts (SSL_SESSION_get_ex_new_index); a missing SSL_CTX_ctrl " +
    "is an op error naming it",
  ignore: !exists(BSSL14),
  async fn() {
    const m = JSON.parse(await Deno.readTextFile(BSSL14));
    const build = {
      id: m.id,
      source: "fetched",
      libssl: m.ffi.libssl,
      libcrypto: m.ffi.libcrypto,
      ffiLaunch: m.ffi.launch,
    };
    await using d = await FfiDriver.start(build as unknown as OpensslBuild, {
      symbols: boringsslSymbols(m.family),
    });
    await assert.rejects(
      () => d.call("ctx_new", { role: "client", maxVersion: "1.3" }),
      /SSL_CTX_ctrl/,
    );
    // The driver survives the failed op.
    const { ctx } = await d.call("ctx_new", { role: "client" });
    assert.ok(ctx > 0);
  },
});
