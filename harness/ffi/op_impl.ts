/**
 * The shape of an op implementation: a function of the driver's state and the request's
 * arguments, answering the op's result (or a promise of it) and throwing TypeError/RangeError
 * for bad arguments, OpError when libssl fails.
 *
 * @example
 * ```ts
 * import type { OpTable } from "./op_impl.ts";
 * const ops = { hang: () => new Promise(() => {}) } satisfies OpTable;
 * console.log(Object.keys(ops));
 * ```
 * @module
 */

import type { FfiOpName } from "./protocol.ts";
import type { DriverState } from "./driver_state.ts";
import type { Args } from "./op_args.ts";

/** One op's implementation. */
export type OpImpl = (d: DriverState, args: Args) => unknown;

/** Some ops' implementations, by op name. */
export type OpTable = { readonly [K in FfiOpName]?: OpImpl };
