/**
 * Everything one driver knows while it runs: the handle table, which SSL_CTX / SSL pointers it
 * created, the sessions it tags (`session_tracker.ts`), the new-session callback, and the mutant
 * it runs (its libssl view and hooks). The ops (`ops_*.ts`) are functions of this state and the
 * request's arguments.
 *
 * State lives in handle entries (`CtxData`, `SslData`) wherever it belongs to one object; what
 * is per driver rather than per handle is the freed-session list, the untagged-free count and the
 * two pointer maps (see README, "State").
 *
 * @example
 * ```ts ignore
 * import { openLibssl } from "./libssl.ts";
 * import { DriverState } from "./driver_state.ts";
 * const d = new DriverState(openLibssl({ libssl: "…/libssl.so.3", libcrypto: "…/libcrypto.so.3" }));
 * console.log(d.mutant, d.sessions.freed);
 * ```
 * @module
 */

import type { Handle, NewSessionCall } from "./protocol.ts";
import { type AnySymbol, type Libssl, pointerValue } from "./libssl.ts";
import { type HandleEntry, HandleTable } from "./handle_table.ts";
import { CALLBACKS, IMPL_SYMBOLS, type ImplSymbol } from "./symbols.ts";
import { ctrlCall } from "./ctx_ctrl.ts";
import { type DriverConstants, driverConstants, type FfiApiOptions } from "./api_options.ts";
import type { FfiMutantName } from "./ffi_mutant.ts";
import {
  type DriverHooks,
  type MutantOverride,
  type MutantScope,
  REAL_HOOKS,
} from "./driver_hooks.ts";
import { MUTANT_OVERRIDES } from "./mutant_overrides.ts";
import { patchLibssl } from "./libssl_patch.ts";
import { SessionTracker } from "./session_tracker.ts";
import { OpError } from "./op_error.ts";
import type { Args } from "./op_args.ts";

/** What the driver keeps per SSL_CTX. */
export interface CtxData {
  /** The method it was made with. */
  role: "client" | "server" | "any";
  /** What the new-session callback returns (1 = keep the reference). */
  keepNewSessions: boolean;
  /** Every call of the new-session callback for this context. */
  calls: NewSessionCall[];
}

/** An SSL's TCP connection (memory BIOs pumped through the socket). */
export interface TcpState {
  /** The socket. */
  conn: Deno.TcpConn;
  /** A read that timed out and is still pending, kept for the next read. */
  pending: Promise<Uint8Array | null> | null;
  /** The peer closed. */
  eof: boolean;
}

/** What the driver keeps per SSL. */
export interface SslData {
  /** Connect or accept state. */
  role: "client" | "server";
  /** The context it was made from. */
  ctx: Handle;
  /** Its input memory BIO (owned by the SSL). */
  rbio: Deno.PointerObject;
  /** Its output memory BIO (owned by the SSL). */
  wbio: Deno.PointerObject;
  /** New-session callback calls for this SSL so far. */
  newSessionCalls: number;
  /** Its TCP connection, when `connect_tcp` made one. */
  tcp: TcpState | null;
  /** The SSL it last did an in-memory `handshake` with (for a later ticket flush). */
  peer: Handle | null;
  /** A handshake step, read or write was made on it (SSL_clear resets this). */
  started: boolean;
}

/** An SSL_CTX handle entry. */
export type CtxEntry = HandleEntry<CtxData>;
/** An SSL handle entry. */
export type SslEntry = HandleEntry<SslData>;

/** Options of the {@linkcode DriverState} constructor. */
export interface DriverStateOptions {
  /** The mutant to run (see `ffi_mutant.ts`); null or absent for the real behaviour. */
  mutant?: FfiMutantName | null;
  /** The implementation's constants, start calls and ticket behaviour (absent: OpenSSL's). */
  api?: FfiApiOptions;
}

/** One driver's state; see the module doc. */
export class DriverState {
  /** libssl as the ops see it: the real one, or patched by the mutant. */
  readonly lib: Libssl;
  /** The mutant this driver runs, or null. */
  readonly mutant: FfiMutantName | null;
  /** The mutant's hooks over {@linkcode REAL_HOOKS}. */
  readonly hooks: DriverHooks;
  /**
   * Why the mutant cannot act on this build (it replaces only functions the library does not
   * export), or undefined: every op then fails as unsupported, so `harness mutate` reports the
   * mutant as not applicable instead of reading the failure as a kill.
   */
  readonly mutantUnsupported?: string;
  /** Every object handed out. */
  readonly handles = new HandleTable();
  /** Session tags and frees. */
  readonly sessions: SessionTracker;
  /** SSL_CTX handles by pointer, for the new-session callback (kept after ctx_free). */
  readonly ctxByPtr = new Map<bigint, Handle>();
  /** SSL handles by pointer, while the SSL lives. */
  readonly sslByPtr = new Map<bigint, Handle>();
  /** The one new-session callback installed on every context. */
  readonly newSessionCallback: Deno.UnsafeCallback<typeof CALLBACKS.newSession>;
  /** Constants as this implementation spells them. */
  readonly constants: DriverConstants;
  /** The implementation's driver options. */
  readonly api: FfiApiOptions;

