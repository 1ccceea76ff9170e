import { FfiDriver, type FfiDriverStartOptions } from "./ffi_driver.ts";
import { type FfiBuild, ffiLaunch, ffiLibraries } from "./ffi_libraries.ts";

/** Options for {@linkcode FfiDriverPool}. */
export interface FfiDriverPoolOptions {
  /** Aborting kills every driver of the pool (the run was interrupted). */
  signal?: AbortSignal;
  /** The driver program (tests). @default {"driver.ts" beside ffi_driver.ts} */
  driverPath?: string;
}

/** Options for {@linkcode FfiDriverPool.acquire}. */
export interface FfiAcquireOptions {
  /** Stop waiting for a driver that is starting (the driver itself keeps starting). */
  signal?: AbortSignal;
  /** Deadline for a driver to start. @default {20000} */
  timeoutMs?: number;
}

/**
 * One FFI driver per build of any implementation with libraries (and per mutant: a mutant build has its own launch) for a whole run,
 * started on first use and shared by every scenario of that build: a Deno start is the costly
 * part of a driver, and scenarios are isolated by the scopes of {@linkcode FfiDriver.scoped},
 * not by processes. A driver that died (a crash, a timeout) is replaced on the next acquire.
 *
 * @example
 * ```ts
 * import { FfiDriverPool } from "./ffi_driver_pool.ts";
 * import { systemBuild } from "../openssl/build.ts";
 * await using pool = new FfiDriverPool();
 * const build = await systemBuild();
 * await using view = (await pool.acquire(build)).scoped();
 * console.log((await view.call("session_new", {})).session !== null, pool.started);
 * ```
 */
export class FfiDriverPool implements AsyncDisposable {
  /** Drivers started so far (restarts included). */
  started = 0;
  #options: FfiDriverPoolOptions;
  #drivers = new Map<string, Promise<FfiDriver>>();
  #closed = false;

  /** A pool that starts no driver until one is acquired. */
  constructor(options: FfiDriverPoolOptions = {}) {
    this.#options = options;
  }

  /**
   * The live driver of a build, started if there is none (or the last one died). Callers work
   * in a scoped view of it and close the view, never the driver.
   *
   * @throws {FfiError} of kind "start" when the driver cannot start (the next acquire retries).
   */
  async acquire(
    build: FfiBuild,
    options: FfiAcquireOptions = {},
  ): Promise<FfiDriver> {
    if (this.#closed) throw new Error("The FFI driver pool is closed");
    // Any build with libraries (OpenSSL's, a fork's with its symbol map): one driver per
    // implementation, build and launch (a mutant's launch differs).
    const key = JSON.stringify([
      build.implementation,
      build.id,
      build.path ?? null,
      ffiLibraries(build).libssl,
      ffiLaunch(build),
    ]);
    let pending = this.#drivers.get(key);
    if (pending) {
      const driver = await pending.catch(() => undefined);
      if (driver?.processAlive) return driver;
      if (this.#drivers.get(key) === pending) this.#drivers.delete(key);
      pending = this.#drivers.get(key); // another caller may have restarted it meanwhile
    }
    if (!pending) {
      const startOptions: FfiDriverStartOptions = {
        signal: this.#options.signal,
        timeoutMs: options.timeoutMs,
        driverPath: this.#options.driverPath,
      };
      pending = FfiDriver.start(build, startOptions);
      this.started++;
      this.#drivers.set(key, pending);
      pending.catch(() => {
        if (this.#drivers.get(key) === pending) this.#drivers.delete(key);
      });
    }
    return await abortable(pending, options.signal);
  }

  /** Close every driver (stdin closed, then killed after a grace period). Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#drivers.values()];
    this.#drivers.clear();
    await Promise.allSettled(all.map(async (p) => (await p).close()));
  }

  /** Close every driver of the pool (see {@linkcode FfiDriverPool.close}). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
