/**
 * Byte encodings shared by every layer (pure, no I/O). Today: hex.
 *
 * @example
 * ```ts
 * import { toHex } from "./mod.ts";
 * console.log(toHex(new Uint8Array([0xde, 0xad]))); // "dead"
 * ```
 * @module
 */
export * from "./hex.ts";
