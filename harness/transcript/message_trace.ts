import { checkInputSize } from "../encoding/mod.ts";
import { EXTENSION, type HelloMessage, parseHelloMessage } from "./hello_message.ts";
import { quote, splitLines, syntaxError } from "./_syntax_error.ts";

/** One protocol message that `-msg` printed: `>>> TLS 1.3, Handshake [length 00ee], ClientHello`. */
export interface TraceMessage {
  /** 1-based line of the `>>>`/`<<<` line. */
  line: number;
  /** `>>>` is sent by the peer that printed the trace, `<<<` received by it. */
  direction: "sent" | "received";
  /** The version as printed (`"TLS 1.3"`; 1.1.1 prints `"???"` for record headers). */
  version: string;
  /** `"Handshake"`, `"ChangeCipherSpec"`, `"Alert"`, `"RecordHeader"`, `"InnerContent"`, or `""`. */
  contentType: string;
  /** What follows the length: the handshake type (`"ClientHello"`) or the alert (`"warning close_notify"`). */
  detail: string;
  /** The dumped bytes (as many as the printed length). */
  bytes: Uint8Array;
}

/** One handshake as a trace shows it, from the point of view of the peer that printed it. */
export interface TraceHandshake {
  /** 1-based line of its (first) ClientHello. */
  line: number;
  /** The ClientHello (after a HelloRetryRequest: the second one). */
  clientHello: HelloMessage;
  /** The ServerHello that ended the hello exchange (absent if the handshake stopped before). */
  serverHello?: HelloMessage;
  /** The server asked for another ClientHello (HelloRetryRequest). */
  helloRetry: boolean;
  /** The protocol: `0x0304` for TLS 1.3, `0x0303` for TLS 1.2 (from the ServerHello). */
  version?: number;
  /** The server sent a Certificate message: a full handshake (both TLS 1.2 and 1.3). */
  serverCertificate: boolean;
  /** The ClientHello offered a TLS 1.3 PSK (`pre_shared_key`): a ticket to resume. */
  pskOffered: boolean;
  /** The ServerHello carries `pre_shared_key`: the server accepted the TLS 1.3 PSK. */
  pskAccepted: boolean;
  /** The ClientHello carried `early_data`. */
  earlyDataOffered: boolean;
  /** The ClientHello's `session_ticket` extension was non-empty (a TLS 1.2 ticket offered). */
  ticketOffered: boolean;
  /**
   * TLS 1.2: the ServerHello echoed the ClientHello's non-empty session ID, which is how a TLS
   * 1.2 server accepts a session (by ID or by ticket, RFC 5077 §3.4). Always false for TLS 1.3
   * (its echo is the middlebox-compatibility ID, not a resumption).
   */
  sessionIdEchoed: boolean;
  /** NewSessionTicket messages the server sent in this handshake and after it. */
  newSessionTickets: number;
}

/** The parsed `-msg` output of one `s_client` or `s_server` process. */
export interface MessageTrace {
  /** Every message, in order. */
  messages: TraceMessage[];
  /** The handshakes, in order: each starts at a ClientHello (a second one after a HelloRetryRequest belongs to the same). */
  handshakes: TraceHandshake[];
}

/** Options for {@linkcode parseMessageTrace}. */
export interface ParseMessageTraceOptions {
  /** File name used in error messages. @default {"<-msg trace>"} */
  file?: string;
  /** Which peer printed it: the server's messages are `<<<` for a client, `>>>` for a server. */
  side: "client" | "server";
  /** Longest input accepted, in bytes. @default {1048576} */
  maxBytes?: number;
}

const HEADER = /^(>>>|<<<) (.*?) \[length ([0-9a-fA-F]{1,8})\](?:, (.*))?$/;
const HEX_ROW = /^ {4}[0-9a-f]{2}(?: [0-9a-f]{2}){0,15}\s*$/;

