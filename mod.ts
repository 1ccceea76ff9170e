/**
 * tls-session-harness: verify, by running real TLS peers, that OpenSSL's session API behaves as
 * its man pages say — across OpenSSL versions and against Deno's TLS (rustls).
 *
 * This module is the public API for scenario authors and library users: declaring scenarios,
 * the session-file codec, the transcript parsers, builds and the runner.
 *
 * @example
 * ```ts
 * import { defineScenario } from "@tls-session-harness/harness";
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
export {
  type Claim,
  claimQuotes,
  CLAIMS,
  CLIENT_NO_STORE,
  type ConnectOptions,
  type ContextOptions,
  defineScenario,
  ExpectationError,
  type ExpectationRecord,
  Expectations,
  expectSession,
  type FfiConnection,
  FfiPair,
  type FfiPairHost,
  type FfiPairOptions,
  findClaim,
  formatValue,
  isScenario,
  loadScenarios,
  modeTls,
  modeUsesServerCache,
  type PeerRecord,
  RESUMPTION_MODES,
  type ResumptionMode,
  resumptionServer,
  type Scenario,
  ScenarioContext,
  type ScenarioDeclaration,
  type ScenarioIdentity,
  type ServedConnection,
  SkipError,
  TLS_VARIANTS,
  type TlsServer,
  type TlsServerKind,
  type TlsServerOptions,
  tlsVersion,
  UnsupportedError,
  type ValidateOptions,
  validateScenarios,
  type VariantAxes,
  type VariantDeclaration,
  type VariantList,
  type VariantValues,
  wasFreed,
} from "./harness/scenario/mod.ts";

// Peers
export {
  buildFromPath,
  type ClientRun,
  type ClientTarget,
  fetchBuilds,
  fetchedBuilds,
  type OpensslBuild,
  opensslVersionId,
  type PostHandshake,
  resolveBuilds,
  type SClientOptions,
  type SClientRunOptions,
  SServer,
  type SServerOptions,
  systemBuild,
  type TlsVersion,
} from "./harness/openssl/mod.ts";

// Session files and transcripts
export {
  decodeSessionDer,
  decodeSessionPem,
  derToPem,
  encodeSessionDer,
  encodeSessionPem,
  pemToDer,
  readSessionFile,
} from "./harness/session/mod.ts";
export type { DecodeOptions, PemBlock, SslSession } from "./harness/session/mod.ts";
export {
  decideResumption,
  parseClientTranscript,
  parseMessageTrace,
  parseServerPage,
  parseSessionBlock,
  ResumptionDisagreement,
} from "./harness/transcript/mod.ts";
export type { ClientTranscript } from "./harness/transcript/mod.ts";
export { toHex } from "./harness/encoding/mod.ts";

// Running and reporting
export {
  type Deviation,
  readDeviations,
  type RunEvent,
  runScenarios,
  type RunScenariosOptions,
  type ScenarioResult,
  type Shard,
  type Status,
} from "./harness/runner/mod.ts";
export type { BuildRef, PeerOutput, StatusCounts, TaskDurations } from "./harness/runner/mod.ts";
export { REPORTERS } from "./harness/report/mod.ts";
export type { Reporter, ReporterOptions } from "./harness/report/mod.ts";

// Reading, merging and comparing reports (what `report merge` and `report diff` do)
export {
  formatHtmlReport,
  formatJsonReport,
  formatJunitReport,
  formatMarkdownReport,
  mergeReports,
  parseReport,
  SCHEMA_VERSION,
} from "./harness/report/mod.ts";
export type { MergePart, ReportData, ReportStatus, ReportSummary } from "./harness/report/mod.ts";
export {
  DIFF_FORMATTERS,
  diffExitCode,
  DiffInputError,
  diffReports,
  parseBuildMapping,
  readDiffInput,
  statusSeverity,
} from "./harness/report/mod.ts";
export type {
  BuildMapping,
  BuildPair,
  BuildPairing,
  DiffFormatOptions,
  DiffFormatter,
  DiffIdentity,
  DiffOptions,
  ObservedChange,
  OneSided,
  ReportDiff,
  StatusChange,
} from "./harness/report/mod.ts";

// Types the API above refers to, so that users can name them
export { ProcessError } from "./harness/process/mod.ts";
export type { ChildProcess, ProcessResult, Stream, WaitOptions } from "./harness/process/mod.ts";
export type {
  BuildFromPathOptions,
  FetchedBuildsOptions,
  FetchOptions,
  PeerHost,
  PeerStep,
  ResolveBuildsOptions,
} from "./harness/openssl/mod.ts";
export type { DenoServer, LoadFailure, LoadResult } from "./harness/scenario/mod.ts";
export type { DenoTlsClientResult } from "./servers/deno_tls_client.ts";
export type {
  DenoTlsConnectionInfo,
  DenoTlsServer,
  DenoTlsStopReason,
} from "./servers/deno_tls_server.ts";
export { FfiError, TLS_VERSION } from "./harness/ffi/mod.ts";
export type {
  AcceptedTcp,
  CacheMode,
  CacheSide,
  CacheStats,
  CtxNewArgs,
  DriverConstants,
  FfiAcquireOptions,
  FfiApiOptions,
  FfiCallOptions,
  FfiDriver,
  FfiDriverPool,
  FfiDriverPoolOptions,
  FfiErrorDetails,
  FfiErrorKind,
  FfiOpArgs,
  FfiOpName,
  FfiOpResult,
  FfiOps,
  GetCall,
  Handle,
  HelloResult,
  NewSessionCall,
  RemoveCall,
  SessionRef,
  SslCallResult,
  SymbolMapEntry,
  SymbolMapping,
  TlsVersionName,
} from "./harness/ffi/mod.ts";
export type {
  CopyOutField,
  SessionFieldOps,
  SessionGetField,
  SessionSetField,
  TimeFunction,
} from "./harness/ffi/mod.ts";
export type { PemOptions, ReadSessionFileOptions, UnknownField } from "./harness/session/mod.ts";
export type {
  ClientConnection,
  HandshakeLine,
  HelloMessage,
  MessageTrace,
  ParseClientTranscriptOptions,
  ParseMessageTraceOptions,
  ParseServerPageOptions,
  ParseSessionBlockOptions,
  ResumptionEvidence,
  ResumptionSignal,
  ResumptionVerdict,
  SecureRenegotiation,
  ServerPage,
  SessionBlock,
  SessionCacheStats,
  TraceHandshake,
  TraceMessage,
  Verification,
} from "./harness/transcript/mod.ts";

// Man pages per version: what each build's page says about a claim (`claims --docs`)
export type { DocStatus, DriftCell, DriftTable, Sentence } from "./harness/docs/mod.ts";
export type { FfiBuild } from "./harness/ffi/mod.ts";
export type {
  Build,
  BuildFfi,
  BuildSource,
  Capability,
  CapableBuild,
  ImplementationName,
  Launch,
  ParsedRequirement,
  Requirement,
  Side,
  SymbolMap,
} from "./harness/impl/mod.ts";
export { CAPABILITIES, parseRequirement, unmetRequirement } from "./harness/impl/mod.ts";
