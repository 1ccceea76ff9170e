import { checkInputSize } from "../encoding/mod.ts";
import { readSessionBlock, type SessionBlock } from "./session_block.ts";
import { splitLines, syntaxError } from "./_syntax_error.ts";

/** The `New, …` / `Reused, …` line that `s_client` prints once a handshake is done. */
export interface HandshakeLine {
  /** 1-based line number. */
  line: number;
  /** `true` for `Reused,` (the session was resumed), `false` for `New,`. */
  reused: boolean;
  /**
   * The version printed after `New,`: `SSL_CIPHER_get_version()` of the cipher, which is the
   * protocol that introduced the cipher (`"SSLv3"` for `AES128-SHA` even over TLS 1.2), not
   * necessarily the negotiated protocol; see {@linkcode ClientConnection.protocol}.
   */
  version: string;
  /** The cipher name, e.g. `"TLS_AES_256_GCM_SHA384"`. */
  cipher: string;
}

/** What `s_client` says about renegotiation: `Secure Renegotiation IS supported` and kin. */
export type SecureRenegotiation = "supported" | "not supported" | "forbidden";

/** The verification summary line: `Verification: OK` or `Verification error: <text>`. */
export interface Verification {
  /** 1-based line number. */
  line: number;
  /** `true` for `Verification: OK`. */
  ok: boolean;
  /** The text after `Verification error:` (or after `Verification:` when it is not `OK`). */
  error?: string;
}

/**
 * One TLS connection in an `s_client` transcript: from its `CONNECTED(…)` line to the next one
 * (`-reconnect` makes several) or the end of the text.
 */
export interface ClientConnection {
  /** 0-based position in {@linkcode ClientTranscript.connections}. */
  index: number;
  /** 1-based line of `CONNECTED(…)`, or of the first line attributed to this connection. */
  line: number;
  /** What `CONNECTED(…)` holds (the socket, e.g. `"00000003"`); absent without that line. */
  connected?: string;
  /**
   * The `New,`/`Reused,` line when the handshake completed. `undefined` when there is no such
   * line, or when it reads `New, (NONE), Cipher is (NONE)` (what `s_client` prints after a
   * failed handshake; see {@linkcode ClientConnection.handshakeLine}).
   */
  handshake?: HandshakeLine;
  /** The `New,`/`Reused,` line as printed, including the `(NONE)` form of a failed handshake. */
  handshakeLine?: HandshakeLine;
  /** `Protocol: TLSv1.3` from the summary (newer versions), else the session block's protocol. */
  protocol?: string;
  /** `SSL handshake has read N bytes and written M bytes`. */
  handshakeBytes?: { read: number; written: number };
  /** `Verification: OK` / `Verification error: …`. */
  verification?: Verification;
  /** `Verify return code: N (text)` printed outside a session block (TLS 1.3 summaries). */
  verifyReturnCode?: number;
  /** Its text, e.g. `"ok"`. */
  verifyReturnText?: string;
  /** A `Certificate chain` section is present. */
  certificateChain: boolean;
  /** How many certificates the `Certificate chain` section lists (` 0 s:…` lines). */
  chainLength: number;
  /** A `Server certificate` section is present. */
  serverCertificate: boolean;
  /** `no peer certificate available` was printed. */
  noPeerCertificate: boolean;
  /** From `Secure Renegotiation IS [NOT] supported` / `This TLS version forbids renegotiation.` */
  secureRenegotiation?: SecureRenegotiation;
  /** `ALPN protocol: …`; absent for `No ALPN negotiated`. */
  alpn?: string;
  /** `Early data was not sent|accepted|rejected`: the last word. */
  earlyData?: string;
  /** `Server public key is N bit`. */
  serverPublicKeyBits?: number;
  /** `Server Temp Key: …` / `Peer Temp Key: …` text, e.g. `"X25519, 253 bits"`. */
  tempKey?: string;
  /** `Negotiated TLS1.3 group: …` (3.5 and later). */
  negotiatedGroup?: string;
  /** `ECH: …` status (4.0 and later), e.g. `"NOT CONFIGURED: -103"`. */
  ech?: string;
  /**
   * The `SSL-Session:` block printed in the handshake summary (TLS 1.2 and earlier, and failed
   * handshakes), not after a `Post-Handshake New Session Ticket arrived:` line.
   */
  summarySession?: SessionBlock;
  /** Every `Post-Handshake New Session Ticket arrived:` block, in order. */
  tickets: SessionBlock[];
  /**
   * Every session block of a completed handshake, in order: the summary block (if any) then
   * the tickets. Empty when {@linkcode ClientConnection.handshake} is `undefined`.
   */
  sessions: SessionBlock[];
  /** Error lines seen inside this connection's part of the text (`…:error:…`, `connect:errno=`). */
  errors: string[];
}

