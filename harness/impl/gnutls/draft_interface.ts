/**
 * The shapes this folder plugs into, copied from the lead's draft of issue 10
 * (`/work/research/IMPL_INTERFACE.md`) so the folder type-checks on its own while the engine's
 * registry is being written. When the engine exports these types, this file becomes re-exports
 * of them (field names and meanings are the draft's, unchanged).
 *
 * @module
 */

/** Implementations known to the harness. */
export type ImplementationName = "openssl" | "boringssl" | "wolfssl" | "gnutls" | "rustls";

/** What a build can do; probed once, cached in the build's manifest. */
export type Capability =
  | "cli-client"
  | "cli-server"
  | "session-file"
  | "api"
  | "tcp-peer";

/** How to start one of a build's tools: argv prefix and environment additions. */
export interface ToolLaunch {
  /** The program to exec (the tool itself, or a dynamic loader). */
  command: string;
  /** Arguments before the tool's own (loader options, then the tool's path). */
  args: string[];
  /** Environment additions (e.g. LD_LIBRARY_PATH). */
  env: Record<string, string>;
}

/** One runnable build of an implementation. */
export interface Build {
  /** Which implementation. */
  implementation: ImplementationName;
  /** Short label in reports: "gnutls-3.8.9". */
  id: string;
  /** Exact version text as the implementation reports it ("gnutls-cli 3.8.9"). */
  version: string;
  /** Major.minor, for matching builds across runs ("3.8"). */
  family: string;
  /** Where it came from. */
  source: "system" | "fetched" | "path";
  /** What it can do (see {@linkcode Capability}). */
  capabilities: Capability[];
  /** Format of the CLI client's session file, when it has the "session-file" capability. */
  sessionFileFormat?: string;
  /** Its command-line tools by name ("gnutls-cli", "gnutls-serv"). */
  cli?: { [tool: string]: ToolLaunch };
}
