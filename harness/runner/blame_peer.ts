/**
 * Blame the right peer. When a server dies while a client step runs, the client's error is a
 * symptom ("Connection refused", "unexpected eof"); the cause is the server's exit, visible
 * only in the peers' list. So an errored scenario whose server ended on its own (not stopped by
 * the scenario or the harness) leads with that server: its role, pid, exit status and the end
 * of its stderr, and then the client's error.
 * @module
 */
import type { ProcessResult } from "../process/mod.ts";

/** A process a scenario started, as far as blame needs it. */
export interface BlamablePeer {
  /** "s_server", "deno_tls_server", "s_client", … */
  role: string;
  /** The live or finished process. */
  process: { pid: number; exited: boolean; result?: ProcessResult; stderrLines: string[] };
}

/** Roles that are meant to outlive a client step: their exit mid-scenario is the news. */
const SERVER_ROLE = /server/;

/**
 * The scenario's error message, led by the servers that exited on their own before it, if any.
 *
 * @example
 * ```ts ignore
 * blameExitedServers(ctx.peers, "ProcessError: s_client printed nothing: … Connection refused");
 * // "Server s_server (pid 4242) exited on its own (exit code 0) while the scenario still
 * //  needed it: stderr: …\n  then: ProcessError: s_client printed nothing: …"
 * ```
 */
export function blameExitedServers(peers: readonly BlamablePeer[], message: string): string {
  const dead = peers.filter((p) =>
    SERVER_ROLE.test(p.role) && p.process.exited && p.process.result &&
    !p.process.result.killed
  );
  if (dead.length === 0) return message;
  const lines = dead.map((p) => {
    const r = p.process.result!;
    const how = r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`;
    const tail = p.process.stderrLines.filter((l) => l.trim()).slice(-3)
      .map((l) => l.length > 300 ? `${l.slice(0, 300)}…` : l);
    return `Server ${p.role} (pid ${p.process.pid}) exited on its own (${how}) while the ` +
      `scenario still needed it` + (tail.length ? `: stderr: ${tail.join(" / ")}` : ": no stderr");
  });
  return `${lines.join("\n")}\n  then: ${message}`;
}
