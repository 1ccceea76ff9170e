import type { ClientConnection } from "./client_transcript.ts";
import type { TraceHandshake } from "./message_trace.ts";

/** What one independent signal says about a handshake. */
export interface ResumptionSignal {
  /** Which signal, e.g. `"s_client -msg: ServerHello"`. */
  name: string;
  /** `true`: the session was resumed (abbreviated handshake); `false`: a full handshake. */
  resumed: boolean;
  /** What was seen, with the line where it helps: `"\"Reused,\" (line 40)"`. */
  evidence: string;
}

/** The one resumption verdict of a connection, with the signals it rests on (all agreeing). */
export interface ResumptionVerdict {
  /** The session was resumed. */
  reused: boolean;
  /** Every signal that was available, in the order of {@linkcode ResumptionEvidence}. */
  signals: ResumptionSignal[];
}

/** Everything a connection left that says whether it resumed; absent parts give no signal. */
export interface ResumptionEvidence {
  /** The `s_client` transcript's connection (its `New,`/`Reused,` line and certificate chain). */
  connection: ClientConnection;
  /** The same handshake in `s_client -msg`. */
  trace?: TraceHandshake;
  /** The same handshake in `s_server -msg`. */
  serverTrace?: TraceHandshake;
  /** What `s_server` printed for this connection (without `-quiet`/`-www`). */
  serverLines?: readonly string[];
  /** The `s_server -www` page's `Reused,`/`New,` line. */
  page?: { reused?: boolean };
}

/** Signals that disagree on whether a handshake resumed: never resolved silently. */
export class ResumptionDisagreement extends Error {
  /** Every signal, as {@linkcode resumptionSignals} gave them. */
  readonly signals: readonly ResumptionSignal[];
  /** `signals` is what each one said; the message lists them all. */
  constructor(signals: readonly ResumptionSignal[]) {
    super(
      "Resumption signals disagree: " +
        signals.map((s) => `${s.name} says ${s.resumed ? "resumed" : "full"} (${s.evidence})`)
          .join("; "),
    );
    this.name = "ResumptionDisagreement";
    this.signals = signals;
  }
}

function traceSignals(who: string, h: TraceHandshake): ResumptionSignal[] {
  const out: ResumptionSignal[] = [{
    name: `${who}: Certificate message`,
    resumed: !h.serverCertificate,
    evidence: h.serverCertificate
      ? "the server sent a Certificate message"
      : "no Certificate message from the server",
  }];
  if (h.serverHello && h.version !== undefined) {
    const tls13 = h.version >= 0x0304;
    const resumed = tls13 ? h.pskAccepted : h.sessionIdEchoed;
    out.push({
      name: `${who}: ServerHello`,
      resumed,
      evidence: tls13
        ? `TLS 1.3 ServerHello ${resumed ? "with" : "without"} pre_shared_key` +
          ` (ClientHello ${h.pskOffered ? "offered" : "did not offer"} one)`
        : `TLS 1.2 ServerHello ${resumed ? "echoes" : "does not echo"} the ClientHello's` +
          ` session ID (${h.clientHello.sessionId.length} byte(s) offered` +
          `${h.ticketOffered ? ", with a ticket" : ""})`,
    });
  }
  return out;
}

/**
 * What `s_server`'s stdout lines for one connection say: it prints its connection summary
 * (ending in "CIPHER is …") for every handshake, and "Reused session-id" after it only for a
 * resumed one. Undefined when the lines hold no summary (no handshake, or a quiet server).
 *
 * @example
 * ```ts
 * import { serverLinesSignal } from "./mod.ts";
 * console.log(serverLinesSignal(["CIPHER is X", "Reused session-id"])?.resumed); // true
 * ```
 */
export function serverLinesSignal(lines: readonly string[]): ResumptionSignal | undefined {
  if (!lines.some((l) => l.startsWith("CIPHER is "))) return undefined;
  const reused = lines.includes("Reused session-id");
  return {
    name: "s_server's connection lines",
    resumed: reused,
    evidence: reused ? `"Reused session-id"` : `"CIPHER is …" without "Reused session-id"`,
  };
}

/**
 * Every signal the evidence holds, each read on its own: `s_client`'s `New,`/`Reused,` line;
 * whether it printed a certificate chain (a resumed handshake carries no certificate); in a
 * `-msg` trace (client's or server's), whether the server sent a Certificate message and what
 * its ServerHello says (TLS 1.3: `pre_shared_key` present; TLS 1.2: the session ID echoed);
 * `s_server`'s `Reused session-id` line; the `-www` page's own line.
 *
 * @example
 * ```ts
 * import { parseClientTranscript, resumptionSignals } from "./mod.ts";
 * const t = parseClientTranscript("CONNECTED(00000003)\nNew, TLSv1.3, Cipher is X\n");
 * console.log(resumptionSignals({ connection: t.first! }).map((s) => s.resumed)); // [ false, false ]
 * ```
 */
export function resumptionSignals(evidence: ResumptionEvidence): ResumptionSignal[] {
  const c = evidence.connection;
  const signals: ResumptionSignal[] = [];
  if (c.handshake) {
    signals.push({
      name: "s_client's handshake line",
      resumed: c.handshake.reused,
      evidence: `"${c.handshake.reused ? "Reused" : "New"}," (line ${c.handshake.line})`,
    });
  }
  signals.push({
    name: "s_client's certificate chain",
    resumed: !c.certificateChain,
    evidence: c.certificateChain
      ? `"Certificate chain" with ${c.chainLength} certificate(s)`
      : `no "Certificate chain" section`,
  });
  if (evidence.trace) signals.push(...traceSignals("s_client -msg", evidence.trace));
  if (evidence.serverTrace) signals.push(...traceSignals("s_server -msg", evidence.serverTrace));
  const fromLines = serverLinesSignal(evidence.serverLines ?? []);
  if (fromLines) signals.push(fromLines);
  if (evidence.page?.reused !== undefined) {
    signals.push({
      name: "s_server -www page",
      resumed: evidence.page.reused,
      evidence: `"${evidence.page.reused ? "Reused" : "New"}," on the page`,
    });
  }
  return signals;
}

/**
 * The resumption verdict of one completed handshake: what its signals say, when they all say
 * the same.
 *
 * @throws {ResumptionDisagreement} when the signals disagree; its message names each signal
 * and what it said.
 * @throws {TypeError} when the connection has no completed handshake (nothing to decide).
 *
 * @example
 * ```ts
 * import { decideResumption, parseClientTranscript } from "./mod.ts";
 * const t = parseClientTranscript("CONNECTED(00000003)\nReused, TLSv1.3, Cipher is X\n");
 * console.log(decideResumption({ connection: t.first! }).reused); // true
 * ```
 */
export function decideResumption(evidence: ResumptionEvidence): ResumptionVerdict {
  if (!evidence.connection.handshake) {
    throw new TypeError(
      `No resumption verdict for connection ${evidence.connection.index}: no completed handshake`,
    );
  }
  const signals = resumptionSignals(evidence);
  if (signals.some((s) => s.resumed !== signals[0].resumed)) {
    throw new ResumptionDisagreement(signals);
  }
  return { reused: signals[0].resumed, signals };
}
