import { ProcessError, type ProcessResult, shellCommand } from "./process_error.ts";
import { activeWatchdog } from "./watchdog.ts";
import { type OwnSessionLaunch, ownSessionLaunch } from "./own_session.ts";

/** Options for {@linkcode spawn}. */
export interface SpawnOptions {
  /** Arguments after the command. @default {[]} */
  args?: string[];
  /** Environment additions (the rest is inherited). @default {{}} */
  env?: Record<string, string>;
  /** Working directory. @default {the harness's own} */
  cwd?: string;
  /** Keep a stdin pipe open (TLS 1.3 tickets arrive after the handshake). @default {false} */
  stdin?: boolean;
  /** Aborting kills the process. */
  signal?: AbortSignal;
  /** Milliseconds to wait after SIGTERM before SIGKILL. @default {1000} */
  killGraceMs?: number;
  /**
   * Start it in a session (process group) of its own. Off only to time a bare process, as a
   * shell would start it (the bench's floor): it then shares the harness's group, so a
   * terminal's Ctrl-C reaches it and what it forks is not stopped with it. @default {true}
   */
  ownSession?: boolean;
}

/** Options for waiting on a child. */
export interface WaitOptions {
  /** Deadline in milliseconds. @default {10000} */
  timeoutMs?: number;
  /** Aborting stops the wait (the process is left running). */
  signal?: AbortSignal;
}

/** The output stream a line came from. */
export type Stream = "stdout" | "stderr";
interface Waiter {
  test: (line: string, stream: Stream) => boolean;
  resolve: (line: string) => void;
  reject: (e: Error) => void;
}

const live = new Set<ChildProcess>();

/** How many children spawned by this module are still running (for leak checks). */
export function liveChildCount(): number {
  return live.size;
}

/**
 * Kill every child this module started and wait for them to be reaped. The CLI calls this on
 * SIGINT / SIGTERM so that no `openssl` outlives the harness.
 */
export async function killAllChildren(): Promise<void> {
  await Promise.allSettled([...live].map((c) => c.kill()));
}

/**
 * A running child with its output captured line by line as it arrives. Dispose of it (with
 * `await using`) to kill and reap it.
 */
export class ChildProcess implements AsyncDisposable {
  /** The full command line. */
  readonly argv: string[];
  /**
   * What was exec'd to run it: `argv` (alone, or with the session preload in its environment),
   * or `argv` behind setsid(1) (see own_session.ts).
   */
  readonly execArgv: string[];
  /** Environment additions it was started with. */
  readonly env: Record<string, string>;
  /** Working directory it was started in (undefined: the harness's own). */
  readonly cwd?: string;
  /** Process id. */
  readonly pid: number;
  /** Lines of stdout so far. */
  readonly stdoutLines: string[] = [];
  /** Lines of stderr so far. */
  readonly stderrLines: string[] = [];
  /** Resolves when the process has exited and all its output is read. */
  readonly finished: Promise<ProcessResult>;

  #child: Deno.ChildProcess;
  #stdin?: WritableStreamDefaultWriter<Uint8Array>;
  #waiters = new Set<Waiter>();
  #exited = false;
  #result?: ProcessResult;
  #killed = false;
  #killGraceMs: number;
  #started = performance.now();
  #encoder = new TextEncoder();
  #pumpAbort = new AbortController();
  #watchdog?: ReturnType<typeof activeWatchdog>;

