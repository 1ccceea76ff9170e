/**
 * The TLS 1.3 ticket on the wire, read from a `-msg` trace: the NewSessionTicket messages a
 * server sent (RFC 8446 §4.6.1) and the PSK identities a ClientHello offered (§4.2.11), so that
 * a session file's ticket can be matched to the message that carried it, and a resumption to
 * the ticket it offered. Pure.
 *
 * @module
 */
import { EXTENSION, type HelloMessage } from "./hello_message.ts";
import type { MessageTrace, TraceMessage } from "./message_trace.ts";
import { syntaxError } from "./_syntax_error.ts";

/** One NewSessionTicket message's fields. */
export interface NewSessionTicket {
  /** 1-based line of the message in its trace. */
  line: number;
  /** `ticket_lifetime`, seconds. */
  lifetime: number;
  /** `ticket_age_add`. */
  ageAdd: number;
  /** `ticket_nonce`. */
  nonce: Uint8Array;
  /** `ticket`: the opaque bytes a client offers back as its PSK identity. */
  ticket: Uint8Array;
}

/**
 * The NewSessionTicket messages the peer that printed `trace` sent (a server's trace), in order.
 *
 * @param file Named in errors.
 * @throws {SyntaxError} `file:line: …` when a message is shorter than its fields say.
 * @example
 * ```ts
 * import { parseMessageTrace, ticketsSent } from "./mod.ts";
 * const trace = parseMessageTrace(
 *   ">>> TLS 1.3, Handshake [length 0014], NewSessionTicket\n" +
 *     "    04 00 00 10 00 00 1c 20 00 00 00 07 01 aa 00 02\n    be ef 00 00\n",
 *   { side: "server" },
 * );
 * console.log(ticketsSent(trace)[0].ageAdd); // 7
 * ```
 */
export function ticketsSent(trace: MessageTrace, file = "<-msg trace>"): NewSessionTicket[] {
  return trace.messages
    .filter((m) => m.direction === "sent" && m.detail === "NewSessionTicket")
    .map((m) => parseNewSessionTicket(m, file));
}

function parseNewSessionTicket(m: TraceMessage, file: string): NewSessionTicket {
  const b = m.bytes;
  const fail = (what: string) =>
    syntaxError({ file, line: m.line }, `NewSessionTicket: ${what} (${b.length} bytes)`);
  // Handshake header (type 4, 3-byte length), lifetime (4), age_add (4), nonce<1>, ticket<2>.
  if (b.length < 13 || b[0] !== 4) throw fail("expected a handshake message of type 4");
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const nonceLength = b[12];
  const ticketAt = 13 + nonceLength;
  if (b.length < ticketAt + 2) throw fail("the nonce runs past the end");
  const ticketLength = view.getUint16(ticketAt);
  if (b.length < ticketAt + 2 + ticketLength) throw fail("the ticket runs past the end");
  return {
    line: m.line,
    lifetime: view.getUint32(4),
    ageAdd: view.getUint32(8),
    nonce: b.slice(13, ticketAt),
    ticket: b.slice(ticketAt + 2, ticketAt + 2 + ticketLength),
  };
}

/**
 * The PSK identities a ClientHello offered (`pre_shared_key`), in order; empty when it offered
 * none. A TLS 1.3 client resuming with a ticket offers that ticket as an identity.
 *
 * @throws {SyntaxError} when the extension's identities run past its end.
 * @example
 * ```ts
 * import { offeredPskIdentities } from "./mod.ts";
 * const hello = { extensionData: new Map([[41, new Uint8Array([0, 7, 0, 1, 0xaa, 0, 0, 0, 0])]]) };
 * console.log(offeredPskIdentities(hello)); // [ Uint8Array(1) [ 170 ] ]
 * ```
 */
export function offeredPskIdentities(hello: Pick<HelloMessage, "extensionData">): Uint8Array[] {
  const ext = hello.extensionData.get(EXTENSION.preSharedKey);
  if (!ext) return [];
  const view = new DataView(ext.buffer, ext.byteOffset, ext.byteLength);
  const fail = () =>
    new SyntaxError(`pre_shared_key: the identities run past the extension (${ext.length} bytes)`);
  if (ext.length < 2) throw fail();
  const end = 2 + view.getUint16(0);
  if (end > ext.length) throw fail();
  const out: Uint8Array[] = [];
  // Each identity: opaque identity<1..2^16-1>, uint32 obfuscated_ticket_age.
  for (let pos = 2; pos < end;) {
    if (pos + 2 > end) throw fail();
    const length = view.getUint16(pos);
    if (pos + 2 + length + 4 > end) throw fail();
    out.push(ext.slice(pos + 2, pos + 2 + length));
    pos += 2 + length + 4;
  }
  return out;
}
