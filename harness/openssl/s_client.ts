import { type ChildProcess, ProcessError, type ProcessResult } from "../process/mod.ts";
import {
  type ClientTranscript,
  decideResumption,
  type MessageTrace,
  parseClientTranscript,
  parseMessageTrace,
  parseServerPage,
  type ResumptionVerdict,
  type ServerPage,
  type TraceHandshake,
} from "../transcript/mod.ts";
import { readSessionFile, type SslSession } from "../session/mod.ts";
import type { OpensslBuild } from "./build.ts";
import { sClientArgs, type SClientOptions } from "./peer_options.ts";
import type { PeerHost } from "./peer_host.ts";
import { spawnOpenssl } from "./spawn_openssl.ts";

/**
 * A server a client step can talk to: it knows its port and how to make sure the client has
 * read everything the server sent after the handshake (TLS 1.3 tickets come after it).
 */
export interface ClientTarget {
  /** Port on 127.0.0.1. */
  readonly port: number;
  /** Stdout lines so far, as a mark (servers that print per-connection lines). */
  readonly mark?: number;
  /** Server stdout lines since a mark. */
  linesSince?(mark: number): string[];
  /** The server prints its `-msg` trace in those lines. */
  readonly msg?: boolean;
  /**
   * Called once the client printed its handshake line; resolves when the client has read every
   * post-handshake message (TLS 1.3 tickets), and says who ends the connection.
   */
  awaitPostHandshake(client: ChildProcess, host: PeerHost): Promise<PostHandshake>;
}

/** What {@linkcode ClientTarget.awaitPostHandshake} found once the client had read everything. */
export interface PostHandshake {
  /**
   * The server closes the connection itself (a `-www` server after its status page), so the
   * client must not close its stdin first.
   */
  serverCloses: boolean;
}

/** What a client step gives back: the parsed transcript and the session file, if any. */
export interface ClientRun {
  /** The exact command line (for repro). */
  command: string;
  /** Exit status and raw output. */
  result: ProcessResult;
  /** The parsed s_client transcript. */
  transcript: ClientTranscript;
  /**
   * True when the handshake completed: "New,"/"Reused," was printed and application data then
   * got through (the barrier, or the -www page).
   */
  handshake: boolean;
  /**
   * Whether the session was resumed (true) or the handshake was full (false): the
   * {@linkcode ClientRun.resumption} verdict; undefined unless the handshake completed.
   */
  reused?: boolean;
  /**
   * The one resumption verdict, with every signal it rests on ("New,"/"Reused,", the certificate
   * chain, the `-msg` traces, the server's lines or page); undefined without a handshake. When
   * the signals disagree the step throws a `ResumptionDisagreement` naming each one. Undefined
   * unless the handshake completed.
   */
  resumption?: ResumptionVerdict;
  /** The `-msg` trace, when `s_client` printed one. */
  trace?: MessageTrace;
  /** This connection's handshake in the server's `-msg` trace, when the server prints one. */
  serverTrace?: TraceHandshake;
  /** Absolute path of the `-sess_out` file, when one was asked for. */
  sessionFile?: string;
  /** What the `-sess_out` file is after the step: absent, empty, or holding a session. */
  sessionFileState?: "absent" | "empty" | "present";
  /** The decoded session from the `-sess_out` file, when present. */
  session?: SslSession;
  /** Lines the server printed while this client was connected (s_server peers). */
  serverLines: string[];
  /** The status page an `s_server -www` answered with, parsed. */
  page?: ServerPage;
}

/** Extra options for one client step. */
export interface SClientRunOptions extends SClientOptions {
  /**
   * How the connection ends: "clean" closes stdin (s_client sends close_notify); "kill" sends
   * SIGKILL and "term" SIGTERM once the post-handshake messages were read (s_client has no
   * SIGTERM handler: both are unclean ends, no close_notify). @default {"clean"; "term" with
   * `quiet`, which ignores the end of its stdin}
   */
  close?: "clean" | "kill" | "term";
}

/**
 * Run one `s_client` connection against a target and collect what it saw. stdin is kept open
 * until the target's barrier shows the client read every ticket, because `s_client` at stdin
 * EOF may close before TLS 1.3 tickets arrive.
 */