  /** Start `command` (see {@linkcode spawn}). */
  constructor(command: string, options: SpawnOptions = {}) {
    const args = options.args ?? [];
    this.argv = [command, ...args];
    this.env = options.env ?? {};
    this.cwd = options.cwd;
    this.#killGraceMs = options.killGraceMs ?? 1000;
    // A process group (a session) of its own: stopping it stops what it forked too (a
    // wrapper script's `sleep`), and the terminal's Ctrl-C reaches the harness alone, which
    // then stops its children in order instead of racing them. Through setsid(1) where there
    // is one: Deno's `detached` forks the whole harness per child (see own_session.ts).
    const launch: OwnSessionLaunch = options.ownSession === false
      ? { command, args, detached: false }
      : ownSessionLaunch(command, args, this.env);
    this.execArgv = [launch.command, ...launch.args];
    try {
      this.#child = new Deno.Command(launch.command, {
        args: launch.args,
        env: launch.env ? { ...this.env, ...launch.env } : this.env,
        cwd: options.cwd,
        stdin: options.stdin ? "piped" : "null",
        stdout: "piped",
        stderr: "piped",
        detached: launch.detached,
      }).spawn();
    } catch (e) {
      const reason = e instanceof Deno.errors.NotFound
        ? `command not found: "${command}"`
        : `cannot start "${command}": ${(e as Error).message}`;
      throw new ProcessError(reason, {
        command: this.command,
        code: null,
        stdout: "",
        stderr: "",
      }, { cause: e });
    }
    this.pid = this.#child.pid;
    this.#watchdog = activeWatchdog();
    this.#watchdog?.watch(this.pid);
    live.add(this);
    if (options.stdin) this.#stdin = this.#child.stdin.getWriter();
    const out = this.#pump(this.#child.stdout, "stdout");
    const err = this.#pump(this.#child.stderr, "stderr");
    this.finished = this.#finish(out, err);
    if (options.signal) {
      const onAbort = () => void this.kill();
      options.signal.addEventListener("abort", onAbort, { once: true });
      this.finished.finally(() => options.signal?.removeEventListener("abort", onAbort));
    }
  }

  async #finish(out: Promise<void>, err: Promise<void>): Promise<ProcessResult> {
    const status = await this.#child.status;
    // The leader is gone; whatever it forked into its group goes with it (nothing a step
    // started may outlive the step), and then the watchdog can forget the group.
    this.#signalGroup("SIGKILL");
    this.#watchdog?.release(this.pid);
    // A grandchild that inherited the pipes can hold them open after the child exited: give
    // the output a moment to drain, then stop reading rather than wait on it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const drained = Promise.allSettled([out, err]);
    const grace = new Promise((r) => timer = setTimeout(r, 500));
    await Promise.race([drained, grace]);
    clearTimeout(timer);
    this.#pumpAbort.abort();
    await drained;
    this.#exited = true;
    live.delete(this);
    await this.#stdin?.close().catch(() => {});
    const result: ProcessResult = {
      argv: this.argv,
      code: status.signal ? null : status.code,
      signal: status.signal,
      stdout: this.stdout,
      stderr: this.stderr,
      killed: this.#killed,
      durationMs: Math.round(performance.now() - this.#started),
    };
    trace(this, result);
    for (const w of this.#waiters) {
      w.reject(
        this.error(
          `process exited (${describeExit(result)}) before the expected output`,
          undefined,
          stderrTail(this.stderrLines),
        ),
      );
    }
    this.#waiters.clear();
    this.#result = result;
    return result;
  }

  /** When it was spawned, on the `performance.now()` clock (milliseconds). */
  get startedAt(): number {
    return this.#started;
  }

  /** The pasteable shell command that started this process. */
  get command(): string {
    return shellCommand(this.argv, this.env);
  }

  /** Everything written to stdout so far. */
  get stdout(): string {
    return this.stdoutLines.map((l) => l + "\n").join("");
  }

  /** Everything written to stderr so far. */
  get stderr(): string {
    return this.stderrLines.map((l) => l + "\n").join("");
  }

  /** The result once the process has exited (undefined while it runs). */
  get result(): ProcessResult | undefined {
    return this.#result;
  }

  /** True once the process has exited. */
  get exited(): boolean {
    return this.#exited;
  }

  /**
   * A {@linkcode ProcessError} carrying this process's command line and output so far; `detail`
   * (e.g. the end of stderr) goes on a line of its own after the command.
   */
  error(message: string, options?: ErrorOptions, detail?: string): ProcessError {
    const tail = detail ? `\n${detail}` : "";
    return new ProcessError(`${message}: ${this.command}${tail}`, {
      command: this.command,
      code: null,
      stdout: this.stdout,
      stderr: this.stderr,
    }, options);
  }

  /**
   * Wait until a line (on stdout or stderr) matches; resolves with that line. Lines already
   * seen count. Rejects on the deadline, on abort, or when the process exits first.
   */
  waitForLine(
    pattern: RegExp | ((line: string, stream: Stream) => boolean),
    options: WaitOptions = {},
  ): Promise<string> {
    const test = typeof pattern === "function" ? pattern : (l: string) => pattern.test(l);
    for (const l of this.stdoutLines) if (test(l, "stdout")) return Promise.resolve(l);
    for (const l of this.stderrLines) if (test(l, "stderr")) return Promise.resolve(l);
    if (this.#exited) {
      const how = this.#result ? ` (${describeExit(this.#result)})` : "";
      return Promise.reject(
        this.error(
          `process exited${how} before printing ${String(pattern)}`,
          undefined,
          stderrTail(this.stderrLines),
        ),
      );
    }
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise<string>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        this.#waiters.delete(waiter);
      };
      const waiter: Waiter = {
        test,
        resolve: (l) => {
          done();
          resolve(l);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      };
      const timer = setTimeout(
        () =>
          waiter.reject(
            this.error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)}`),
          ),
        timeoutMs,
      );
      const onAbort = () =>
        waiter.reject(this.error("wait aborted", { cause: options.signal?.reason }));
      options.signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /** Write text to stdin (requires `stdin: true`). */
  async write(text: string): Promise<void> {
    if (!this.#stdin) throw new TypeError(`Cannot write: stdin of "${this.argv[0]}" is not piped`);
    if (this.#exited) return;
    await this.#stdin.write(this.#encoder.encode(text)).catch(() => {});
  }

  /** Close stdin (EOF for the child). */
  async closeStdin(): Promise<void> {
    const w = this.#stdin;
    this.#stdin = undefined;
    await w?.close().catch(() => {});
  }

  /**
   * Wait for the process to exit on its own, within a deadline; on the deadline it is killed
   * and a {@linkcode ProcessError} naming the timeout is thrown.
   */
  async wait(options: WaitOptions = {}): Promise<ProcessResult> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"timeout">((r) =>
      timer = setTimeout(() => r("timeout"), timeoutMs)
    );
    // The listener is removed again below: one left on a long-lived signal piles up with every
    // wait, and on an `AbortSignal.timeout` it keeps the timer (and so the process) alive.
    let onAbort = () => {};
    const aborted = new Promise<"abort">((r) => {
      onAbort = () => r("abort");
      if (options.signal?.aborted) r("abort");
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      const first = await Promise.race([this.finished, deadline, aborted]);
      if (first === "timeout" || first === "abort") {
        await this.kill();
        throw this.error(
          first === "timeout" ? `timed out after ${timeoutMs} ms waiting for exit` : "wait aborted",
        );
      }
      return first;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  /**
   * Send a signal now, without closing stdin first (for an abrupt end: SIGKILL leaves the peer
   * with no close_notify). Resolves once the process is reaped.
   */
  async sendSignal(signal: Deno.Signal): Promise<ProcessResult> {
    if (!this.#exited) {
      this.#killed = true;
      this.#signalGroup(signal);
    }
    return await this.finished;
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once reaped. Idempotent. */
  async kill(): Promise<ProcessResult> {
    if (!this.#exited) {
      this.#killed = true;
      await this.#stdin?.close().catch(() => {});
      this.#stdin = undefined;
      this.#signalGroup("SIGTERM");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<"grace">((r) =>
        timer = setTimeout(() => r("grace"), this.#killGraceMs)
      );
      const first = await Promise.race([this.finished, grace]);
      clearTimeout(timer);
      if (first === "grace") this.#signalGroup("SIGKILL");
    }
    return await this.finished;
  }

  /** Kill and reap the process (`await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.kill();
  }

  /** Signal the child's whole process group (its pid: it leads a session of its own). */
  #signalGroup(signal: Deno.Signal): void {
    try {
      Deno.kill(-this.pid, signal);
    } catch {
      // No such group (everyone in it is gone): the leader itself may still be a zombie.
      try {
        this.#child.kill(signal);
      } catch { /* already gone */ }
    }
  }

  async #pump(stream: ReadableStream<Uint8Array>, which: Stream): Promise<void> {
    const sink = which === "stdout" ? this.stdoutLines : this.stderrLines;
    let pending = "";
    const emit = (line: string) => {
      sink.push(line);
      for (const w of [...this.#waiters]) if (w.test(line, which)) w.resolve(line);
    };
    // A reader and a streaming decoder, not `pipeThrough(new TextDecoderStream())`: a transform
    // stream per pipe doubles the promise and queue work per chunk, and a matrix reads
    // thousands of pipes on the harness's one thread.
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    const abort = () => void reader.cancel().catch(() => {});
    const signal = this.#pumpAbort.signal;
    signal.addEventListener("abort", abort, { once: true });
    const take = (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf("\n")) >= 0) {
        emit(pending.slice(0, nl).replace(/\r$/, ""));
        pending = pending.slice(nl + 1);
      }
    };
    try {
      while (!signal.aborted) {
        const { value, done } = await reader.read();
        if (done) break;
        take(decoder.decode(value, { stream: true }));
      }
      take(decoder.decode());
    } catch {
      /* stream torn down by kill */
    } finally {
      signal.removeEventListener("abort", abort);
      reader.releaseLock();
    }
    if (pending) emit(pending);
  }
}

