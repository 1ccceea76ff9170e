/**
 * One resumption through the client build's own command-line client, whatever its
 * implementation: the client connects to a server on 127.0.0.1, receives its session, and
 * connects again offering it. Each implementation's wrapper is called with its own flags (no
 * OpenSSL flag reaches `bssl` or `gnutls-cli`):
 * - `openssl`: two `s_client` runs, `-sess_out` then `-sess_in` (the session crosses processes
 *   in a file);
 * - `boringssl`: one `bssl client -test-resumption` run (two connections in one process);
 * - `gnutls`: one `gnutls-cli --resume` run (two connections in one process).
 *
 * @module
 */
import { type ClientTarget, type ScenarioContext, UnsupportedError } from "../../mod.ts";
import { runBsslClient } from "../../harness/impl/boringssl/mod.ts";

// The wrapper reads only the build's `cli.bssl` launch; its type also wants the symbol map.
type BsslBuild = Parameters<typeof runBsslClient>[0];
import { gnutls, type GnutlsBuild } from "../../harness/impl/gnutls/mod.ts";

/** What the two connections of {@linkcode resumeWithCliClient} showed. */
export interface CliResumption {
  /** How the session went from the first connection to the second, for the report. */
  method: string;
  /** Whether each connection completed its handshake, in order. */
  handshakes: boolean[];
  /** Whether each connection resumed, in order (the tool's own word). */
  reused: boolean[];
  /** The lines that decided `handshakes` and `reused`. */
  evidence: string[];
}

/**
 * Connect twice with the client build's CLI client, the second connection offering the first
 * one's session.
 *
 * @throws {UnsupportedError} when the client build's CLI dialect has no wrapper here.
 * @example
 * ```ts ignore
 * import { resumeWithCliClient } from "./_cli_resume.ts";
 * const server = await ctx.sServer({ tls: "1.3" });
 * const r = await resumeWithCliClient(ctx, server, "1.3");
 * ctx.expect.equal("IX-1", "the second connection resumes", r.reused[1], true);
 * ```
 */
export async function resumeWithCliClient(
  ctx: ScenarioContext,
  server: ClientTarget,
  tls: "1.2" | "1.3",
): Promise<CliResumption> {
  const build = ctx.clientBuild;
  // Both in-process wrappers take the same options: connect, then reconnect offering the session.
  const inProcess = {
    caFile: ctx.pki.caCert,
    tls,
    resumeInProcess: true,
    timeoutMs: ctx.stepTimeoutMs,
    signal: ctx.signal,
  };
  switch (build.cliDialect) {
    case "openssl": {
      const runs = [await ctx.sClient(server, { tls, sessOut: "cli-resume.pem" })];
      // No session received: there is nothing to offer (-sess_in of no file is an s_client
      // error, not the check's failure), so only one connection was made.
      if (runs[0].sessionFileState === "present") {
        runs.push(await ctx.sClient(server, { tls, sessIn: "cli-resume.pem" }));
      }
      return {
        method: "s_client -sess_out, then -sess_in",
        handshakes: runs.map((r) => r.handshake),
        reused: runs.map((r) => r.reused ?? false),
        evidence: runs.map((r) => {
          const h = r.transcript.handshake;
          return h ? `${h.reused ? "Reused" : "New"}, ${h.version}, ${h.cipher}` : "no handshake";
        }).concat(runs.length < 2 ? [`-sess_out file: ${runs[0].sessionFileState}`] : []),
      };
    }
    case "bssl": {
      const r = await runBsslClient(build as BsslBuild, server, inProcess);
      return {
        method: "bssl client -test-resumption",
        // The exit code is 1 after good handshakes (see cli_client.ts): the blocks decide.
        handshakes: r.connections.map(() => true),
        reused: r.connections.map((c) => c.resumed),
        evidence: [...r.evidence, ...r.errors.map((e) => e.message)],
      };
    }
    case "gnutls": {
      const r = await gnutls.runClient(build as GnutlsBuild, server, inProcess);
      return {
        method: "gnutls-cli --resume",
        handshakes: r.connections.map((c) => c.handshake !== undefined),
        reused: r.connections.map((c) => c.resumed === true),
        evidence: r.evidence,
      };
    }
    default:
      throw new UnsupportedError(
        `${build.id} (${build.implementation}) has no CLI client wrapper for dialect ` +
          `"${build.cliDialect ?? "none"}" (needed for "cli-client")`,
      );
  }
}