export async function runSClient(
  build: OpensslBuild,
  host: PeerHost,
  target: ClientTarget,
  options: SClientRunOptions = {},
): Promise<ClientRun> {
  const abs = (f?: string) =>
    f === undefined ? undefined : f.startsWith("/") ? f : `${host.dir}/${f}`;
  const sessionFile = abs(options.sessOut);
  const args = sClientArgs(options, {
    port: target.port,
    caFile: options.caFile ?? host.pki.caCert,
    sessOut: sessionFile,
    sessIn: abs(options.sessIn),
  });
  const mark = target.mark ?? 0;
  const child = spawnOpenssl(build, args, { stdin: true, cwd: host.dir, signal: host.signal });
  const close = options.close ?? (options.quiet ? "term" : "clean");
  host.track(child, "s_client", { launch: build.launch, args, close });
  let result: ProcessResult;
  let completed = false;
  try {
    let handshake = true;
    // -quiet prints no handshake line: only the barrier (data getting through) tells.
    if (!options.quiet) {
      try {
        // A failed handshake prints "New, (NONE), Cipher is (NONE)": not a handshake.
        await child.waitForLine(/^(New|Reused), (?!\(NONE\))/, {
          timeoutMs: host.stepTimeoutMs,
          signal: host.signal,
        });
      } catch (e) {
        if (!child.exited) throw e;
        handshake = false; // it exited first: a failed handshake, judged from the transcript
      }
    }
    // The handshake line alone does not prove a handshake: a TLS 1.3 client that rejects the
    // certificate still prints "New, TLSv1.3, …". Data getting through (the barrier) does.
    let serverCloses = false;
    if (handshake) {
      try {
        ({ serverCloses } = await target.awaitPostHandshake(child, host));
      } catch (e) {
        if (!child.exited) throw e;
        handshake = false;
      }
    }
    completed = handshake;
    if (close !== "clean") {
      result = await child.sendSignal(close === "kill" ? "SIGKILL" : "SIGTERM");
    } else {
      if (!serverCloses) await child.closeStdin();
      result = await child.wait({ timeoutMs: host.stepTimeoutMs, signal: host.signal });
    }
  } finally {
    await child.kill();
  }
  if (result.signal && !result.killed) {
    // A signal the harness did not send (SIGSEGV, SIGABRT…): a crash, never a verdict about
    // sessions, whatever the transcript holds so far.
    const err = result.stderr.trim().split("\n").slice(-2).join(" / ");
    throw new ProcessError(
      `s_client crashed (killed by ${result.signal})${err ? `: ${err}` : ""}: ${child.command}`,
      { command: child.command, code: result.code, stdout: result.stdout, stderr: result.stderr },
    );
  }
  if (result.stdout.trim() === "") {
    // Nothing to judge: s_client gave up before connecting (a bad option, an unreadable -sess_in).
    throw new ProcessError(
      `s_client printed nothing (${result.signal ?? `exit code ${result.code}`}): ` +
        `${result.stderr.trim() ? `${result.stderr.trim().split("\n")[0]}: ` : ""}${child.command}`,
      { command: child.command, code: result.code, stdout: result.stdout, stderr: result.stderr },
    );
  }
  const transcript = parseClientTranscript(result.stdout, { file: "s_client stdout" });
  const run: ClientRun = {
    command: child.command,
    result,
    transcript,
    handshake: completed,
    serverLines: target.linesSince?.(mark) ?? [],
  };
  const pageStart = result.stdout.search(/^HTTP\/1\.[01] 200/m);
  if (pageStart >= 0) {
    run.page = parseServerPage(result.stdout.slice(pageStart), { file: "s_server -www page" });
  }
  if (args.includes("-msg")) {
    run.trace = parseMessageTrace(result.stdout, { side: "client", file: "s_client stdout" });
  }
  if (target.msg) {
    run.serverTrace = parseMessageTrace(run.serverLines.join("\n"), {
      side: "server",
      file: "s_server stdout",
    }).handshakes[0];
  }
  // Only a completed handshake has a verdict: a TLS 1.3 client that rejects the certificate
  // still prints "New," but no chain, which would read as a disagreement.
  if (completed && transcript.first?.handshake) {
    run.resumption = decideResumption({
      connection: transcript.first,
      trace: run.trace?.handshakes[0],
      serverTrace: run.serverTrace,
      serverLines: run.page ? undefined : run.serverLines,
      page: run.page,
    });
    run.reused = run.resumption.reused;
  }
  if (sessionFile) {
    run.sessionFile = sessionFile;
    run.sessionFileState = await fileState(sessionFile);
    if (run.sessionFileState === "present") run.session = await readSessionFile(sessionFile);
  }
  return run;
}

async function fileState(path: string): Promise<"absent" | "empty" | "present"> {
  try {
    const st = await Deno.stat(path);
    return st.size === 0 ? "empty" : "present";
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "absent";
    throw e;
  }
}
