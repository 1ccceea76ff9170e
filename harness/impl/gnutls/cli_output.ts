/** One connection `gnutls-cli` made, as its stdout tells it. */
export interface CliConnection {
  /** "host:port" from "Connecting to '…'...". */
  target: string;
  /**
   * True when "- Connecting again- trying to resume previous session" came before it: the
   * second connection of `--resume`, or one made by an inline `^resume^` command.
   */
  resumeAttempt: boolean;
  /**
   * "full" for "- Handshake was completed", "resume" for "- Resume Handshake was completed";
   * undefined when the handshake did not complete. Note that gnutls-cli prints the "Resume"
   * wording for every handshake made on a resume attempt, resumed or not.
   */
  handshake?: "full" | "resume";
  /** Whether "*** This is a resumed session" followed: the tool's own verdict. */
  resumed: boolean;
  /** "TLS1.3" from "- Description: (TLS1.3-X.509)-…". */
  version?: string;
  /** The description text. */
  description?: string;
  /** "- Session ID: AA:BB:…", when printed. */
  sessionId?: string;
  /** 1-based line number of its "Connecting to" line. */
  line: number;
  /** The lines that decided the fields above. */
  evidence: string[];
}

/** What {@linkcode parseCliOutput} reads. */
export interface CliOutput {
  /** Every connection, in order. */
  connections: CliConnection[];
  /** "*** Fatal error: …", "*** Handshake has failed", "Error …" lines (stdout and stderr). */
  errors: string[];
  /** True when it printed "- Peer has closed the GnuTLS connection". */
  peerClosed: boolean;
}

const CONNECTING = /^Connecting to '([^']*)'\.\.\.$/;

/**
 * Parse the stdout (and stderr, for errors) of `gnutls-cli [--resume] [--inline-commands]`.
 * Connections are split at each "Connecting to '…'..." line; the fields come from the lines
 * between one and the next. The wording is the same from 3.7.1 to 3.8.13; only the description
 * of a resumed TLS 1.3 handshake differs (3.7.1: "(TLS1.3-X.509)-(ECDHE-PSK-SECP256R1)-…",
 * later: "(TLS1.3-X.509)--(AES-256-GCM)").
 *
 * @param file Named in errors.
 * @throws {SyntaxError} naming the file and line for a "*** This is a resumed session" line
 * outside any connection (output from something that is not gnutls-cli).
 * @example
 * ```ts
 * import { parseCliOutput } from "./cli_output.ts";
 * const out = parseCliOutput(
 *   "Connecting to '127.0.0.1:4433'...\n- Description: (TLS1.3-X.509)--(AES-256-GCM)\n" +
 *     "- Resume Handshake was completed\n*** This is a resumed session\n",
 * );
 * console.log(out.connections[0].resumed); // true
 * ```
 */
export function parseCliOutput(stdout: string, stderr = "", file = "<gnutls-cli>"): CliOutput {
  const out: CliOutput = { connections: [], errors: [], peerClosed: false };
  let current: CliConnection | undefined;
  let again = false;
  for (const [i, raw] of stdout.split("\n").entries()) {
    const line = raw.trimEnd();
    if (line === "- Connecting again- trying to resume previous session") {
      again = true;
      continue;
    }
    const c = CONNECTING.exec(line);
    if (c) {
      current = {
        target: c[1],
        resumeAttempt: again,
        resumed: false,
        line: i + 1,
        evidence: again ? ["- Connecting again- trying to resume previous session", line] : [line],
      };
      again = false;
      out.connections.push(current);
      continue;
    }
    if (isError(line)) out.errors.push(line);
    if (line === "- Peer has closed the GnuTLS connection") out.peerClosed = true;
    if (line === "*** This is a resumed session") {
      if (!current) {
        throw new SyntaxError(`${file}:${i + 1}: "${line}" before any "Connecting to" line`);
      }
      current.resumed = true;
      current.evidence.push(line);
      continue;
    }
    if (!current) continue;
    if (line === "- Handshake was completed" || line === "- Resume Handshake was completed") {
      current.handshake = line.startsWith("- Resume") ? "resume" : "full";
      current.evidence.push(line);
      continue;
    }
    const d = /^- Description: (\((TLS[\d.]+|DTLS[\d.]+|SSL[\d.]+)-.*)$/.exec(line);
    if (d) {
      current.description = d[1];
      current.version = d[2];
      current.evidence.push(line);
      continue;
    }
    const s = /^- Session ID: ([0-9A-F:]+)/.exec(line);
    if (s) current.sessionId = s[1];
  }
  for (const raw of stderr.split("\n")) {
    const line = raw.trimEnd();
    if (isError(line)) out.errors.push(line);
  }
  return out;
}

function isError(line: string): boolean {
  return /^\*\*\* (Fatal error|Handshake has failed|.*error)/i.test(line) ||
    /^Error\b/.test(line) ||
    /^GnuTLS error:/.test(line);
}
