/** How an FFI call failed. */
export type FfiErrorKind =
  /** The driver could not start or could not open the libraries. */
  | "start"
  /** The op was refused or libssl reported a failure; the driver is still usable. */
  | "op"
  /** The driver process died (SIGSEGV, SIGABRT, exit) before answering. */
  | "crash"
  /** No answer within the deadline; the driver was killed. */
  | "timeout"
  /** The driver was already closed or dead when the call was made. */
  | "closed"
  /**
   * The build cannot do what the op needs (a symbol it does not export, frees it cannot show);
   * the driver is fine. Not a failure of the library: the scenario is unsupported there.
   */
  | "unsupported";

/** Details of an {@linkcode FfiError}. */
export interface FfiErrorDetails {
  /** What went wrong. */
  kind: FfiErrorKind;
  /** The op, when the failure belongs to one. */
  op?: string;
  /** libcrypto's error queue texts, for "op" failures. */
  opensslErrors?: string[];
  /** The driver's stderr so far (what libssl / Deno printed before dying). */
  stderr?: string;
  /** How the driver ended ("killed by SIGSEGV", "exit code 1"), when it did. */
  exit?: string;
  /** The command line that started the driver. */
  command?: string;
  /** What the build lacks, for "unsupported". */
  unsupported?: string;
}

/**
 * The one error type of the FFI layer. `kind` says whether the driver survived ("op") or not
 * ("crash", "timeout", "closed", "start"); `stderr` carries what the driver printed.
 *
 * @example
 * ```ts
 * import { FfiError } from "./ffi_error.ts";
 * const e = new FfiError("Handle 3 is dead", { kind: "op", op: "session_free" });
 * console.log(e.kind, e.op);
 * ```
 */
export class FfiError extends Error {
  /** What went wrong. */
  readonly kind: FfiErrorKind;
  /** The op, when the failure belongs to one. */
  readonly op?: string;
  /** libcrypto's error queue texts. */
  readonly opensslErrors: string[];
  /** The driver's stderr so far. */
  readonly stderr: string;
  /** How the driver ended, when it did. */
  readonly exit?: string;
  /** The command line that started the driver. */
  readonly command?: string;
  /** What the build lacks, for "unsupported". */
  readonly unsupported?: string;

  /** An error of the given kind; `options.cause` keeps the underlying error. */
  constructor(message: string, details: FfiErrorDetails, options?: ErrorOptions) {
    super(message, options);
    this.name = "FfiError";
    this.kind = details.kind;
    this.op = details.op;
    this.opensslErrors = details.opensslErrors ?? [];
    this.stderr = details.stderr ?? "";
    this.exit = details.exit;
    this.unsupported = details.unsupported;
    this.command = details.command;
  }
}
