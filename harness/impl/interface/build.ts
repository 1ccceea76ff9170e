import type { Capability } from "./capability.ts";

/**
 * The name of a TLS implementation: `"openssl"`, `"boringssl"`, `"wolfssl"`, `"gnutls"`,
 * `"rustls"` (Deno's TLS), or whatever a new registry entry calls itself. A plain string, so that
 * adding a stack is one folder and one registry entry, not an edit of a type here.
 */
export type ImplementationName = string;

/** How to start one program of a build: argv prefix and environment additions. */
export interface Launch {
  /** The program to exec (the tool itself, or a dynamic loader that runs it). */
  command: string;
  /** Arguments before the program's own (loader options, then the program's path). */
  args: string[];
  /** Environment additions (e.g. LD_LIBRARY_PATH). */
  env: Record<string, string>;
}

/**
 * OpenSSL API name → this implementation's export, for the FFI driver (`null`: not exported;
 * the op that needs it fails naming it). Parameter and result types only where they differ from
 * OpenSSL's declaration in `harness/ffi/symbols.ts`.
 */
export type SymbolMap = Record<
  string,
  {
    /** Exported name. */
    name: string;
    /** Parameter types, only when they differ from OpenSSL's. */
    parameters?: Deno.NativeType[];
    /** Result type, only when it differs from OpenSSL's. */
    result?: Deno.NativeResultType;
    /** Why it differs. */
    note?: string;
  } | null
>;

/** What the FFI driver needs of a build with the `api` capability. */
export interface BuildFfi {
  /** The libssl shared object (wolfSSL: its one library). */
  libssl: string;
  /** The libcrypto shared object (wolfSSL: the same file). */
  libcrypto: string;
  /** How to start a Deno able to load them. @default {this Deno, no environment} */
  launch?: Launch;
  /** The implementation's symbol map. @default {OpenSSL's own names} */
  symbols?: SymbolMap;
  /**
   * The implementation's other driver options (constants, start calls: the FFI layer's
   * `FfiApiOptions`), handed to the driver as they are. @default {OpenSSL's}
   */
  api?: Record<string, unknown>;
}

/** Where a build came from. */
export type BuildSource = "system" | "fetched" | "path" | "builtin";

/**
 * One runnable build of an implementation, as the runner, the context, the FFI driver pool and
 * the reports see it. Every field is data: what a build can do is its `capabilities` (probed
 * once, cached beside its manifest), never a guess from its name or version text.
 *
 * @example
 * ```ts
 * import type { Build } from "./build.ts";
 * const b: Build = {
 *   implementation: "gnutls",
 *   id: "gnutls-3.8.9",
 *   version: "gnutls-cli 3.8.9",
 *   family: "3.8",
 *   source: "fetched",
 *   capabilities: ["cli-client", "cli-server"],
 *   cliDialect: "gnutls",
 * };
 * console.log(b.capabilities.includes("api")); // false
 * ```
 */
export interface Build {
  /** Which implementation ({@linkcode ImplementationName}). */
  implementation: ImplementationName;
  /** Short label in reports and specs: "system", "3.5.9", "boringssl-14.0.0", "rustls". */
  id: string;
  /** The exact version text the build reports ("OpenSSL 3.5.9 29 Sep 2026", "gnutls-cli 3.8.9"). */
  version: string;
  /** The version family, for matching builds across runs and deviation ranges ("3.5", "14"). */
  family: string;
  /**
   * The version as dotted numbers, for deviation ranges ("3.0.19", "1.1.1w", "14.0.0"), when
   * the id does not carry it (the system OpenSSL's id is "system"). @default {the id's version}
   */
  versionNumber?: string;
  /** Where it came from. */
  source: BuildSource;
  /** Its main program or folder, when it has one (identity of the build in a run). */
  path?: string;
  /** What it can do (see {@linkcode Capability}). */
  capabilities: Capability[];
  /**
   * The command-line language its `cli-client` / `cli-server` tools speak: `"openssl"` (the
   * `s_client`/`s_server` flags the context's peers pass), `"bssl"`, `"gnutls"`. A scenario
   * that drives `ctx.sClient()` requires `cli-client:openssl`.
   */
  cliDialect?: string;
  /** The format of the session files its CLI client writes ("openssl-pem", "boringssl-pem"). */
  sessionFileFormat?: string;
  /** Its command-line tools by name ("bssl", "gnutls-cli", "gnutls-serv"). */
  cli?: { [tool: string]: Launch };
  /** For the FFI driver (builds with `api` or `tcp-peer`). */
  ffi?: BuildFfi;
  /**
   * Why probing the build failed for a reason other than a missing capability (a library that
   * does not load, a tool that crashes): every task of the build is then an `error` saying so.
   */
  probeError?: string;
  /** Why a capability is absent, where the probe found out ("libwolfssl exports no …"). */
  missing?: Partial<Record<Capability, string>>;
}

/** A build's reference in reports: its identity, without launch details. */
export interface BuildIdentity {
  /** Which implementation. */
  implementation: ImplementationName;
  /** Label. */
  id: string;
  /** Exact version text. */
  version: string;
  /** Main program or folder ("" when it has none). */
  path: string;
}

/**
 * A build's identity for reports and task keys.
 *
 * @example
 * ```ts
 * import { buildIdentity } from "./build.ts";
 * const id = buildIdentity({
 *   implementation: "rustls", id: "rustls", version: "Deno 2.9.6 (rustls)", family: "2.9",
 *   source: "builtin", capabilities: [],
 * });
 * console.log(id.path); // ""
 * ```
 */
export function buildIdentity(build: Build): BuildIdentity {
  return {
    implementation: build.implementation,
    id: build.id,
    version: build.version,
    path: build.path ?? "",
  };
}
