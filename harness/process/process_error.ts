/** What a finished (or killed) child process left behind. */
export interface ProcessResult {
  /** The full command line, as argv. */
  argv: string[];
  /** Exit code; `null` when a signal ended the process. */
  code: number | null;
  /** The signal that ended the process, if any. */
  signal: Deno.Signal | null;
  /** Everything the process wrote to stdout. */
  stdout: string;
  /** Everything the process wrote to stderr. */
  stderr: string;
  /** True when the harness killed it (timeout, abort or disposal). */
  killed: boolean;
  /** Wall time from spawn to exit, in milliseconds. */
  durationMs: number;
}

/** Quote one argument for a POSIX shell, so repro commands can be pasted as they are. */
export function shellQuote(arg: string): string {
  if (arg !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** Render argv (plus environment additions) as one pasteable shell command. */
export function shellCommand(argv: string[], env: Record<string, string> = {}): string {
  const prefix = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)} `).join("");
  return prefix + argv.map(shellQuote).join(" ");
}

/**
 * The one error type a failed peer raises: it carries the command line, the exit status and
 * the captured output, so a report can show what happened without re-running anything.
 */
export class ProcessError extends Error {
  /** The pasteable command line. */
  readonly command: string;
  /** Exit code, `null` when killed by a signal or still running. */
  readonly code: number | null;
  /** Captured stdout so far. */
  readonly stdout: string;
  /** Captured stderr so far. */
  readonly stderr: string;

  /** `message` says what happened; `details` carry the command line and what it printed. */
  constructor(
    message: string,
    details: { command: string; code: number | null; stdout: string; stderr: string },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "ProcessError";
    this.command = details.command;
    this.code = details.code;
    this.stdout = details.stdout;
    this.stderr = details.stderr;
  }
}
