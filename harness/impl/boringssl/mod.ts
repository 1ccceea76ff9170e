/**
 * BoringSSL (Android's, from Debian's archive) as an implementation axis of the harness:
 * fetch 10.0.0 / 13.0.0 / 14.0.0 with a private apt state, probe their capabilities, run
 * `bssl-tool server` / `bssl-tool client` as peers, parse what they print, and map the OpenSSL
 * session API the FFI driver binds onto BoringSSL's exports.
 *
 * @example
 * ```ts ignore
 * import { boringssl } from "./mod.ts";
 * const builds = await boringssl.fetched(cacheDir());
 * console.log(builds.map((b) => `${b.id}: ${b.capabilities.join(", ")}`));
 * ```
 * @module
 */
export * from "./implementation.ts";
export * from "./fetch.ts";
export * from "./probe.ts";
export * from "./cli_server.ts";
export * from "./cli_client.ts";
export * from "./client_output.ts";
export * from "./session_file.ts";
export * from "./listening_sockets.ts";
export * from "./symbols.ts";
export type * from "./_interface.ts";
/** The process layer's types that the peers' results carry. */
export type { ProcessResult } from "../../process/mod.ts";
export * from "./api_measure.ts";
export * from "./api.ts";
