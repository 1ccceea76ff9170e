/**
 * What the FFI driver needs to run the session API on one BoringSSL family: its symbol map
 * (`symbols.ts`) and its driver options. BoringSSL keeps OpenSSL's constants (SSL_OP_NO_TICKET
 * 0x4000, the cache bits, the SSL_ERROR codes) and needs no initialiser; its TLS 1.3 server
 * holds its NewSessionTicket messages until its first write (`ssl_lib.cc`: tickets are flushed
 * with the next SSL_write; measured in `api_measure.ts`: 0 callbacks before the server writes).
 *
 * @example
 * ```ts
 * import { boringsslApi } from "./api.ts";
 * const { symbols, api } = boringsslApi("14");
 * console.log(symbols.SSL_CTX_ctrl, api.ticketsOnFirstWrite); // null true
 * ```
 * @module
 */
import type { FfiApiOptions } from "../../ffi/api_options.ts";
import { type BoringsslFamily, boringsslSymbols } from "./symbols.ts";
import type { SymbolMap } from "./_interface.ts";

/** The two halves of `FfiDriverStartOptions` an implementation supplies. */
export interface BoringsslApi {
  /** OpenSSL name → BoringSSL export. */
  symbols: SymbolMap;
  /** Constants, start calls, ticket behaviour. */
  api: FfiApiOptions;
}

/** The driver's view of one BoringSSL family. */
export function boringsslApi(family: BoringsslFamily): BoringsslApi {
  return {
    symbols: boringsslSymbols(family),
    // 10.0.0 has no SSL_CTX_set_num_tickets; its server sends two (measured: two new-session
    // callbacks per TLS 1.3 handshake, symbol_map_test.ts).
    api: {
      ticketsOnFirstWrite: true,
      setSessionBeforeHandshakeOnly: true,
      ...(family === "10" ? { fixedTickets: 2 } : {}),
    },
  };
}
