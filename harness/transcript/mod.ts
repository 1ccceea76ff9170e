/**
 * Parsers for what OpenSSL's command-line tools print about sessions:
 *
 * - {@linkcode parseClientTranscript}: an `openssl s_client` transcript, one entry per
 *   connection (`-reconnect` makes several), with the `New,`/`Reused,` line, the verification
 *   result, the summary `SSL-Session:` block and every `Post-Handshake New Session Ticket
 *   arrived:` block in order.
 * - {@linkcode parseServerPage}: the page `openssl s_server -www` serves, with the server's own
 *   session block and its session cache counters.
 * - {@linkcode parseSessionBlock}: one `SSL-Session:` block, e.g. `openssl sess_id -text -noout`.
 * - {@linkcode parseMessageTrace}: the protocol messages `-msg` prints, grouped into handshakes
 *   (Certificate sent or not, `pre_shared_key` in the hellos, session ID echoed).
 * - {@linkcode decideResumption}: the one resumption verdict of a connection, from every signal
 *   it left; signals that disagree are a `ResumptionDisagreement`, never resolved silently.
 *
 * All are pure (text in, typed value out) and throw nothing but `SyntaxError`, whose message
 * starts with `file:line:`. They read the formats of OpenSSL 1.1.1, 3.0, 3.5, 3.6 and 4.0.
 *
 * @example
 * ```ts
 * import { parseClientTranscript } from "./mod.ts";
 * const text = [
 *   "CONNECTED(00000003)",
 *   "---",
 *   "Reused, TLSv1.2, Cipher is ECDHE-ECDSA-AES256-GCM-SHA384",
 *   "---",
 * ].join("\n");
 * const t = parseClientTranscript(text, { file: "client.txt" });
 * for (const c of t.connections) console.log(c.handshake?.reused, c.tickets.length); // true 0
 * ```
 * @module
 */
export {
  parseSessionBlock,
  type ParseSessionBlockOptions,
  type SessionBlock,
} from "./session_block.ts";
export * from "./client_transcript.ts";
export * from "./server_page.ts";
export * from "./hello_message.ts";
export * from "./message_trace.ts";
export * from "./resumption_verdict.ts";
export * from "./ticket_messages.ts";
