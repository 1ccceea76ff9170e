/**
 * What every command shares: where it writes ({@linkcode CliIo}), its exit codes, and the error
 * that means "the user asked for something wrong" ({@linkcode UsageError}, exit code 2).
 * @module
 */

/** Where the CLI writes. Tests pass their own. */
export interface CliIo {
  /** Write to standard output. */
  stdout(text: string): Promise<void>;
  /** Write to standard error. */
  stderr(text: string): Promise<void>;
  /** Whether standard output is a terminal. */
  isTty: boolean;
  /** The directory relative paths are taken from. */
  cwd: string;
}

/** The exit codes every command returns (README documents them). */
export const ExitCode = {
  /** Everything passed. */
  ok: 0,
  /** Something failed, errored or unexpectedly passed. */
  failed: 1,
  /** A usage or configuration error: nothing (more) was run. */
  usage: 2,
} as const;

/** A usage or configuration error: exit code 2. */
export class UsageError extends Error {
  /** `message` says what is wrong and, when it helps, what to pass instead. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const encoder = new TextEncoder();

/** Write every byte: `write` may take part of a buffer (a pipe), and the rest would be lost. */
async function writeWhole(to: { write(p: Uint8Array): Promise<number> }, text: string) {
  let bytes = encoder.encode(text);
  while (bytes.length) bytes = bytes.subarray(await to.write(bytes));
}

/** The process's own stdout/stderr; relative paths from where `deno task` was started. */
export function processIo(): CliIo {
  return {
    stdout: (t) => writeWhole(Deno.stdout, t),
    stderr: (t) => writeWhole(Deno.stderr, t),
    isTty: Deno.stdout.isTerminal(),
    cwd: Deno.env.get("INIT_CWD") ?? Deno.cwd(),
  };
}

/**
 * A path as the user meant it: relative paths are taken from `io.cwd`.
 *
 * @example
 * ```ts
 * import { resolvePath } from "./io.ts";
 * const io = { cwd: "/repo", isTty: false, stdout: async () => {}, stderr: async () => {} };
 * console.log(resolvePath(io, "reports/r.json")); // "/repo/reports/r.json"
 * ```
 */
export function resolvePath(io: Pick<CliIo, "cwd">, p: string): string {
  return p.startsWith("/") ? p : `${io.cwd.replace(/\/$/, "")}/${p}`;
}

/** Run `fn`; whatever it throws becomes a {@linkcode UsageError} with the same message. */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Await `p`; a rejection becomes a {@linkcode UsageError} with the same message. */
export async function asUsageAsync<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A positive number option (an integer for `--jobs`), or `fallback` when absent. */
export function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (name === "--jobs" && !Number.isInteger(n))) {
    throw new UsageError(`${name} takes a positive number (got "${value}")`);
  }
  return n;
}
