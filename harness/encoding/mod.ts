/**
 * Byte encodings shared by every layer (pure, no I/O): hex, and the input-size limit of every
 * parser.
 *
 * @example
 * ```ts
 * import { toHex } from "./mod.ts";
 * console.log(toHex(new Uint8Array([0xde, 0xad]))); // "dead"
 * ```
 * @module
 */
export * from "./hex.ts";
export * from "./input_limit.ts";
