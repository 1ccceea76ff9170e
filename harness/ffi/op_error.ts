/**
 * The error an op raises inside the driver when libssl fails; `driver.ts` turns it into an
 * `ok:false` answer carrying libcrypto's error queue.
 *
 * @example
 * ```ts
 * import { OpError } from "./op_error.ts";
 * console.log(new OpError("SSL_new failed", ["error:0A0000C1:SSL routines::no shared cipher"]));
 * ```
 * @module
 */

/** An op failed inside the driver; carries libcrypto's error queue. */
export class OpError extends Error {
  /** `ERR_error_string_n` texts drained when the error was raised. */
  readonly opensslErrors: string[];
  /**
   * What this build lacks when that is why the op cannot run (a symbol it does not export,
   * frees it cannot show): the parent then sees an FfiError of kind "unsupported".
   */
  readonly unsupported?: string;
  /** An error with the drained queue (empty when libssl said nothing). */
  constructor(message: string, opensslErrors: string[] = [], unsupported?: string) {
    super(message);
    this.name = "OpError";
    this.opensslErrors = opensslErrors;
    if (unsupported !== undefined) this.unsupported = unsupported;
  }
}