  /**
   * Open the state over `lib`: run the implementation's start calls, then register the ex_data
   * index. @throws {OpError} when a start call or the ex_data index fails.
   */
  constructor(lib: Libssl, options: DriverStateOptions = {}) {
    this.mutant = options.mutant ?? null;
    this.api = options.api ?? {};
    this.constants = driverConstants(this.api);
    for (const name of this.api.init ?? []) {
      if (!(name in IMPL_SYMBOLS)) throw new TypeError(`Unknown start call "${name}"`);
      const rc = lib.fn(name as ImplSymbol)();
      if (rc !== 1) throw new OpError(`${name}() returned ${rc}, expected 1`, lib.errors());
    }
    this.sessions = new SessionTracker(lib, this.handles, () => this.newSessionObject(lib), {
      allocatorFrees: this.api.allocatorFrees ?? false,
    });
    const scope: MutantScope = {
      lib,
      handles: this.handles,
      sslAt: (p) => this.#sslAt(p),
      sessionAt: (p) => this.sessions.tagged(p),
    };
    let override: MutantOverride = {};
    if (this.mutant) {
      try {
        override = MUTANT_OVERRIDES[this.mutant](scope);
      } catch (e) {
        if (!(e instanceof OpError) || e.unsupported === undefined) throw e;
        this.mutantUnsupported = `FFI mutant "${this.mutant}" needs ${e.unsupported}, ` +
          `which ${lib.version} does not export`;
      }
      // A mutant whose every replaced function is absent here (or that found none to replace,
      // as the SSL_CTX_ctrl ones on a build without any spelling of a command) changes nothing:
      // a failure under it would be the build's, not the mutant's.
      const replaced = Object.keys(override.symbols ?? {});
      if (
        !this.mutantUnsupported && !override.hooks &&
        !replaced.some((s) => lib.has(s as AnySymbol))
      ) {
        const what = replaced.length
          ? `replaces ${replaced.join(", ")}, which ${lib.version} does not export`
          : `finds no function of ${lib.version} to replace`;
        this.mutantUnsupported = `FFI mutant "${this.mutant}" ${what}: it cannot act on this build`;
      }
    }
    this.lib = patchLibssl(lib, override.symbols);
    this.hooks = { ...REAL_HOOKS, ...override.hooks };
    this.newSessionCallback = new Deno.UnsafeCallback(CALLBACKS.newSession, (ssl, sess) => {
      try {
        return this.#onNewSession(ssl, sess);
      } catch {
        return 0;
      }
    });
  }

  #sslAt(p: Deno.PointerValue): SslEntry | undefined {
    const h = this.sslByPtr.get(pointerValue(p));
    return h ? this.handles.peek(h) as SslEntry : undefined;
  }

  #onNewSession(ssl: Deno.PointerValue, sess: Deno.PointerValue): number {
    const sslEntry = this.#sslAt(ssl);
    return this.hooks.newSessionCallback(sslEntry, () => {
      const ctxHandle = this.ctxByPtr.get(pointerValue(this.lib.fn("SSL_get_SSL_CTX")(ssl)));
      const ref = this.sessions.ref(sess);
      const ctx = ctxHandle ? this.handles.peek(ctxHandle) as CtxEntry : undefined;
      const keep = ctx?.data.keepNewSessions ?? false;
      if (ref.session !== null) {
        ctx?.data.calls.push({
          session: ref.session,
          ptr: ref.ptr!,
          ssl: sslEntry?.id ?? null,
          returned: keep ? 1 : 0,
        });
      }
      if (sslEntry) sslEntry.data.newSessionCalls++;
      return keep ? 1 : 0;
    });
  }

  /** Throw an OpError "`what` failed" with libcrypto's error queue. */
  fail(what: string): never {
    throw new OpError(`${what} failed`, this.lib.errors());
  }

  /** The live SSL_CTX named by `args[field]`. */
  ctx(args: Args, field = "ctx"): CtxEntry {
    return this.handles.get<CtxData>(args[field], "ctx", field);
  }

  /** The live SSL named by `args[field]`. */
  ssl(args: Args, field = "ssl"): SslEntry {
    return this.handles.get<SslData>(args[field], "ssl", field);
  }

  /** The live SSL_SESSION named by `args[field]`. */
  session(args: Args, field = "session"): HandleEntry {
    return this.handles.get(args[field], "session", field);
  }

  /** `SSL_CTX_ctrl(ctx, cmd, larg, NULL)` as this build spells it (see `ctx_ctrl.ts`). */
  ctxCtrl(ctx: Deno.PointerObject, cmd: number, larg: number): number {
    return ctrlCall(this.lib, ctx, cmd, larg);
  }

  /**
   * `SSL_SESSION_new()`; where the build's takes an `SSL_CTX *` (BoringSSL: the context supplies
   * only its X.509 method, a static table, and holds no reference to the session), a context made
   * for the call and freed after it. NULL when the library returns NULL.
   */
  newSessionObject(lib: Libssl = this.lib): Deno.PointerValue {
    if (lib.paths.symbols?.SSL_SESSION_new?.parameters?.length !== 1) {
      return lib.fn("SSL_SESSION_new")();
    }
    const withCtx = lib.fn("SSL_SESSION_new") as unknown as (
      ctx: Deno.PointerValue,
    ) => Deno.PointerValue;
    const ctx = lib.fn("SSL_CTX_new")(lib.fn("TLS_method")());
    if (!ctx) throw new OpError("SSL_CTX_new (for SSL_SESSION_new) failed", lib.errors());
    try {
      return withCtx(ctx);
    } finally {
      lib.fn("SSL_CTX_free")(ctx);
    }
  }
}
