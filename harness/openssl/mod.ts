/**
 * OpenSSL as a peer: builds (the system one, ones fetched from Debian's archive, ones given by
 * path) and how to launch them, their capabilities (probed from `-help`), the `s_server` and
 * `s_client` peers a scenario starts, and the version text they print. Every process goes
 * through harness/process.
 *
 * @example
 * ```ts ignore
 * import { resolveBuilds, runSClient, SServer } from "./mod.ts";
 * const [build] = await resolveBuilds(["system"]);
 * // A scenario context wires SServer.start() and runSClient() to its PKI, dir and deadlines.
 * ```
 * @module
 */
export * from "./build.ts";
export * from "./builds.ts";
export * from "../cache_dir/mod.ts";
export * from "./fetch.ts";
export * from "./peer_host.ts";
export * from "./peer_options.ts";
export * from "./probe.ts";
export * from "./s_client.ts";
export * from "./s_server.ts";
export * from "./spawn_openssl.ts";
export * from "./version.ts";
export * from "./version_probe.ts";
