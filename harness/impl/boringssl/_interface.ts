/**
 * The engine's implementation types, under the names this folder's files import (the draft of
 * issue 10 they were written against is now `harness/impl/interface/`).
 *
 * @module
 */
import type { Build as EngineBuild, BuildFfi, SymbolMap } from "../interface/mod.ts";

export type { Capability, ImplementationName, Launch, SymbolMap } from "../interface/mod.ts";

/** A BoringSSL build: its `ffi` always carries its family's symbol map (`symbols.ts`). */
export type Build = EngineBuild & { ffi?: BuildFfi & { symbols: SymbolMap } };
