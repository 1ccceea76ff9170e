import type { SymbolMapping } from "./libssl.ts";
import type { FfiApiOptions } from "./api_options.ts";
import { type ChildProcess, spawn } from "../process/mod.ts";
import { FfiError } from "./ffi_error.ts";
import { type FfiBuild, ffiLaunch, ffiLibraries, ffiSymbols } from "./ffi_libraries.ts";
import type { FfiOpArgs, FfiOpName, FfiOpResult, FfiResponse, HelloResult } from "./protocol.ts";

/** Options for {@linkcode FfiDriver.start}. */
export interface FfiDriverStartOptions {
  /** Aborting kills the driver (during start or later). */
  signal?: AbortSignal;
  /** Deadline for the driver to start and report its version. @default {20000} */
  timeoutMs?: number;
  /** Default deadline of each {@linkcode FfiDriver.call}. @default {15000} */
  callTimeoutMs?: number;
  /** The driver program. @default {"driver.ts" beside this module} */
  driverPath?: string;
  /**
   * The implementation's symbol map (BoringSSL's, wolfSSL's `symbols.ts`): the driver binds each
   * OpenSSL name to the export and signature it gives. @default {the build's `ffi.symbols`; absent:
   * OpenSSL's names}
   */
  symbols?: SymbolMapping;
  /**
   * The implementation's constants, start calls and ticket behaviour. @default {the build's
   * `ffi.api`; absent: OpenSSL's}
   */
  api?: FfiApiOptions;
}

/** Options for {@linkcode FfiDriver.call}. */
export interface FfiCallOptions {
  /** Deadline for the answer; on expiry the driver is killed. @default {the driver's callTimeoutMs} */
  timeoutMs?: number;
  /** Aborting stops waiting (the driver keeps running and finishes the op). */
  signal?: AbortSignal;
}

/** The Deno permissions the driver needs: FFI, read (library + PEM files), net (TCP peers), env. */
const DENO_ARGS = [
  "run",
  "--quiet",
  "--no-prompt",
  "--no-config",
  "--allow-ffi",
  "--allow-read",
  "--allow-net",
  "--allow-env",
];

