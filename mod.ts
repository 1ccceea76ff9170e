/**
 * tls-session-harness: verify, by running real TLS peers, that OpenSSL's session API behaves as
 * its man pages say — across OpenSSL versions and against Deno's TLS (rustls).
 *
 * This module is the public API for scenario authors and library users: declaring scenarios,
 * the session-file codec, the transcript parsers, builds and the runner.
 *
 * @example
 * ```ts
 * import { defineScenario } from "./mod.ts";
 *
 * export default defineScenario({
 *   name: "my/tls13_resumes",
 *   quote: "SSL_set_session() sets session to be used when the TLS/SSL connection is to be established.",
 *   claims: ["SS-1"],
 *   async run(ctx) {
 *     const server = await ctx.sServer({ tls: "1.3" });
 *     const first = await ctx.sClient(server, { sessOut: "s.pem" });
 *     const second = await ctx.sClient(server, { sessIn: "s.pem" });
 *     ctx.expect.equal("SS-1", "second connection resumes", second.reused, true);
 *   },
 * });
 * ```
 * @module
 */

// Declaring scenarios
export { defineScenario, isScenario } from "./harness/scenario/scenario.ts";
export type { Scenario, ScenarioDeclaration } from "./harness/scenario/scenario.ts";
export { ScenarioContext, SkipError } from "./harness/scenario/context.ts";
export type { ContextOptions, PeerRecord } from "./harness/scenario/context.ts";
export { ExpectationError, Expectations, formatValue } from "./harness/scenario/expectations.ts";
export type { ExpectationRecord } from "./harness/scenario/expectations.ts";
export { CLAIMS, findClaim } from "./harness/scenario/claims.ts";
export type { Claim } from "./harness/scenario/claims.ts";
export { loadScenarios } from "./harness/scenario/load.ts";
export { validateScenarios } from "./harness/scenario/validate.ts";

// Peers
export type { SClientOptions, SServerOptions, TlsVersion } from "./harness/openssl/peer_options.ts";
export type { ClientRun, ClientTarget, SClientRunOptions } from "./harness/openssl/s_client.ts";
export { SServer } from "./harness/openssl/s_server.ts";
export type { OpensslBuild } from "./harness/openssl/build.ts";
export { systemBuild } from "./harness/openssl/build.ts";
export { buildFromPath, fetchedBuilds, resolveBuilds } from "./harness/openssl/builds.ts";
export { opensslVersionId } from "./harness/openssl/version.ts";
export { fetchBuilds } from "./harness/openssl/fetch.ts";

// Session files and transcripts
export {
  decodeSessionDer,
  decodeSessionPem,
  encodeSessionDer,
  encodeSessionPem,
  readSessionFile,
} from "./harness/session/mod.ts";
export type { SslSession } from "./harness/session/mod.ts";
export { parseClientTranscript, parseServerPage } from "./harness/transcript/mod.ts";
export type { ClientTranscript } from "./harness/transcript/mod.ts";
export { toHex } from "./harness/encoding/mod.ts";

// Running and reporting
export { runScenarios } from "./harness/runner/run_scenarios.ts";
export type { RunScenariosOptions } from "./harness/runner/run_scenarios.ts";
export type { RunEvent, ScenarioResult, Status } from "./harness/runner/events.ts";
export { readDeviations } from "./harness/runner/deviations.ts";
export type { Deviation } from "./harness/runner/deviations.ts";
export { REPORTERS } from "./harness/report/mod.ts";