/** The parsed transcript. Most transcripts hold one connection; `-reconnect` gives several. */
export interface ClientTranscript {
  /** Every connection, in order. */
  connections: ClientConnection[];
  /** `connections[0]`, the usual case. */
  first?: ClientConnection;
  /** The last connection (the same as `first` without `-reconnect`). */
  last?: ClientConnection;
  /** `first.handshake`: `undefined` when the (first) handshake failed. */
  handshake?: HandshakeLine;
  /** `first.sessions` (empty when there is no connection or its handshake failed). */
  sessions: SessionBlock[];
  /** `first.tickets`. */
  tickets: SessionBlock[];
  /**
   * The last session block of a completed handshake in the whole transcript: what `-sess_out`
   * holds when `s_client` exits (it rewrites the file for every new session).
   */
  lastSession?: SessionBlock;
  /**
   * Every error line, in order: `…:error:…` lines (OpenSSL's error queue) and `connect:errno=…`
   * from the text, then from {@linkcode ParseClientTranscriptOptions.stderr}.
   */
  errors: string[];
  /** `verify error:num=…` lines from the verify callback (text, then stderr). */
  verifyErrors: string[];
}

/** Options for {@linkcode parseClientTranscript}. */
export interface ParseClientTranscriptOptions {
  /** File name used in error messages. @default {"<s_client transcript>"} */
  file?: string;
  /** Longest input accepted, in bytes: anything longer is refused at once. @default {1048576} */
  maxBytes?: number;
  /**
   * `s_client`'s stderr when it was captured apart from stdout: its error lines are added to
   * {@linkcode ClientTranscript.errors}. (A transcript captured with `2>&1` needs nothing here.)
   */
  stderr?: string;
}

const CONNECTED = /^CONNECTED\((.*)\)$/;
const HANDSHAKE = /^(New|Reused), (.+?), Cipher is (\S+)$/;
const BYTES = /^SSL handshake has read (\d{1,15}) bytes and written (\d{1,15}) bytes$/;
const VERIFY_CODE = /^Verify return code: (-?\d{1,10}) \((.*)\)$/;
const TICKET = "Post-Handshake New Session Ticket arrived:";

function errorLines(lines: readonly string[], into: string[], verify: string[]): void {
  for (const line of lines) {
    const t = line.trim();
    if (isErrorLine(t)) into.push(t);
    else if (t.startsWith("verify error:")) verify.push(t);
  }
}

function isErrorLine(trimmed: string): boolean {
  return trimmed.includes(":error:") || /^connect:errno=\d/.test(trimmed);
}

function newConnection(index: number, line: number): ClientConnection {
  return {
    index,
    line,
    certificateChain: false,
    chainLength: 0,
    serverCertificate: false,
    noPeerCertificate: false,
    tickets: [],
    sessions: [],
    errors: [],
  };
}

