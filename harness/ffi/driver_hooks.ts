/**
 * The seams a mutant can alter. Most mutants replace a libssl function as the ops see it
 * (`symbols`, applied by `libssl_patch.ts`); the few behaviours that are not one libssl function
 * (which session get_session reports, whether the new-session callback reaches the driver,
 * whether tickets are read) are hooks that the ops call at exactly that point, each given the
 * real behaviour to call or skip. {@linkcode REAL_HOOKS} is the real driver.
 *
 * @example
 * ```ts ignore
 * import { REAL_HOOKS } from "./driver_hooks.ts";
 * console.log(REAL_HOOKS.newSessionCallback(undefined, () => 1));
 * ```
 * @module
 */

import type { FfiOpResult, Handle, SessionRef } from "./protocol.ts";
import type { Libssl } from "./libssl.ts";
import type { HandleTable } from "./handle_table.ts";
import type { SymbolPatches } from "./libssl_patch.ts";
import type { SslEntry, TcpState } from "./driver_state.ts";

/** Which function `get_session` calls. */
export type GetVariant = "get" | "get0" | "get1";

/** Driver behaviours a mutant may replace; each receives the real behaviour as `real`. */
export interface DriverHooks {
  /**
   * libssl invoked the new-session callback for `ssl` (undefined for an SSL the driver did not
   * create); `real` records the call and returns what the callback returns to libssl.
   */
  newSessionCallback(ssl: SslEntry | undefined, real: () => number): number;
  /**
   * The session `get_session` hands back instead of the SSL's current one (`current`, already
   * counted as the variant counts it), or null for the current one.
   */
  substituteSession(ssl: SslEntry, variant: GetVariant, current: SessionRef): Handle | null;
  /** `session_new`'s answer; `real` calls SSL_SESSION_new. */
  sessionNew(real: () => SessionRef): SessionRef;
  /** The client processes post-handshake messages in memory (`read_tickets`). */
  readTickets(
    ssl: SslEntry,
    real: () => FfiOpResult<"read_tickets">,
  ): FfiOpResult<"read_tickets">;
  /** The client reads from its TCP peer (`read_tcp`), its arguments already checked. */
  readTcp(
    ssl: SslEntry,
    tcp: TcpState,
    real: () => Promise<FfiOpResult<"read_tcp">>,
  ): Promise<FfiOpResult<"read_tcp">>;
}

/** The real driver: every hook runs the real behaviour. */
export const REAL_HOOKS: DriverHooks = {
  newSessionCallback: (_ssl, real) => real(),
  substituteSession: () => null,
  sessionNew: (real) => real(),
  readTickets: (_ssl, real) => real(),
  readTcp: (_ssl, _tcp, real) => real(),
};

/** What a mutant's override sees of the driver: the real libssl and the driver's handles. */
export interface MutantScope {
  /** The real libssl (a mutant builds its replacement from it). */
  lib: Libssl;
  /** The driver's handles (peek, isAlive). */
  handles: HandleTable;
  /** The driver's SSL at this pointer, if it created it. */
  sslAt(ssl: Deno.PointerValue): SslEntry | undefined;
  /** The live session handle this pointer is tagged with, or null. */
  sessionAt(session: Deno.PointerValue): Handle | null;
}

/** What one mutant changes: libssl functions, driver hooks, or both. */
export interface MutantOverride {
  /** libssl functions replaced as the ops call them. */
  symbols?: SymbolPatches;
  /** Driver behaviours replaced. */
  hooks?: Partial<DriverHooks>;
}
