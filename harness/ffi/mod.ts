/**
 * libssl through Deno FFI: a driver subprocess per OpenSSL build, a handle-based JSON line
 * protocol, memory-BIO handshakes in one process and against TCP peers, and observation of
 * when sessions are really freed (an ex_data free callback). See README.md for the op list.
 *
 * This facade is the parent side only: {@linkcode FfiDriver}, its protocol types and errors, the
 * mutant list ({@linkcode FFI_MUTANTS}). The driver side (`driver.ts` and the `ops_*.ts`,
 * `*_pump.ts`, `driver_state.ts`, `mutant_overrides.ts` files it loads) runs in the child
 * process and is never imported here.
 *
 * @example
 * ```ts
 * import { FfiDriver } from "./mod.ts";
 * import { systemBuild } from "../openssl/build.ts";
 * await using d = await FfiDriver.start(await systemBuild());
 * const { ctx: sctx } = await d.call("ctx_new", { role: "server", cert: "leaf.pem", key: "leaf.key" });
 * const { ctx: cctx } = await d.call("ctx_new", { role: "client" });
 * const { ssl: server } = await d.call("ssl_new", { ctx: sctx });
 * const { ssl: client } = await d.call("ssl_new", { ctx: cctx });
 * console.log(await d.call("handshake", { client, server, readTickets: true }));
 * ```
 * @module
 */
export * from "./api_options.ts";
export * from "./ffi_driver.ts";
export * from "./ffi_driver_pool.ts";
export * from "./ffi_error.ts";
export * from "./ffi_libraries.ts";
export * from "./ffi_mutant.ts";
export * from "./protocol.ts";
export * from "./protocol_session_fields.ts";
export type { OpensslBuild } from "../openssl/mod.ts";
export {
  SSL_OP_ALLOW_CLIENT_RENEGOTIATION,
  SSL_SESS_CACHE,
  TLS_VERSION,
  type TlsVersionName,
} from "./constants.ts";
export type { SymbolMapEntry, SymbolMapping } from "./libssl.ts";