function describeExit(r: { code: number | null; signal: string | null }): string {
  return r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`;
}

function tail(text: string, max = 4000): string {
  return text.length > max ? "…" + text.slice(-max) : text;
}

/** The process and what every view of it shares: request ids, and why it is gone. */
interface Connection {
  child: ChildProcess;
  nextId: number;
  nextScope: number;
  dead: FfiError | null;
}

/**
 * A driver subprocess holding one OpenSSL build's libssl, spoken to over the JSON line protocol
 * of `protocol.ts`. All FFI checks for a build share one driver (one Deno start): the run keeps
 * one per build ({@linkcode FfiDriverPool}) and each scenario works in a view of its own
 * ({@linkcode FfiDriver.scoped}), isolated by handles, not by processes.
 *
 * Failure model: an op that libssl rejects is an {@linkcode FfiError} of kind "op" and the
 * driver stays usable; a driver that dies (SIGSEGV, abort) gives kind "crash" with its stderr;
 * a call that gets no answer in time gives kind "timeout" and the driver is killed (its state is
 * unknown), so later calls fail at once with kind "closed".
 *
 * @example
 * ```ts
 * import { FfiDriver } from "./ffi_driver.ts";
 * import { systemBuild } from "../openssl/build.ts";
 * await using driver = await FfiDriver.start(await systemBuild());
 * console.log(driver.libraryVersion, driver.missingSymbols);
 * const { session } = await driver.call("session_new", {});
 * console.log(await driver.call("session_free", { session }));
 * ```
 */
export class FfiDriver implements AsyncDisposable {
  /** The build this driver loaded. */
  readonly build: FfiBuild;
  /** What the driver reported on start. */
  readonly hello: HelloResult;
  /** Milliseconds from spawn to the driver's first answer. */
  readonly startMs: number;

  #conn: Connection;
  #callTimeoutMs: number;
  /** The scope of this view; null for the driver itself. */
  #scope: number | null;
  /** Set once this scoped view was closed (its scope ended). */
  #closed: FfiError | null = null;
  #exit: { code: number | null; signal: string | null; killed: boolean } | null = null;

  private constructor(
    build: FfiBuild,
    conn: Connection,
    hello: HelloResult,
    startMs: number,
    callTimeoutMs: number,
    scope: number | null = null,
  ) {
    this.build = build;
    this.#conn = conn;
    this.hello = hello;
    this.startMs = startMs;
    this.#callTimeoutMs = callTimeoutMs;
    this.#scope = scope;
  }

  get #child(): ChildProcess {
    return this.#conn.child;
  }

  get #dead(): FfiError | null {
    return this.#closed ?? this.#conn.dead;
  }

  /**
   * A view of this driver for one scenario: the same process, a scope of its own. Handles the
   * view makes belong to its scope and other scopes' handles are refused; `freed_sessions` and
   * `handles` see only the scope; closing the view ends the scope (its SSLs and SSL_CTXs are
   * freed in the driver), never the process. Ops of all views run one at a time, in order.
   */
  scoped(): FfiDriver {
    return new FfiDriver(
      this.build,
      this.#conn,
      this.hello,
      this.startMs,
      this.#callTimeoutMs,
      ++this.#conn.nextScope,
    );
  }

  /** The scope of this view (null: the driver itself, no scope). */
  get scope(): number | null {
    return this.#scope;
  }

  /** `OpenSSL_version(OPENSSL_VERSION)` of the loaded libssl, e.g. "OpenSSL 3.0.19 27 Jan 2026". */
  get libraryVersion(): string {
    return this.hello.version;
  }

  /** Symbols the driver binds that this build does not export (see README.md). */
  get missingSymbols(): readonly string[] {
    return this.hello.missingSymbols;
  }

  /**
   * The mutant the driver runs (`TLS_HARNESS_FFI_MUTANT` in `build.ffiLaunch.env`, set by
   * `harness mutate`), as it reported in its hello; null for the real libssl behaviour.
   */
  get mutant(): string | null {
    return this.hello.mutant ?? null;
  }

  /** The driver's process id. */
  get pid(): number {
    return this.#child.pid;
  }

  /** True until the driver exits, crashes, times out or is closed (or, for a view, its scope ends). */
  get alive(): boolean {
    return this.#dead === null && !this.#child.exited;
  }

  /**
   * How the process ended after {@linkcode FfiDriver.close} waited for it (null before, and for
   * a view): `{code: 0, signal: null, killed: false}` is a clean exit once stdin closed; a signal
   * there is a crash during the driver's own teardown, which no op would report.
   */
  get exit(): { code: number | null; signal: string | null; killed: boolean } | null {
    return this.#exit;
  }

  /** True while the process is usable, whatever became of this view's scope. */
  get processAlive(): boolean {
    return this.#conn.dead === null && !this.#child.exited;
  }

  /** Everything the driver wrote to stderr so far. */
  get stderr(): string {
    return this.#child.stderr;
  }

  /** The pasteable command line that started the driver. */
  get command(): string {
    return this.#child.command;
  }

  /**
   * Start a driver for a build: `build.ffiLaunch` (or this Deno) runs `driver.ts` with the
   * build's libssl / libcrypto, and the driver's hello line is awaited.
   *
   * @throws {FfiError} of kind "start" carrying the driver's stderr when it cannot start or
   * cannot open the libraries; {@linkcode TypeError} when the build has no library paths.
   */
  static async start(build: FfiBuild, options: FfiDriverStartOptions = {}): Promise<FfiDriver> {
    const libs = ffiLibraries(build);
    const symbols = options.symbols ?? ffiSymbols(build);
    // The engine keeps `ffi.api` as plain data; its shape is this layer's FfiApiOptions.
    const api = options.api ?? (build.ffi?.api as FfiApiOptions | undefined);
    const launch = ffiLaunch(build);
    const driverPath = options.driverPath ??
      decodeURIComponent(new URL("./driver.ts", import.meta.url).pathname);
    const started = performance.now();
    const child = spawn(launch.command, {
      args: [
        ...launch.args,
        ...DENO_ARGS,
        driverPath,
        "--libssl",
        libs.libssl,
        "--libcrypto",
        libs.libcrypto,
        ...(symbols ? ["--symbols", JSON.stringify(symbols)] : []),
        ...(api ? ["--api", JSON.stringify(api)] : []),
      ],
      env: launch.env,
      stdin: true,
      signal: options.signal,
      killGraceMs: 500,
    });
    let line: string;
    try {
      line = await child.waitForLine((l, s) => s === "stdout" && l.startsWith('{"id":0,'), {
        timeoutMs: options.timeoutMs ?? 20_000,
        signal: options.signal,
      });
    } catch (e) {
      const r = await child.kill();
      throw new FfiError(
        `FFI driver for build "${build.id}" did not start (${describeExit(r)}): ${
          tail(r.stderr.trim()) || (e as Error).message
        }`,
        { kind: "start", stderr: r.stderr, exit: describeExit(r), command: child.command },
        { cause: e },
      );
    }
    const res = JSON.parse(line) as FfiResponse;
    if (!res.ok) {
      const r = await child.kill();
      throw new FfiError(`FFI driver for build "${build.id}" cannot load libssl: ${res.error}`, {
        kind: "start",
        stderr: r.stderr,
        exit: describeExit(r),
        command: child.command,
      });
    }
    return new FfiDriver(
      build,
      { child, nextId: 1, nextScope: 0, dead: null },
      res.result as HelloResult,
      Math.round(performance.now() - started),
      options.callTimeoutMs ?? 15_000,
    );
  }

  /**
   * Send one op and await its answer. Typed for the ops of {@linkcode FfiOps}; any other name
   * is passed through (the driver answers "Unknown op").
   *
   * @throws {FfiError} kind "op" (refused or failed, driver fine), "crash", "timeout", "closed".
   */
  call<K extends FfiOpName>(
    op: K,
    args: FfiOpArgs<K>,
    options?: FfiCallOptions,
  ): Promise<FfiOpResult<K>>;
  /** Untyped form, for ops not in {@linkcode FfiOps} (or built from data). */
  call<T = unknown>(
    op: string,
    args?: Record<string, unknown>,
    options?: FfiCallOptions,
  ): Promise<T>;
  async call(op: string, args: object = {}, options: FfiCallOptions = {}): Promise<unknown> {
    if (this.#dead) {
      throw new FfiError(`FFI driver is gone (${this.#dead.message}); cannot run "${op}"`, {
        kind: "closed",
        op,
        stderr: this.#dead.stderr,
        exit: this.#dead.exit,
        command: this.#child.command,
      });
    }
    if (this.#child.exited) {
      const r = await this.#child.finished;
      throw this.#die(`FFI driver exited (${describeExit(r)}) before "${op}"`, "closed", op, {
        exit: describeExit(r),
      });
    }
    const id = this.#conn.nextId++;
    const prefix = `{"id":${id},`;
    const timeoutMs = options.timeoutMs ?? this.#callTimeoutMs;
    const scope = this.#scope === null ? {} : { scope: this.#scope };
    await this.#child.write(JSON.stringify({ id, op, args, ...scope }) + "\n");
    let line: string;
    try {
      line = await this.#child.waitForLine((l, s) => s === "stdout" && l.startsWith(prefix), {
        timeoutMs,
        signal: options.signal,
      });
    } catch (e) {
      if (options.signal?.aborted) throw e;
      if (this.#child.exited) {
        const r = await this.#child.finished;
        throw this.#die(
          `FFI driver died during "${op}" (${describeExit(r)}): ${
            tail(r.stderr.trim()) || "no stderr"
          }`,
          "crash",
          op,
          { cause: e, exit: describeExit(r) },
        );
      }
      const r = await this.#child.kill();
      throw this.#die(
        `FFI op "${op}" got no answer within ${timeoutMs} ms; driver killed`,
        "timeout",
        op,
        { cause: e, exit: describeExit(r) },
      );
    }
    // Answers are only protocol: drop each consumed line so that waitForLine, which rescans
    // the lines seen so far, stays O(pending answers) over thousands of ops.
    const lines = this.#child.stdoutLines;
    const at = lines.indexOf(line);
    if (at >= 0) lines.splice(at, 1);
    const res = JSON.parse(line) as FfiResponse;
    if (res.ok) return this.#guard(op, res.result);
    const extra = res.opensslErrors?.length ? `: ${res.opensslErrors.join("; ")}` : "";
    const unsupported = res.unsupported;
    throw new FfiError(
      unsupported !== undefined
        ? `FFI op "${op}" is unsupported on build "${this.build.id}": ${res.error}`
        : `FFI op "${op}" failed: ${res.error}${extra}`,
      {
        kind: unsupported !== undefined ? "unsupported" : "op",
        op,
        opensslErrors: res.opensslErrors,
        stderr: this.#child.stderr,
        command: this.#child.command,
        ...(unsupported !== undefined ? { unsupported } : {}),
      },
    );
  }

  /**
   * Results this build cannot really give: on a build whose frees cannot be seen
   * (`hello.observesFrees` false) a `freed` would be an empty observation, not a fact, and a
   * `session_info` field whose getter is not exported is no value. Reading either throws an
   * "unsupported" FfiError instead, so only scenarios that look at them are affected.
   */
  #guard(op: string, result: unknown): unknown {
    if (result === null || typeof result !== "object") return result;
    const build = this.build.id;
    const guard = (field: string, lacks: string, reason: string) =>
      Object.defineProperty(result, field, {
        enumerable: true,
        get() {
          throw new FfiError(
            `The "${field}" result of "${op}" is unsupported on build "${build}": ${reason}`,
            { kind: "unsupported", op, unsupported: lacks },
          );
        },
      });
    if (this.hello.observesFrees === false && "freed" in result) {
      guard("freed", "observable frees", this.hello.unobservedFrees ?? "frees are not observable");
    }
    // session_info: fields whose getter the build does not export.
    const missing = (result as { unsupported?: Record<string, string> }).unsupported;
    for (const [field, symbol] of Object.entries(missing ?? {})) {
      guard(field, symbol, `it does not export ${symbol}`);
    }
    return result;
  }

  #die(
    message: string,
    kind: "crash" | "timeout" | "closed",
    op: string,
    more: { cause?: unknown; exit?: string } = {},
  ): FfiError {
    const err = new FfiError(
      message,
      { kind, op, stderr: this.#child.stderr, exit: more.exit, command: this.#child.command },
      { cause: more.cause },
    );
    this.#conn.dead ??= err;
    return err;
  }

  /**
   * Stop the driver: close its stdin (it exits by itself), wait up to `graceMs`, then kill.
   * On a scoped view: end its scope instead (`scope_end`: the driver frees the scope's SSLs and
   * SSL_CTXs) and leave the process to its other users. Idempotent.
   */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    if (this.#scope !== null) {
      if (this.#closed) return;
      const alive = this.alive;
      this.#closed = new FfiError(`FFI driver scope ${this.#scope} was closed`, { kind: "closed" });
      if (!alive) return;
      this.#closed = null;
      try {
        await this.call("scope_end", {});
      } catch { /* the driver died meanwhile: nothing left to free */ }
      this.#closed = new FfiError(`FFI driver scope ${this.#scope} was closed`, { kind: "closed" });
      return;
    }
    this.#conn.dead ??= new FfiError("FFI driver was closed", { kind: "closed" });
    if (this.#child.exited) return;
    await this.#child.closeStdin();
    try {
      const r = await this.#child.wait({ timeoutMs: options.graceMs ?? 1000 });
      this.#exit = { code: r.code, signal: r.signal, killed: r.killed };
    } catch {
      // wait() kills on its deadline; nothing else to do.
    }
    const r = await this.#child.kill();
    this.#exit ??= { code: r.code, signal: r.signal, killed: r.killed };
  }

  /** Same as {@linkcode FfiDriver.close}: `await using` stops the driver. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
