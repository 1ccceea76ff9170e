/**
 * `SSL_CTX_ctrl(ctx, cmd, larg, NULL)` as each implementation spells it: the macros behind
 * several OpenSSL "functions" are real functions elsewhere (BoringSSL has no `SSL_CTX_ctrl`;
 * wolfSSL's ignores 20 and 44 and reads 0 for 43 and 45). The driver's ops and the mutants that
 * replace a command (`mutant_overrides.ts`) both go through here, so a mutant acts on every
 * implementation the ops run on.
 *
 * @example
 * ```ts ignore
 * import { ctrlCall } from "./ctx_ctrl.ts";
 * console.log(ctrlCall(lib, ctx, 45, 0)); // the session cache mode
 * ```
 * @module
 */

import type { Libssl } from "./libssl.ts";
import { CTRL_FUNCTIONS, IMPL_SYMBOLS, type ImplSymbol } from "./symbols.ts";

/** The function that does command `cmd`'s work on this build, when it exports one. */
export function ctrlFunction(lib: Libssl, cmd: number): ImplSymbol | undefined {
  const f = CTRL_FUNCTIONS[cmd];
  return f !== undefined && lib.has(f) ? f : undefined;
}

/**
 * Run one `SSL_CTX_ctrl` command: the function {@linkcode ctrlFunction} names (with `larg` as
 * its argument when it takes one), else `SSL_CTX_ctrl` itself.
 */
export function ctrlCall(lib: Libssl, ctx: Deno.PointerObject, cmd: number, larg: number): number {
  const f = ctrlFunction(lib, cmd);
  if (f !== undefined) {
    // The getters take the context only; the setters also `larg` (typed by the map).
    if (IMPL_SYMBOLS[f].parameters.length === 1) {
      return Number((lib.fn(f) as (c: Deno.PointerObject) => number | bigint)(ctx));
    }
    const set = lib.fn(f) as (c: Deno.PointerObject, v: number | bigint) => number | bigint;
    return Number(set(ctx, IMPL_SYMBOLS[f].parameters[1] === "i64" ? BigInt(larg) : larg));
  }
  return Number(lib.fn("SSL_CTX_ctrl")(ctx, cmd, BigInt(larg), null));
}
