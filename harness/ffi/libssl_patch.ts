/**
 * A view of an opened libssl with some functions replaced: how a mutant (`mutant_overrides.ts`)
 * alters one libssl behaviour without the ops knowing. The ops call `fn(name)` as always; a
 * patched name answers with its replacement, every other name with the real symbol. `has`
 * keeps reporting what the build really exports.
 *
 * @example
 * ```ts ignore
 * import { openLibssl } from "./libssl.ts";
 * import { patchLibssl } from "./libssl_patch.ts";
 * const lib = openLibssl({ libssl: "…/libssl.so.3", libcrypto: "…/libcrypto.so.3" });
 * const noRefs = patchLibssl(lib, { SSL_SESSION_up_ref: () => 1 });
 * console.log(noRefs.fn("SSL_SESSION_up_ref")(null));
 * ```
 * @module
 */

import type { AnySymbol, Libssl, SymbolFn } from "./libssl.ts";

/** Replacements for some symbols, each with the symbol's own signature. */
export type SymbolPatches = { readonly [K in AnySymbol]?: SymbolFn<K> };

/** `lib` with the patched functions replaced (`lib` itself when there are none). */
export function patchLibssl(lib: Libssl, patches: SymbolPatches = {}): Libssl {
  if (Object.keys(patches).length === 0) return lib;
  return {
    version: lib.version,
    versionNumber: lib.versionNumber,
    missingSymbols: lib.missingSymbols,
    paths: lib.paths,
    has: (name) => lib.has(name),
    fn: <K extends AnySymbol>(name: K): SymbolFn<K> =>
      (patches[name] as SymbolFn<K> | undefined) ?? lib.fn(name),
    errors: () => lib.errors(),
  };
}
