/**
 * `transfer_seen`: the `transfer` op (move what one SSL wrote into the other's input BIO) that
 * also answers the bytes moved, so a scenario can read a value on the wire (the randoms in the
 * ClientHello and ServerHello) as a witness independent of libssl's getters.
 *
 * @example
 * ```ts ignore
 * import { WIRE_OPS } from "./ops_wire.ts";
 * console.log(Object.keys(WIRE_OPS));
 * ```
 * @module
 */

import { drain, feed } from "./bio_pump.ts";
import type { OpTable } from "./op_impl.ts";

/** The wire ops. */
export const WIRE_OPS = {
  transfer_seen(d, args) {
    const from = d.ssl(args, "from");
    const to = d.ssl(args, "to");
    const bytes = drain(d.lib, from.data.wbio);
    if (bytes.length) feed(d.lib, to.data.rbio, bytes);
    return { bytes: bytes.length, hex: bytes.toHex() };
  },
} satisfies OpTable;
