/**
 * The error that makes a result `unsupported`: its own file so that the context and the
 * modules it uses (the server dispatch) can throw it without importing each other.
 *
 * @example
 * ```ts
 * import { UnsupportedError } from "./unsupported_error.ts";
 * console.log(new UnsupportedError('server build "rustls" cannot honour cache: false').name);
 * ```
 * @module
 */

/**
 * Thrown when a scenario asks a build for something it cannot do (an OpenSSL `s_server` of a
 * GnuTLS build, the FFI driver of a build without `api`): the result is `unsupported`, with this
 * message, never a run with the wrong tool. Declaring `requires` makes the runner say so before
 * the scenario starts.
 */
export class UnsupportedError extends Error {
  /** `reason` names the capability and the build. */
  constructor(reason: string) {
    super(reason);
    this.name = "UnsupportedError";
  }
}
