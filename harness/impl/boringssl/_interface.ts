/**
 * The draft implementation interface (research/IMPL_INTERFACE.md, issue 10), written down here
 * only so that this folder type-checks before the engine's registry exists. When the engine
 * lands its own types, this file goes and the imports point there; nothing else changes.
 *
 * @module
 */

/** Implementations known to the harness. */
export type ImplementationName = "openssl" | "boringssl" | "wolfssl" | "gnutls" | "rustls";

/** What a build can do; probed once, cached in the build's manifest. */
export type Capability = "cli-client" | "cli-server" | "session-file" | "api" | "tcp-peer";

/** How to start one program of a build. */
export interface Launch {
  /** Executable (the build's binary, or the foreign dynamic loader that runs it). */
  command: string;
  /** Arguments before the program's own. */
  args: string[];
  /** Environment additions. */
  env: Record<string, string>;
}

/** OpenSSL API name → this implementation's export (or null: not exported). */
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

/** One build of an implementation. */
export interface Build {
  /** Which implementation. */
  implementation: ImplementationName;
  /** Short label in reports, e.g. "boringssl-14.0.0". */
  id: string;
  /** Exact version text. */
  version: string;
  /** For matching builds across runs, e.g. "14". */
  family: string;
  /** Where it came from. */
  source: "system" | "fetched" | "path";
  /** What it can do. */
  capabilities: Capability[];
  /** Format of the CLI client's session files. */
  sessionFileFormat?: "openssl-pem" | "boringssl-der" | "boringssl-pem" | string;
  /** CLI tools by name. */
  cli?: { [tool: string]: Launch };
  /** FFI: libraries, how to start a Deno that can load them, and the symbol map. */
  ffi?: { libssl: string; libcrypto: string; launch?: Launch; symbols: SymbolMap };
}
