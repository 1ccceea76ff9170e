import { type ProcessResult, run } from "../process/mod.ts";

/**
 * The deadline of a build's `openssl version` probe when the caller gives none: the run's
 * default `--timeout` (a probe is no cheaper to wait for than a scenario on a loaded machine).
 */
export const VERSION_PROBE_TIMEOUT_MS = 60_000;

/** A build's `openssl version` did not answer in time. */
export class ProbeTimeoutError extends Error {
  /** The message names the build, the command and the deadline. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ProbeTimeoutError";
  }
}

/** Options for {@linkcode probeVersion}. */
export interface ProbeVersionOptions {
  /** The build as the error names it (`the system OpenSSL`, `the OpenSSL build at "…"`). */
  build: string;
  /** Environment of the command. @default {{}} */
  env?: Record<string, string>;
  /** Deadline in milliseconds. @default {VERSION_PROBE_TIMEOUT_MS} */
  timeoutMs?: number;
  /** Aborting kills the command (the abort is rethrown as it is). */
  signal?: AbortSignal;
}

/**
 * Run `<command> version` with a deadline. A command past it is killed and the error is a
 * {@linkcode ProbeTimeoutError} naming the build, the command and the deadline, and saying how
 * to give it more time; any other failure is the process layer's error.
 *
 * @example
 * ```ts
 * import { probeVersion } from "./version_probe.ts";
 * const r = await probeVersion("openssl", { build: "the system OpenSSL", timeoutMs: 5_000 });
 * console.log(r.stdout.trim());
 * ```
 */
export async function probeVersion(
  command: string,
  options: ProbeVersionOptions,
): Promise<ProcessResult> {
  const timeoutMs = options.timeoutMs ?? VERSION_PROBE_TIMEOUT_MS;
  try {
    return await run(command, {
      args: ["version"],
      env: options.env ?? {},
      timeoutMs,
      signal: options.signal,
    });
  } catch (e) {
    if (options.signal?.aborted || !/timed out after/.test((e as Error).message)) throw e;
    throw new ProbeTimeoutError(
      `${options.build}: "${command} version" did not answer within ${timeoutMs / 1000} s ` +
        `(the probe's deadline is the run's --timeout): on a loaded machine pass a longer ` +
        `--timeout`,
      { cause: e },
    );
  }
}