/**
 * The environment variable naming a file to which every child that exits appends one JSON line
 * (`pid`, `argv` as exec'd, setsid(1) included, `cwd`, `start_ms` since the epoch,
 * `duration_ms`, `code`, `signal`, `killed`): how `bench/bench.ts` sees where a run's wall time
 * goes. Unset: nothing is written.
 */
export const TRACE_ENV = "TLS_HARNESS_TRACE";

let traceFile: string | undefined | null = null;

function trace(child: ChildProcess, r: ProcessResult): void {
  if (traceFile === null) {
    try {
      traceFile = Deno.env.get(TRACE_ENV) || undefined;
    } catch {
      traceFile = undefined; // no --allow-env: no tracing
    }
  }
  if (!traceFile) return;
  const line = JSON.stringify({
    pid: child.pid,
    argv: child.execArgv,
    cwd: child.cwd,
    start_ms: performance.timeOrigin + child.startedAt,
    duration_ms: r.durationMs,
    code: r.code,
    signal: r.signal,
    killed: r.killed,
  });
  try {
    Deno.writeTextFileSync(traceFile, line + "\n", { append: true });
  } catch { /* tracing must never break a run */ }
}

/**
 * The last lines of stderr, for an error message: why a peer gave up ("bind: Address already in
 * use") is usually there, and the full output is in the report anyway.
 */
