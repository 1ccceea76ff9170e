/**
 * What the FFI driver needs to run the session API on one wolfSSL family: its symbol map
 * (`symbols.ts`), `wolfSSL_Init` before the ex_data index is registered, frees seen through
 * wolfSSL's free function (`FREE_OBSERVATION`), and the constants whose values differ from
 * OpenSSL's (`WOLFSSL_CONSTANTS`: SSL_OP_NO_TICKET is 1 << 19).
 *
 * @example
 * ```ts
 * import { wolfsslApi } from "./api.ts";
 * console.log(wolfsslApi("5.7").api.allocatorFrees); // true
 * ```
 * @module
 */
import type { FfiApiOptions } from "../../ffi/api_options.ts";
import {
  FREE_OBSERVATION,
  type SymbolMap,
  WOLFSSL_CONSTANTS,
  WOLFSSL_INIT,
  type WolfsslFamily,
  wolfsslSymbolMap,
} from "./symbols.ts";

/** The two halves of `FfiDriverStartOptions` an implementation supplies. */
export interface WolfsslApi {
  /** OpenSSL name → wolfSSL export. */
  symbols: SymbolMap;
  /** Constants, start calls. */
  api: FfiApiOptions;
}

/** The driver's view of one wolfSSL family. */
export function wolfsslApi(family: WolfsslFamily): WolfsslApi {
  return {
    symbols: wolfsslSymbolMap(family),
    api: {
      constants: {
        SSL_OP_NO_TICKET: Number(WOLFSSL_CONSTANTS[family].SSL_OP_NO_TICKET),
        SSL_SESS_CACHE_NO_AUTO_CLEAR: WOLFSSL_CONSTANTS[family].SSL_SESS_CACHE_NO_AUTO_CLEAR,
      },
      init: WOLFSSL_INIT.map((c) => c.call),
      allocatorFrees: FREE_OBSERVATION[family] === "allocator-free",
      // 4.6.0 has no wolfSSL_CTX_set_num_tickets and sends one ticket (symbols.ts).
      ...(family === "4.6" ? { fixedTickets: 1 } : {}),
    },
  };
}