/**
 * Parse what `openssl s_client` printed (stdout, or stdout and stderr together): per
 * connection the `CONNECTED(…)` line, certificate sections, `SSL handshake has read …`, the
 * verification result, the `New,`/`Reused,` line, renegotiation and ALPN notes, the summary
 * `SSL-Session:` block and every `Post-Handshake New Session Ticket arrived:` block in order,
 * plus the error lines. Formats of OpenSSL 1.1.1 to 4.0 are read; lines it does not know are
 * skipped, but a session block is never skipped.
 *
 * A transcript without a handshake line is valid (a failed handshake): its `handshake` is
 * `undefined`, its `sessions` empty, and `errors` says what went wrong.
 *
 * @throws {SyntaxError} for empty text, a malformed session block (a required line missing,
 * bad hex, a damaged ticket dump), or a `Post-Handshake New Session Ticket arrived:` line not
 * followed by its block; the message names the file and line.
 *
 * @example
 * ```ts
 * import { parseClientTranscript } from "./mod.ts";
 * const t = parseClientTranscript(
 *   "CONNECTED(00000003)\n---\nNew, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\n---\n",
 *   { file: "client.txt" },
 * );
 * console.log(t.handshake?.reused, t.connections.length); // false 1
 * ```
 */
export function parseClientTranscript(
  text: string,
  options: ParseClientTranscriptOptions = {},
): ClientTranscript {
  const file = options.file ?? "<s_client transcript>";
  checkInputSize(text.length + (options.stderr?.length ?? 0), file, options.maxBytes);
  if (text.trim() === "") throw syntaxError({ file, line: 1 }, "empty transcript");
  const lines = splitLines(text);
  const connections: ClientConnection[] = [];
  const errors: string[] = [];
  const verifyErrors: string[] = [];
  let current: ClientConnection | undefined;
  let pendingTicket: number | undefined;
  let inChain = false;
  // After an HTTP status line the server's reply is application data until the next connection:
  // an `s_server -www` page holds a `New,` line and a session block of its own.
  let appData = false;
  const extraSummaries = new Map<ClientConnection, SessionBlock[]>();

  const open = (i: number): ClientConnection => {
    if (!current) {
      current = newConnection(connections.length, i + 1);
      connections.push(current);
    }
    return current;
  };
  const unfinishedTicket = (): SyntaxError =>
    syntaxError(
      { file, line: pendingTicket! + 1 },
      `expected an "SSL-Session:" block after ${JSON.stringify(TICKET)}`,
    );

  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === "") continue;
    if (inChain && /^\d+ s:/.test(t)) {
      current!.chainLength++;
      continue;
    }
    if (!/^[aiv]:/.test(t)) inChain = false;

    if (current && /^HTTP\/\d\.\d \d{3}\b/.test(t)) {
      appData = true;
      continue;
    }
    if (t === "SSL-Session:" && (!appData || pendingTicket !== undefined)) {
      const { block, end } = readSessionBlock(lines, i, file);
      const c = open(i);
      if (pendingTicket !== undefined) {
        c.tickets.push(block);
        pendingTicket = undefined;
      } else if (!c.summarySession) {
        c.summarySession = block;
      } else {
        // A second summary in one connection (a renegotiation's reprint): keep it in
        // `sessions`, but not among the tickets, whose count is compared with -num_tickets.
        const list = extraSummaries.get(c) ?? [];
        list.push(block);
        extraSummaries.set(c, list);
      }
      i = end - 1;
      continue;
    }
    if (isErrorLine(t)) {
      errors.push(t);
      current?.errors.push(t);
      continue;
    }
    if (t.startsWith("verify error:")) {
      verifyErrors.push(t);
      continue;
    }
    if (appData && t !== TICKET && !CONNECTED.test(t)) continue;
    if (t === TICKET) {
      if (pendingTicket !== undefined) throw unfinishedTicket();
      open(i);
      pendingTicket = i;
      continue;
    }
    const connected = CONNECTED.exec(t);
    if (connected) {
      if (pendingTicket !== undefined) throw unfinishedTicket();
      appData = false;
      current = newConnection(connections.length, i + 1);
      current.connected = connected[1];
      connections.push(current);
      continue;
    }
    const hs = HANDSHAKE.exec(t);
    if (hs) {
      if (current?.handshakeLine) {
        // Two summaries without a CONNECTED line between them: a transcript cut together.
        current = undefined;
      }
      const c = open(i);
      c.handshakeLine = {
        line: i + 1,
        reused: hs[1] === "Reused",
        version: hs[2],
        cipher: hs[3],
      };
      if (hs[3] !== "(NONE)") c.handshake = c.handshakeLine;
      continue;
    }
    const bytes = BYTES.exec(t);
    if (bytes) {
      open(i).handshakeBytes = { read: Number(bytes[1]), written: Number(bytes[2]) };
      continue;
    }
    if (t === "Verification: OK") {
      open(i).verification = { line: i + 1, ok: true };
      continue;
    }
    const verr = /^Verification(?: error)?: (.*)$/.exec(t);
    if (verr) {
      open(i).verification = { line: i + 1, ok: false, error: verr[1] };
      continue;
    }
    const vcode = VERIFY_CODE.exec(t);
    if (vcode) {
      const c = open(i);
      c.verifyReturnCode = Number(vcode[1]);
      c.verifyReturnText = vcode[2];
      continue;
    }
    if (t === "Certificate chain") {
      open(i).certificateChain = true;
      inChain = true;
      continue;
    }
    if (t === "Server certificate") {
      open(i).serverCertificate = true;
      continue;
    }
    if (t === "no peer certificate available") {
      open(i).noPeerCertificate = true;
      continue;
    }
    if (t === "Secure Renegotiation IS supported") {
      open(i).secureRenegotiation = "supported";
      continue;
    }
    if (t === "Secure Renegotiation IS NOT supported") {
      open(i).secureRenegotiation = "not supported";
      continue;
    }
    if (/^This TLS version forbids renegotiation\.?$/.test(t)) {
      open(i).secureRenegotiation = "forbidden";
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^Protocol: (\S+)$/.exec(t)) && current) {
      current.protocol = m[1];
      continue;
    }
    if ((m = /^ALPN protocol: (.*)$/.exec(t)) && current) {
      current.alpn = m[1];
      continue;
    }
    if ((m = /^Early data was (.+?)\.?$/.exec(t)) && current) {
      current.earlyData = m[1];
      continue;
    }
    if ((m = /^Server public key is (\d{1,9}) bit$/.exec(t)) && current) {
      current.serverPublicKeyBits = Number(m[1]);
      continue;
    }
    if ((m = /^(?:Server|Peer) Temp Key: (.*)$/.exec(t)) && current) {
      current.tempKey = m[1];
      continue;
    }
    if ((m = /^Negotiated TLS1\.3 group: (.*)$/.exec(t)) && current) {
      current.negotiatedGroup = m[1];
      continue;
    }
    if ((m = /^ECH: (.*)$/.exec(t)) && current) {
      current.ech = m[1];
      continue;
    }
    // Anything else (certificate PEM, DN lines, application data, "read R BLOCK", …) is
    // skipped on purpose: the parser must survive lines it does not know.
  }
  if (pendingTicket !== undefined) throw unfinishedTicket();

  for (const c of connections) {
    // TLS 1.3 cipher suites exist in TLS 1.3 only, so there the handshake line's version is the
    // protocol; for older suites it names the suite's origin ("SSLv3"), not the protocol.
    c.protocol ??= c.summarySession?.protocol ?? c.tickets[0]?.protocol ??
      (c.handshakeLine?.version === "TLSv1.3" ? "TLSv1.3" : undefined);
    if (c.handshake) {
      c.sessions = [
        ...(c.summarySession ? [c.summarySession] : []),
        ...(extraSummaries.get(c) ?? []),
        ...c.tickets,
      ].sort((a, b) => a.line - b.line);
    }
  }
  if (options.stderr !== undefined) errorLines(splitLines(options.stderr), errors, verifyErrors);

  const first = connections[0];
  const last = connections[connections.length - 1];
  const all = connections.flatMap((c) => c.sessions);
  const result: ClientTranscript = {
    connections,
    first,
    last,
    handshake: first?.handshake,
    sessions: first?.sessions ?? [],
    tickets: first?.tickets ?? [],
    lastSession: all[all.length - 1],
    errors,
    verifyErrors,
  };
  for (const k of ["first", "last", "handshake", "lastSession"] as const) {
    if (result[k] === undefined) delete result[k];
  }
  return result;
}