function stderrTail(lines: readonly string[], count = 3): string | undefined {
  const tail = lines.filter((l) => l.trim()).slice(-count).map((l) =>
    l.length > 300 ? `${l.slice(0, 300)}…` : l
  );
  return tail.length ? `stderr: ${tail.join("\n        ")}` : undefined;
}

function describeExit(r: ProcessResult): string {
  return r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`;
}

/** Start a child process with explicit stdio and line capture. */
export function spawn(command: string, options: SpawnOptions = {}): ChildProcess {
  return new ChildProcess(command, options);
}

/** Options for {@linkcode run}. */
export interface RunOptions extends SpawnOptions {
  /** Deadline for the whole run, in milliseconds. @default {30000} */
  timeoutMs?: number;
  /** Text written to stdin before it is closed. */
  input?: string;
}

/**
 * Run a command to completion with a deadline. Resolves with the result whatever the exit code;
 * throws {@linkcode ProcessError} only when it could not start or ran past the deadline.
 */
export async function run(command: string, options: RunOptions = {}): Promise<ProcessResult> {
  const child = spawn(command, { ...options, stdin: options.input !== undefined });
  try {
    if (options.input !== undefined) {
      await child.write(options.input);
      await child.closeStdin();
    }
    return await child.wait({ timeoutMs: options.timeoutMs ?? 30_000, signal: options.signal });
  } finally {
    await child.kill();
  }
}

/** Like {@linkcode run}, but a non-zero exit is a {@linkcode ProcessError}. */
export async function runOk(command: string, options: RunOptions = {}): Promise<ProcessResult> {
  const r = await run(command, options);
  if (r.code !== 0) {
    throw new ProcessError(`command failed (${describeExit(r)}): ${shellCommand(r.argv)}`, {
      command: shellCommand(r.argv, options.env),
      code: r.code,
      stdout: r.stdout,
      stderr: r.stderr,
    });
  }
  return r;
}
