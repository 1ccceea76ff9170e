import { spawn } from "../../process/mod.ts";
import { type CliConnection, type CliOutput, parseCliOutput } from "./cli_output.ts";
import type { ToolLaunch } from "./draft_interface.ts";
import { priorityFor, type TlsVersion } from "./priority.ts";

/** Where the client connects. */
export interface GnutlsClientTarget {
  /** Port on the host. */
  port: number;
  /** Host. @default {"127.0.0.1"} */
  host?: string;
}

/** Options for {@linkcode runGnutlsCli}. */
export interface GnutlsClientOptions {
  /** CA certificate the server's chain must verify against (`--x509cafile`). */
  caFile: string;
  /** Pin the protocol version (through `--priority`). @default {both} */
  tls?: TlsVersion;
  /**
   * Refuse tickets: `%NO_TICKETS` is appended to the priority string. Not `--noticket`, which
   * has no effect on any version measured (3.7.1–3.8.13): with it gnutls-cli still sends the
   * session_ticket extension in both ClientHellos and resumes with the ticket against
   * `s_server -no_cache`. With `%NO_TICKETS` it sends neither session_ticket nor (TLS 1.3)
   * pre_shared_key: TLS 1.2 then resumes by session ID, TLS 1.3 does not resume at all.
   * @default {false}
   */
  noTicket?: boolean;
  /** `--resume`: connect, disconnect, reconnect resuming the session, in one process. @default {false} */
  resumeInProcess?: boolean;
  /**
   * Extra reconnections made with inline `^resume^` commands (with `--inline-commands`), each
   * sent once the previous handshake completed. Measured on 3.7.1–3.8.13 (TLS 1.2 and 1.3, 0.5 s
   * apart): they alternate — a `^resume^` after a full handshake resumes, one after a resumed
   * handshake makes a full handshake. Under TLS 1.3 a `^resume^` sent right after the handshake
   * can also precede the server's ticket and make a full handshake. @default {0}
   */
  inlineResumes?: number;
  /**
   * `--waitresumption`: under TLS 1.3, wait for the server's ticket before `--resume`
   * reconnects. Without it the reconnection can precede the ticket and make a full handshake
   * (measured: 3.8.9 -> bssl server 14.0.0 and 3.8.13 -> s_server 3.0.19, about one run in 30).
   * Only 3.8 has the option ({@linkcode hasWaitResumption}). @default {false}
   */
  waitResumption?: boolean;
  /** A priority string instead of the one {@linkcode tls} implies. */
  priority?: string;
  /** Extra arguments before the host. @default {[]} */
  extraArgs?: string[];
  /** Working directory. */
  cwd?: string;
  /** Deadline for the whole run in milliseconds; past it the client is killed. @default {15000} */
  timeoutMs?: number;
  /** Aborting kills the client. */
  signal?: AbortSignal;
}

/** What one gnutls-cli run observed. */
export interface GnutlsClientRun {
  /** Every connection made completed its handshake, and the tool exited 0. */
  handshake: boolean;
  /** The last connection printed "*** This is a resumed session" (false with one connection). */
  reused: boolean;
  /** The lines that decided `handshake` and `reused`, per connection in order. */
  evidence: string[];
  /** The connections, parsed. */
  connections: CliConnection[];
  /** The whole parsed output. */
  output: CliOutput;
  /** Exit code (null: killed by a signal). */
  code: number | null;
  /** Pasteable command line. */
  command: string;
  /** Captured stdout. */
  stdout: string;
  /** Captured stderr. */
  stderr: string;
}

/**
 * The arguments `gnutls-cli` is run with.
 *
 * @example
 * ```ts
 * import { gnutlsCliArgs } from "./cli_client.ts";
 * console.log(gnutlsCliArgs({ port: 4433 }, { caFile: "ca.pem", resumeInProcess: true }).join(" "));
 * ```
 */
export function gnutlsCliArgs(target: GnutlsClientTarget, options: GnutlsClientOptions): string[] {
  return [
    "--x509cafile",
    options.caFile,
    "--port",
    String(target.port),
    "--priority",
    (options.priority ?? priorityFor(options.tls)) + (options.noTicket ? ":%NO_TICKETS" : ""),
    ...(options.resumeInProcess ? ["--resume"] : []),
    ...(options.waitResumption ? ["--waitresumption"] : []),
    ...((options.inlineResumes ?? 0) > 0 ? ["--inline-commands"] : []),
    ...(options.extraArgs ?? []),
    target.host ?? "127.0.0.1",
  ];
}

/**
 * Whether a `gnutls-cli` of this version has `--waitresumption` (its `--help`, measured:
 * 3.7.1 and 3.7.9 do not, 3.8.9 and 3.8.13 do).
 *
 * @param version The build's version text ("gnutls-cli 3.8.9") or number ("3.8.9").
 * @example
 * ```ts
 * import { hasWaitResumption } from "./cli_client.ts";
 * console.log(hasWaitResumption("gnutls-cli 3.7.9"), hasWaitResumption("3.8.13")); // false true
 * ```
 */
export function hasWaitResumption(version: string): boolean {
  const m = /(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 3 || (major === 3 && minor >= 8);
}

/**
 * Run `gnutls-cli` against a server and report what it says about each connection. Without
 * inline commands its stdin is at EOF from the start: it still completes the handshake, and with
 * `--resume` it reconnects and resumes (TLS 1.3 included: measured on every version against
 * s_server 1.1.1w/3.0.19/3.5.9), then exits 0 once the server closes. With inline resumes its
 * stdin stays open until the last reconnection completed, so each `^resume^` is read on its own.
 *
 * @throws {ProcessError} with its output when it runs past the deadline (it is killed).
 * @example
 * ```ts
 * import { runGnutlsCli } from "./cli_client.ts";
 * import { fetchedGnutls } from "./fetch.ts";
 * const [build] = await fetchedGnutls(`${Deno.env.get("HOME")}/.cache/tls-session-harness`);
 * const r = await runGnutlsCli(build.cli["gnutls-cli"], { port: 4433 }, {
 *   caFile: "ca.pem",
 *   resumeInProcess: true,
 * });
 * console.log(r.reused, r.evidence);
 * ```
 */
export async function runGnutlsCli(
  tool: ToolLaunch,
  target: GnutlsClientTarget,
  options: GnutlsClientOptions,
): Promise<GnutlsClientRun> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const inline = options.inlineResumes ?? 0;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  await using child = spawn(tool.command, {
    args: [...tool.args, ...gnutlsCliArgs(target, options)],
    env: tool.env,
    cwd: options.cwd,
    stdin: inline > 0,
  });
  if (inline > 0) {
    const completed = () =>
      child.stdoutLines.filter((l) => /^- (Resume )?Handshake was completed$/.test(l)).length;
    const first = options.resumeInProcess ? 2 : 1;
    for (let i = 0; i < inline; i++) {
      await child.waitForLine(() => completed() >= first + i, { timeoutMs, signal });
      await child.write("^resume^\n");
    }
    await child.waitForLine(() => completed() >= first + inline, { timeoutMs, signal });
    await child.closeStdin();
  }
  const result = await child.wait({ timeoutMs, signal });
  const output = parseCliOutput(result.stdout, result.stderr, `gnutls-cli:${target.port}`);
  const connections = output.connections;
  const last = connections.at(-1);
  return {
    handshake: result.code === 0 && connections.length > 0 &&
      connections.every((c) => c.handshake !== undefined),
    reused: connections.length > 1 && last?.resumed === true,
    evidence: connections.flatMap((c) => c.evidence),
    connections,
    output,
    code: result.code,
    command: child.command,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}
