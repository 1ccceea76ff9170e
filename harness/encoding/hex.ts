/**
 * Lower-case hex of bytes, two digits per byte, no separators: how reports, cache keys and
 * assertion messages show session ids, tickets, keys and digests.
 *
 * @example
 * ```ts
 * import { toHex } from "./hex.ts";
 * console.log(toHex(new Uint8Array([0x13, 0x02, 0xff]))); // "1302ff"
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += HEX_DIGITS[b];
  return out;
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