/**
 * Parse the protocol messages that `openssl s_client -msg` or `s_server -msg` prints among its
 * other output (every other line is skipped), and group them into handshakes.
 *
 * @throws {SyntaxError} when a message's hex dump holds fewer or more bytes than its printed
 * length, or a ClientHello/ServerHello cannot be read; the message names the file and line.
 *
 * @example
 * ```ts
 * import { parseMessageTrace } from "./mod.ts";
 * const trace = parseMessageTrace(
 *   ">>> TLS 1.3, Alert [length 0002], warning close_notify\n    01 00\n",
 *   { side: "client", file: "client.txt" },
 * );
 * console.log(trace.messages[0].detail, trace.handshakes.length); // "warning close_notify" 0
 * ```
 */
export function parseMessageTrace(text: string, options: ParseMessageTraceOptions): MessageTrace {
  const file = options.file ?? "<-msg trace>";
  checkInputSize(text.length, file, options.maxBytes);
  const lines = splitLines(text);
  const messages: TraceMessage[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = HEADER.exec(lines[i]);
    if (!m) continue;
    const [version, contentType = ""] = m[2].split(", ");
    const length = parseInt(m[3], 16);
    const line = i + 1;
    const bytes: number[] = [];
    while (i + 1 < lines.length && HEX_ROW.test(lines[i + 1]) && bytes.length < length) {
      for (const b of lines[++i].trim().split(" ")) bytes.push(parseInt(b, 16));
    }
    if (bytes.length !== length) {
      throw syntaxError(
        { file, line: i + 1 },
        `${quote(m[0])} has length ${length} but its dump holds ${bytes.length} byte(s)`,
      );
    }
    messages.push({
      line,
      direction: m[1] === ">>>" ? "sent" : "received",
      version,
      contentType,
      detail: m[4] ?? "",
      bytes: new Uint8Array(bytes),
    });
  }
  return { messages, handshakes: groupHandshakes(messages, file, options.side) };
}

function groupHandshakes(
  messages: TraceMessage[],
  file: string,
  side: "client" | "server",
): TraceHandshake[] {
  const fromServer = side === "client" ? "received" : "sent";
  const handshakes: TraceHandshake[] = [];
  let current: TraceHandshake | undefined;
  const hello = (m: TraceMessage): HelloMessage => {
    try {
      return parseHelloMessage(m.bytes, `${file}:${m.line}: ${m.detail}`);
    } catch (e) {
      throw e instanceof SyntaxError ? e : syntaxError({ file, line: m.line }, String(e));
    }
  };
  for (const m of messages) {
    if (m.contentType !== "Handshake") continue;
    const serverSent = m.direction === fromServer;
    if (m.detail === "ClientHello" && !serverSent) {
      const ch = hello(m);
      if (current?.helloRetry && current.serverHello === undefined) {
        current.clientHello = ch;
      } else {
        current = {
          line: m.line,
          clientHello: ch,
          helloRetry: false,
          serverCertificate: false,
          pskOffered: false,
          pskAccepted: false,
          earlyDataOffered: false,
          ticketOffered: false,
          sessionIdEchoed: false,
          newSessionTickets: 0,
        };
        handshakes.push(current);
      }
      current.pskOffered = ch.extensions.includes(EXTENSION.preSharedKey);
      current.earlyDataOffered = ch.extensions.includes(EXTENSION.earlyData);
      current.ticketOffered = (ch.extensionData.get(EXTENSION.sessionTicket)?.length ?? 0) > 0;
      continue;
    }
    if (!current || !serverSent) continue;
    if (m.detail === "ServerHello" || m.detail === "HelloRetryRequest") {
      const sh = hello(m);
      if (sh.helloRetryRequest) {
        current.helloRetry = true;
        continue;
      }
      current.serverHello = sh;
      current.version = sh.version;
      current.pskAccepted = sh.extensions.includes(EXTENSION.preSharedKey);
      const ids = [current.clientHello.sessionId, sh.sessionId];
      current.sessionIdEchoed = sh.version < 0x0304 && ids[0].length > 0 &&
        ids[0].length === ids[1].length && ids[0].every((b, k) => b === ids[1][k]);
    } else if (m.detail === "Certificate") {
      current.serverCertificate = true;
    } else if (m.detail === "NewSessionTicket") {
      current.newSessionTickets++;
    }
  }
  return handshakes;
}
