/**
 * The driver-side implementation of every op of the protocol ({@linkcode FfiOps}): the handle
 * table, the callbacks that observe libssl (new-session, ex_data free/dup), memory-BIO pumps and
 * TCP pumps. It runs inside `driver.ts`, the one process that holds this build's libssl.
 *
 * How frees are observed: on start the driver registers an SSL_SESSION ex_data index
 * (`CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_SESSION, …)`) with a free callback and a dup
 * callback. Every session the driver hands out is tagged with its handle id as the ex_data
 * value; libssl calls the free callback when the session's reference count reaches zero, and
 * the driver then marks that handle dead and appends it to `freed_sessions`. The dup callback
 * clears the tag on copies (`SSL_SESSION_dup` and libssl's internal copies carry ex_data over),
 * so a copy is never mistaken for its original; the free callback also checks the pointer.
 *
 * Mutants (`harness mutate`, see `ffi_mutant.ts` and `harness/mutate/mutants.ts`): constructed
 * with `{ mutant }`, the ops alter exactly that one libssl behaviour; every `#mutant === …`
 * branch below is one of them. None touches freed memory: a session the SSL no longer holds is
 * handed back as its (dead) handle, without calling libssl on it.
 *
 * @example
 * ```ts ignore
 * import { openLibssl } from "./libssl.ts";
 * import { DriverOps } from "./driver_ops.ts";
 * const ops = new DriverOps(openLibssl({ libssl: "…/libssl.so.3", libcrypto: "…/libcrypto.so.3" }));
 * console.log(await ops.dispatch("session_new", {}));
 * ```
 * @module
 */

import type { FfiOpName, Handle, NewSessionCall, SessionRef, SslCallResult } from "./protocol.ts";
import { cString, type OpenedLibssl, pointerHex } from "./libssl.ts";
import { type HandleEntry, HandleTable } from "./handle_table.ts";
import { CALLBACKS } from "./symbols.ts";
import type { FfiMutantName } from "./ffi_mutant.ts";
import {
  CRYPTO_EX_INDEX_SSL_SESSION,
  SSL_CTRL,
  SSL_ERROR,
  SSL_FILETYPE_PEM,
  SSL_OP_NO_TICKET,
  SSL_SESS_CACHE,
  SSL_SHUTDOWN_BITS,
  SSL_VERIFY,
  sslErrorName,
  TLS_VERSION,
  type TlsVersionName,
} from "./constants.ts";

/**
 * An op failed inside the driver; carries libcrypto's error queue.
 *
 * @example
 * ```ts
 * import { OpError } from "./driver_ops.ts";
 * console.log(new OpError("SSL_new failed", ["error:0A0000C1:SSL routines::no shared cipher"]));
 * ```
 */
export class OpError extends Error {
  /** `ERR_error_string_n` texts drained when the error was raised. */
  readonly opensslErrors: string[];
  constructor(message: string, opensslErrors: string[] = []) {
    super(message);
    this.name = "OpError";
    this.opensslErrors = opensslErrors;
  }
}

interface CtxData {
  role: "client" | "server" | "any";
  keepNewSessions: boolean;
  calls: NewSessionCall[];
}

interface TcpState {
  conn: Deno.TcpConn;
  pending: Promise<Uint8Array | null> | null;
  eof: boolean;
}

interface SslData {
  role: "client" | "server";
  ctx: Handle;
  rbio: Deno.PointerObject;
  wbio: Deno.PointerObject;
  newSessionCalls: number;
  tcp: TcpState | null;
  /** Mutant get_returns_first_ticket: the first session the new-session callback saw. */
  firstNewSession: Handle | null;
  /** Mutant get0_stale: the first non-NULL session get0 returned. */
  firstGet0: Handle | null;
  /** Mutant get_returns_set_session: the session last given to set_session. */
  setSession: Handle | null;
  /** Mutant set_session_held_until_free: references the driver holds until ssl_free. */
  held: Deno.PointerObject[];
}

type Args = Record<string, unknown>;

/** Options of the {@linkcode DriverOps} constructor. */
export interface DriverOpsOptions {
  /** The mutant to run (see `ffi_mutant.ts`); null or absent for the real behaviour. */
  mutant?: FfiMutantName | null;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function ptrValue(p: Deno.PointerValue): bigint {
  return p === null ? 0n : BigInt(Deno.UnsafePointer.value(p));
}

function num(args: Args, field: string, fallback?: number): number {
  const v = args[field] ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new TypeError(`Field "${field}" must be a number, got ${JSON.stringify(args[field])}`);
  }
  return v;
}

function str(args: Args, field: string): string {
  const v = args[field];
  if (typeof v !== "string") {
    throw new TypeError(`Field "${field}" must be a string, got ${JSON.stringify(v)}`);
  }
  return v;
}

function optStr(args: Args, field: string): string | undefined {
  return args[field] === undefined ? undefined : str(args, field);
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * The driver's state and op implementations (`op_<name>` methods). One instance per driver
 * process; see the module doc for how frees are observed.
 *
 * @example
 * ```ts ignore
 * import { openLibssl } from "./libssl.ts";
 * import { DriverOps } from "./driver_ops.ts";
 * const ops = new DriverOps(openLibssl({ libssl: "…/libssl.so.3", libcrypto: "…/libcrypto.so.3" }));
 * const { session } = await ops.dispatch("session_new", {}) as { session: number };
 * console.log(await ops.dispatch("session_free", { session }));
 * ```
 */
export class DriverOps {
  /** The opened build. */
  readonly lib: OpenedLibssl;
  /** The mutant this driver runs, or null. */
  readonly mutant: FfiMutantName | null;
  #t = new HandleTable();
  #exIndex: number;
  #freed: Handle[] = [];
  #untaggedFrees = 0;
  #ctxByPtr = new Map<bigint, Handle>();
  #sslByPtr = new Map<bigint, Handle>();
  #readBuf = new Uint8Array(16 * 1024);
  // Kept in fields so they are never garbage collected while libssl holds their pointers.
  #freeCb: Deno.UnsafeCallback<typeof CALLBACKS.exFree>;
  #dupCb: Deno.UnsafeCallback<typeof CALLBACKS.exDup>;
  #newSessionCb: Deno.UnsafeCallback<typeof CALLBACKS.newSession>;

  constructor(lib: OpenedLibssl, options: DriverOpsOptions = {}) {
    this.lib = lib;
    this.mutant = options.mutant ?? null;
    this.#freeCb = new Deno.UnsafeCallback(CALLBACKS.exFree, (parent, ptr) => {
      try {
        this.#onSessionFree(parent, ptr);
      } catch { /* never throw into C */ }
    });
    this.#dupCb = new Deno.UnsafeCallback(CALLBACKS.exDup, (_to, _from, fromD) => {
      // A copy must not inherit the original's tag: zero the value about to be stored.
      try {
        if (fromD) new BigUint64Array(Deno.UnsafePointerView.getArrayBuffer(fromD, 8))[0] = 0n;
      } catch { /* never throw into C */ }
      return 1;
    });
    this.#newSessionCb = new Deno.UnsafeCallback(CALLBACKS.newSession, (ssl, sess) => {
      try {
        return this.#onNewSession(ssl, sess);
      } catch {
        return 0;
      }
    });
    this.#exIndex = lib.fn("CRYPTO_get_ex_new_index")(
      CRYPTO_EX_INDEX_SSL_SESSION,
      0n,
      null,
      null,
      this.#dupCb.pointer,
      this.#freeCb.pointer,
    );
    if (this.#exIndex < 0) {
      throw new OpError("CRYPTO_get_ex_new_index failed", lib.errors());
    }
  }

  /** Run one op. Throws TypeError/RangeError for bad arguments, OpError when libssl fails. */
  dispatch(op: string, args: Args = {}): Promise<unknown> | unknown {
    this.lib.has("ERR_clear_error") && this.lib.fn("ERR_clear_error")();
    const impl = (this as unknown as Record<string, unknown>)[`op_${op}`];
    if (typeof impl !== "function") throw new RangeError(`Unknown op "${op}"`);
    return (impl as (a: Args) => unknown).call(this, args ?? {});
  }

  /** Names of all ops this driver implements. */
  static opNames(): FfiOpName[] {
    return Object.getOwnPropertyNames(DriverOps.prototype)
      .filter((n) => n.startsWith("op_"))
      .map((n) => n.slice(3) as FfiOpName);
  }

  // ---------------------------------------------------------------- observation callbacks

  #onSessionFree(parent: Deno.PointerValue, tagPtr: Deno.PointerValue): void {
    const tag = Number(ptrValue(tagPtr));
    const e = tag ? this.#t.peek(tag) : undefined;
    if (e && e.kind === "session" && e.alive && ptrValue(e.ptr) === ptrValue(parent)) {
      this.#t.kill(tag);
      this.#freed.push(tag);
    } else {
      this.#untaggedFrees++;
    }
  }

  #onNewSession(ssl: Deno.PointerValue, sess: Deno.PointerValue): number {
    const ctxPtr = this.lib.fn("SSL_get_SSL_CTX")(ssl);
    const ctxHandle = this.#ctxByPtr.get(ptrValue(ctxPtr));
    const sslHandle = this.#sslByPtr.get(ptrValue(ssl)) ?? null;
    const sslEntry = sslHandle ? this.#t.peek(sslHandle) as HandleEntry<SslData> : undefined;
    if (this.mutant === "new_session_cb_once" && sslEntry && sslEntry.data.newSessionCalls > 0) {
      // Only the first session per connection is announced; libssl keeps no extra reference
      // of the others (return 0), so nothing leaks to the scenario.
      return 0;
    }
    const ref = this.#sessionRef(sess);
    if (sslEntry && sslEntry.data.firstNewSession === null) {
      sslEntry.data.firstNewSession = ref.session;
    }
    const ctx = ctxHandle ? this.#t.peek(ctxHandle) as HandleEntry<CtxData> : undefined;
    const keep = ctx?.data.keepNewSessions ?? false;
    if (ref.session !== null) {
      ctx?.data.calls.push({
        session: ref.session,
        ptr: ref.ptr!,
        ssl: sslHandle,
        returned: keep ? 1 : 0,
      });
    }
    if (sslEntry) sslEntry.data.newSessionCalls++;
    return keep ? 1 : 0;
  }

  /** The handle of a session pointer: the existing one (by ex_data tag) or a new one. */
  #sessionRef(p: Deno.PointerValue): SessionRef {
    if (p === null) return { session: null, ptr: null };
    const tag = Number(ptrValue(this.lib.fn("SSL_SESSION_get_ex_data")(p, this.#exIndex)));
    if (tag) {
      const e = this.#t.peek(tag);
      if (e && e.kind === "session" && e.alive && ptrValue(e.ptr) === ptrValue(p)) {
        return { session: tag, ptr: pointerHex(p) };
      }
    }
    const h = this.#t.add("session", p);
    const ok = this.lib.fn("SSL_SESSION_set_ex_data")(
      p,
      this.#exIndex,
      Deno.UnsafePointer.create(BigInt(h)),
    );
    if (ok !== 1) {
      this.#t.kill(h);
      throw new OpError("SSL_SESSION_set_ex_data failed", this.lib.errors());
    }
    return { session: h, ptr: pointerHex(p) };
  }

  /** Run fn and return the handles freed while it ran. */
  #watchFrees<T>(fn: () => T): { value: T; freed: Handle[] } {
    const before = this.#freed.length;
    const value = fn();
    return { value, freed: this.#freed.slice(before) };
  }

  #fail(what: string): never {
    throw new OpError(`${what} failed`, this.lib.errors());
  }

  #ctx(args: Args, field = "ctx"): HandleEntry<CtxData> {
    return this.#t.get<CtxData>(args[field], "ctx", field);
  }

  #ssl(args: Args, field = "ssl"): HandleEntry<SslData> {
    return this.#t.get<SslData>(args[field], "ssl", field);
  }

  #session(args: Args, field = "session"): HandleEntry {
    return this.#t.get(args[field], "session", field);
  }

  #ctxCtrl(ctx: Deno.PointerObject, cmd: number, larg: number): number {
    return Number(this.lib.fn("SSL_CTX_ctrl")(ctx, cmd, BigInt(larg), null));
  }

  // ---------------------------------------------------------------- ops: general

  op_hello(): unknown {
    return {
      version: this.lib.version,
      versionNumber: this.lib.versionNumber,
      missingSymbols: [...this.lib.missingSymbols],
      libssl: this.lib.paths.libssl,
      libcrypto: this.lib.paths.libcrypto,
      pid: Deno.pid,
      mutant: this.mutant,
    };
  }

  op_freed_sessions(): unknown {
    return { handles: [...this.#freed], untagged: this.#untaggedFrees };
  }

  op_handles(): unknown {
    return {
      live: this.#t.live().map((e) => ({ handle: e.id, kind: e.kind, ptr: pointerHex(e.ptr) })),
      dead: this.#t.dead(),
    };
  }

  // ---------------------------------------------------------------- ops: SSL_CTX

  op_ctx_new(args: Args): unknown {
    const role = args.role ?? "any";
    if (role !== "client" && role !== "server" && role !== "any") {
      throw new TypeError(
        `Field "role" must be "client", "server" or "any", got ${JSON.stringify(role)}`,
      );
    }
    const lib = this.lib;
    const method = role === "client"
      ? lib.fn("TLS_client_method")()
      : role === "server"
      ? lib.fn("TLS_server_method")()
      : lib.fn("TLS_method")();
    const ctx = lib.fn("SSL_CTX_new")(method);
    if (!ctx) this.#fail("SSL_CTX_new");
    const data: CtxData = {
      role,
      keepNewSessions: args.keepNewSessions === undefined ? true : args.keepNewSessions === true,
      calls: [],
    };
    const h = this.#t.add("ctx", ctx, data);
    this.#ctxByPtr.set(ptrValue(ctx), h);
    try {
      this.#configureCtx(ctx, args);
    } catch (e) {
      lib.fn("SSL_CTX_free")(ctx);
      this.#t.kill(h);
      throw e;
    }
    return { ctx: h };
  }

  #configureCtx(ctx: Deno.PointerObject, args: Args): void {
    const lib = this.lib;
    const version = (field: string): number => {
      const v = args[field] as TlsVersionName;
      const n = TLS_VERSION[v];
      if (n === undefined) {
        throw new TypeError(
          `Field "${field}" must be one of ${Object.keys(TLS_VERSION).join(", ")}, got ${
            JSON.stringify(v)
          }`,
        );
      }
      return n;
    };
    if (args.minVersion !== undefined) {
      const n = version("minVersion");
      if (this.#ctxCtrl(ctx, SSL_CTRL.SET_MIN_PROTO_VERSION, n) !== 1) {
        this.#fail("SSL_CTX_set_min_proto_version");
      }
    }
    if (args.maxVersion !== undefined) {
      const n = version("maxVersion");
      if (this.#ctxCtrl(ctx, SSL_CTRL.SET_MAX_PROTO_VERSION, n) !== 1) {
        this.#fail("SSL_CTX_set_max_proto_version");
      }
    }
    if (args.numTickets !== undefined) {
      if (lib.fn("SSL_CTX_set_num_tickets")(ctx, BigInt(num(args, "numTickets"))) !== 1) {
        this.#fail("SSL_CTX_set_num_tickets");
      }
    }
    const sidCtx = optStr(args, "sessionIdContext");
    if (sidCtx !== undefined) {
      const bytes = encoder.encode(sidCtx);
      if (lib.fn("SSL_CTX_set_session_id_context")(ctx, bytes, bytes.length) !== 1) {
        this.#fail("SSL_CTX_set_session_id_context");
      }
    }
    const cert = optStr(args, "cert");
    if (cert !== undefined) {
      if (lib.fn("SSL_CTX_use_certificate_chain_file")(ctx, cString(cert)) !== 1) {
        this.#fail(`SSL_CTX_use_certificate_chain_file("${cert}")`);
      }
    }
    const key = optStr(args, "key");
    if (key !== undefined) {
      if (lib.fn("SSL_CTX_use_PrivateKey_file")(ctx, cString(key), SSL_FILETYPE_PEM) !== 1) {
        this.#fail(`SSL_CTX_use_PrivateKey_file("${key}")`);
      }
    }
    const caFile = optStr(args, "caFile");
    if (caFile !== undefined) {
      if (lib.fn("SSL_CTX_load_verify_locations")(ctx, cString(caFile), null) !== 1) {
        this.#fail(`SSL_CTX_load_verify_locations("${caFile}")`);
      }
      lib.fn("SSL_CTX_set_verify")(ctx, SSL_VERIFY.PEER, null);
    }
    if (args.cacheMode !== undefined) {
      const m = args.cacheMode;
      const bits = typeof m === "number" ? m : {
        off: SSL_SESS_CACHE.OFF,
        client: SSL_SESS_CACHE.CLIENT,
        server: SSL_SESS_CACHE.SERVER,
        both: SSL_SESS_CACHE.BOTH,
      }[m as string];
      if (bits === undefined) {
        throw new TypeError(
          `Field "cacheMode" must be "off", "client", "server", "both" or a number`,
        );
      }
      this.#ctxCtrl(ctx, SSL_CTRL.SET_SESS_CACHE_MODE, bits);
    }
    if (args.noTicket === true) {
      if (lib.has("SSL_CTX_set_options")) lib.fn("SSL_CTX_set_options")(ctx, SSL_OP_NO_TICKET);
      else this.#ctxCtrl(ctx, SSL_CTRL.OPTIONS, Number(SSL_OP_NO_TICKET));
    }
    if (args.timeout !== undefined) {
      lib.fn("SSL_CTX_set_timeout")(ctx, BigInt(num(args, "timeout")));
    }
    lib.fn("SSL_CTX_sess_set_new_cb")(ctx, this.#newSessionCb.pointer);
  }

  op_ctx_free(args: Args): unknown {
    const e = this.#ctx(args);
    this.lib.fn("SSL_CTX_free")(e.ptr);
    // SSLs hold their own reference to the SSL_CTX, so the object may live on; the handle
    // does not (the caller gave up its reference). The pointer map stays for the callback.
    this.#t.kill(e.id);
    return {};
  }

  op_ctx_sess_number(args: Args): unknown {
    return { count: this.#ctxCtrl(this.#ctx(args).ptr, SSL_CTRL.SESS_NUMBER, 0) };
  }

  op_ctx_flush_sessions(args: Args): unknown {
    const e = this.#ctx(args);
    const time = num(args, "time");
    const name = this.lib.has("SSL_CTX_flush_sessions_ex")
      ? "SSL_CTX_flush_sessions_ex"
      : "SSL_CTX_flush_sessions";
    if (this.mutant === "flush_noop") return { function: name, freed: [] };
    const { freed } = this.#watchFrees(() =>
      this.lib.fn(name as "SSL_CTX_flush_sessions")(e.ptr, BigInt(Math.trunc(time)))
    );
    return { function: name, freed };
  }

  op_ctx_set_timeout(args: Args): unknown {
    const e = this.#ctx(args);
    const prev = this.lib.fn("SSL_CTX_set_timeout")(e.ptr, BigInt(num(args, "seconds")));
    return { previous: Number(prev) };
  }

  op_ctx_add_session(args: Args): unknown {
    const c = this.#ctx(args);
    const s = this.#session(args);
    return { rc: this.lib.fn("SSL_CTX_add_session")(c.ptr, s.ptr) };
  }

  op_ctx_remove_session(args: Args): unknown {
    const c = this.#ctx(args);
    const s = this.#session(args);
    return { rc: this.lib.fn("SSL_CTX_remove_session")(c.ptr, s.ptr) };
  }

  op_ctx_new_sessions(args: Args): unknown {
    // Readable after ctx_free too: observations outlive the handle.
    const e = this.#t.peek(num(args, "ctx"));
    if (!e || e.kind !== "ctx") throw new RangeError(`Handle ${args.ctx} is not an SSL_CTX`);
    const calls = (e.data as CtxData).calls;
    return { count: calls.length, calls: [...calls] };
  }

  // ---------------------------------------------------------------- ops: SSL

  op_ssl_new(args: Args): unknown {
    const c = this.#ctx(args);
    const role = (args.role ?? (c.data.role === "any" ? undefined : c.data.role)) as
      | "client"
      | "server"
      | undefined;
    if (role !== "client" && role !== "server") {
      throw new TypeError(
        `Field "role" must be "client" or "server" for an SSL of an "any" context`,
      );
    }
    const lib = this.lib;
    const ssl = lib.fn("SSL_new")(c.ptr);
    if (!ssl) this.#fail("SSL_new");
    const rbio = lib.fn("BIO_new")(lib.fn("BIO_s_mem")());
    const wbio = lib.fn("BIO_new")(lib.fn("BIO_s_mem")());
    if (!rbio || !wbio) {
      if (rbio) lib.fn("BIO_free")(rbio);
      if (wbio) lib.fn("BIO_free")(wbio);
      lib.fn("SSL_free")(ssl);
      this.#fail("BIO_new(BIO_s_mem())");
    }
    // SSL_set_bio hands both BIOs to the SSL: SSL_free frees them.
    lib.fn("SSL_set_bio")(ssl, rbio, wbio);
    if (role === "client") lib.fn("SSL_set_connect_state")(ssl);
    else lib.fn("SSL_set_accept_state")(ssl);
    const data: SslData = {
      role,
      ctx: c.id,
      rbio,
      wbio,
      newSessionCalls: 0,
      tcp: null,
      firstNewSession: null,
      firstGet0: null,
      setSession: null,
      held: [],
    };
    const h = this.#t.add("ssl", ssl, data);
    this.#sslByPtr.set(ptrValue(ssl), h);
    if (this.mutant === "fresh_ssl_has_session") {
      // A new SSL comes with a blank session already set (the SSL holds the only reference).
      const blank = lib.fn("SSL_SESSION_new")();
      if (blank) {
        lib.fn("SSL_set_session")(ssl, blank);
        lib.fn("SSL_SESSION_free")(blank);
      }
    }
    return { ssl: h };
  }

  op_ssl_free(args: Args): unknown {
    const e = this.#ssl(args);
    this.#closeTcp(e.data);
    if (this.mutant === "ssl_free_as_clean") {
      // Marked as shut down, an SSL freed without SSL_shutdown counts as closed cleanly.
      this.lib.fn("SSL_set_shutdown")(e.ptr, SSL_SHUTDOWN_BITS.SENT | SSL_SHUTDOWN_BITS.RECEIVED);
    }
    const { freed } = this.#watchFrees(() => {
      this.lib.fn("SSL_free")(e.ptr);
      // References the driver took itself (mutant set_session_held_until_free) go last.
      for (const p of e.data.held.splice(0)) this.lib.fn("SSL_SESSION_free")(p);
    });
    this.#t.kill(e.id);
    this.#sslByPtr.delete(ptrValue(e.ptr));
    return { freed };
  }

  op_ssl_clear(args: Args): unknown {
    const e = this.#ssl(args);
    const { value, freed } = this.#watchFrees(() => this.lib.fn("SSL_clear")(e.ptr));
    return { rc: value, freed };
  }

  op_ssl_info(args: Args): unknown {
    const e = this.#ssl(args);
    return {
      version: this.lib.fn("SSL_version")(e.ptr),
      initFinished: this.lib.fn("SSL_is_init_finished")(e.ptr) === 1,
      role: e.data.role,
    };
  }

  op_get_session(args: Args): unknown {
    const e = this.#ssl(args);
    const variant = args.variant ?? "get";
    let fn: string;
    let p: Deno.PointerValue;
    if (variant === "get") {
      fn = "SSL_get_session";
      p = this.lib.fn("SSL_get_session")(e.ptr);
    } else if (variant === "get0") {
      // A macro for SSL_get_session in 1.1.1 and 3.x: call the real symbol when one exists.
      if (this.lib.has("SSL_get0_session")) {
        fn = "SSL_get0_session";
        p = this.lib.fn("SSL_get0_session")(e.ptr);
      } else {
        fn = "SSL_get_session (SSL_get0_session is a macro)";
        p = this.lib.fn("SSL_get_session")(e.ptr);
      }
    } else if (variant === "get1") {
      fn = "SSL_get1_session";
      if (this.mutant === "get1_without_ref") {
        p = this.lib.fn("SSL_get_session")(e.ptr);
      } else {
        p = this.lib.fn("SSL_get1_session")(e.ptr);
        if (p && this.mutant === "get1_two_refs") this.lib.fn("SSL_SESSION_up_ref")(p);
      }
    } else {
      throw new TypeError(`Field "variant" must be "get", "get0" or "get1"`);
    }
    if (p && variant !== "get1" && this.mutant === "get0_takes_ref") {
      this.lib.fn("SSL_SESSION_up_ref")(p);
    }
    const real = this.#sessionRef(p);
    return { ...(this.#mutantSession(e, variant, real) ?? real), function: fn };
  }

  /**
   * What a get_session mutant returns instead of the SSL's current session (`real`, already
   * counted as the variant counts it), or null to return the real one. A substitute the SSL no
   * longer holds may be dead: it is handed back as it is (handle and old pointer, which libssl
   * may since have reused for another object), without calling libssl on it.
   */
  #mutantSession(e: HandleEntry<SslData>, variant: unknown, real: SessionRef): SessionRef | null {
    let h: Handle | null = null;
    if (this.mutant === "get_returns_first_ticket") {
      h = e.data.firstNewSession;
    } else if (this.mutant === "get_returns_set_session") {
      h = e.data.setSession;
    } else if (this.mutant === "get0_stale" && variant === "get0") {
      e.data.firstGet0 ??= real.session;
      h = e.data.firstGet0;
    }
    const other = h === null ? undefined : this.#t.peek(h);
    if (!other || other.id === real.session) return null;
    if (this.mutant === "get_returns_set_session" && !other.alive) return null;
    if (variant === "get1") {
      // The caller owns one reference: give it on the substitute, take back the real one's
      // (the SSL still holds the real session, so this free cannot free it).
      if (other.alive) this.lib.fn("SSL_SESSION_up_ref")(other.ptr);
      if (real.session !== null) {
        this.lib.fn("SSL_SESSION_free")(this.#t.peek(real.session)!.ptr);
      }
    }
    return { session: other.id, ptr: pointerHex(other.ptr) };
  }

  op_set_session(args: Args): unknown {
    const e = this.#ssl(args);
    const s = args.session === null ? null : this.#session(args);
    if (this.mutant === "set_session_noop") return { rc: 1, freed: [] };
    const lib = this.lib;
    if (this.mutant === "set_session_leaks_previous") {
      // An extra reference on the session being replaced: SSL_set_session no longer frees it.
      const previous = lib.fn("SSL_get_session")(e.ptr);
      if (previous) lib.fn("SSL_SESSION_up_ref")(previous);
    }
    const { value, freed } = this.#watchFrees(() =>
      lib.fn("SSL_set_session")(e.ptr, s ? s.ptr : null)
    );
    e.data.setSession = s ? s.id : null;
    if (s && value === 1 && this.mutant === "set_session_held_until_free") {
      // A second reference, released only at ssl_free: an unused session outlives SSL_connect.
      lib.fn("SSL_SESSION_up_ref")(s.ptr);
      e.data.held.push(s.ptr);
    }
    return { rc: value, freed };
  }

  op_session_reused(args: Args): unknown {
    return { reused: this.lib.fn("SSL_session_reused")(this.#ssl(args).ptr) === 1 };
  }

  // ---------------------------------------------------------------- ops: SSL_SESSION

  op_session_new(): unknown {
    if (this.mutant === "session_new_null") return { session: null, ptr: null };
    const p = this.lib.fn("SSL_SESSION_new")();
    if (!p) this.#fail("SSL_SESSION_new");
    return this.#sessionRef(p);
  }

  op_session_dup(args: Args): unknown {
    const s = this.#session(args);
    if (this.mutant === "dup_as_up_ref") {
      // The "copy" is the source itself with one more reference, which the caller owns.
      this.lib.fn("SSL_SESSION_up_ref")(s.ptr);
      return this.#sessionRef(s.ptr);
    }
    const p = this.lib.fn("SSL_SESSION_dup")(s.ptr);
    if (!p) this.#fail("SSL_SESSION_dup");
    return this.#sessionRef(p);
  }

  op_session_up_ref(args: Args): unknown {
    const s = this.#session(args);
    if (this.mutant === "up_ref_noop") return { rc: 1 };
    return { rc: this.lib.fn("SSL_SESSION_up_ref")(s.ptr) };
  }

  op_session_free(args: Args): unknown {
    if (args.session === null) {
      // SN-4: SSL_SESSION_free(NULL) does nothing.
      this.lib.fn("SSL_SESSION_free")(null);
      return { freed: false };
    }
    const s = this.#session(args);
    if (this.mutant === "session_free_noop") return { freed: false };
    const { freed } = this.#watchFrees(() => this.lib.fn("SSL_SESSION_free")(s.ptr));
    return { freed: freed.includes(s.id) };
  }

  op_session_is_resumable(args: Args): unknown {
    return { resumable: this.#resumable(this.#session(args).ptr) };
  }

  #resumable(p: Deno.PointerObject): boolean {
    if (this.mutant === "resumable_always_1") return true;
    return this.lib.fn("SSL_SESSION_is_resumable")(p) === 1;
  }

  op_session_info(args: Args): unknown {
    const s = this.#session(args);
    const lib = this.lib;
    const maybe = <T>(sym: Parameters<OpenedLibssl["has"]>[0], f: () => T): T | null =>
      lib.has(sym) ? f() : null;
    const time = lib.has("SSL_SESSION_get_time_ex")
      ? Number(lib.fn("SSL_SESSION_get_time_ex")(s.ptr))
      : maybe("SSL_SESSION_get_time", () => Number(lib.fn("SSL_SESSION_get_time")(s.ptr)));
    return {
      protocolVersion: maybe(
        "SSL_SESSION_get_protocol_version",
        () => lib.fn("SSL_SESSION_get_protocol_version")(s.ptr),
      ),
      id: maybe("SSL_SESSION_get_id", () => this.#sessionId(s.ptr)),
      time,
      timeout: maybe(
        "SSL_SESSION_get_timeout",
        () => Number(lib.fn("SSL_SESSION_get_timeout")(s.ptr)),
      ),
      hasTicket: maybe(
        "SSL_SESSION_has_ticket",
        () => lib.fn("SSL_SESSION_has_ticket")(s.ptr) === 1,
      ),
      ticketLifetimeHint: maybe(
        "SSL_SESSION_get_ticket_lifetime_hint",
        () => Number(lib.fn("SSL_SESSION_get_ticket_lifetime_hint")(s.ptr)),
      ),
      resumable: maybe("SSL_SESSION_is_resumable", () => this.#resumable(s.ptr)),
    };
  }

  #sessionId(p: Deno.PointerObject): string {
    const len = new Uint32Array(1);
    const idPtr = this.lib.fn("SSL_SESSION_get_id")(p, len);
    if (!idPtr || len[0] === 0) return "";
    return hex(new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(idPtr, len[0]).slice(0)));
  }

  op_session_id(args: Args): unknown {
    return { id: this.#sessionId(this.#session(args).ptr) };
  }

  op_session_i2d(args: Args): unknown {
    const s = this.#session(args);
    const i2d = this.lib.fn("i2d_SSL_SESSION");
    const len = i2d(s.ptr, null);
    if (len <= 0) this.#fail("i2d_SSL_SESSION");
    const buf = new Uint8Array(len);
    // i2d writes through (and advances) *pp: hand it a pointer to our buffer's address.
    const pp = new BigUint64Array([ptrValue(Deno.UnsafePointer.of(buf))]);
    const written = i2d(s.ptr, pp);
    if (written !== len) this.#fail("i2d_SSL_SESSION");
    return { der: toBase64(buf) };
  }

  op_session_d2i(args: Args): unknown {
    const der = fromBase64(str(args, "der"));
    const pp = new BigUint64Array([ptrValue(Deno.UnsafePointer.of(der))]);
    const p = this.lib.fn("d2i_SSL_SESSION")(null, pp, BigInt(der.length));
    if (!p) this.#fail("d2i_SSL_SESSION");
    return this.#sessionRef(p);
  }

  op_session_set_timeout(args: Args): unknown {
    const s = this.#session(args);
    const rc = this.lib.fn("SSL_SESSION_set_timeout")(s.ptr, BigInt(num(args, "seconds")));
    return { rc: Number(rc) };
  }

  op_session_set_time(args: Args): unknown {
    const s = this.#session(args);
    const name = this.lib.has("SSL_SESSION_set_time_ex")
      ? "SSL_SESSION_set_time_ex"
      : "SSL_SESSION_set_time";
    const rc = this.lib.fn(name as "SSL_SESSION_set_time")(s.ptr, BigInt(num(args, "time")));
    return { rc: Number(rc), function: name };
  }

  // ---------------------------------------------------------------- memory-BIO pumps

  #drain(bio: Deno.PointerObject): Uint8Array {
    const pending = Number(this.lib.fn("BIO_ctrl_pending")(bio));
    if (pending === 0) return new Uint8Array(0);
    const out = new Uint8Array(pending);
    let off = 0;
    while (off < pending) {
      const n = this.lib.fn("BIO_read")(bio, out.subarray(off), pending - off);
      if (n <= 0) break;
      off += n;
    }
    return out.subarray(0, off);
  }

  #feed(bio: Deno.PointerObject, bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.length) {
      const n = this.lib.fn("BIO_write")(bio, bytes.subarray(off), bytes.length - off);
      if (n <= 0) this.#fail("BIO_write");
      off += n;
    }
  }

  #transfer(from: HandleEntry<SslData>, to: HandleEntry<SslData>): number {
    const bytes = this.#drain(from.data.wbio);
    if (bytes.length) this.#feed(to.data.rbio, bytes);
    return bytes.length;
  }

  /** One SSL I/O call's return value with SSL_get_error when it is not a success. */
  #result(e: HandleEntry<SslData>, rc: number): SslCallResult {
    if (rc > 0) return { rc, error: null };
    return { rc, error: sslErrorName(this.lib.fn("SSL_get_error")(e.ptr, rc)) };
  }

  /** Step a handshake; true when finished. WANT_READ/WANT_WRITE are progress, not failure. */
  #step(e: HandleEntry<SslData>, who: string): boolean {
    const rc = this.lib.fn("SSL_do_handshake")(e.ptr);
    if (rc === 1) return true;
    const err = this.lib.fn("SSL_get_error")(e.ptr, rc);
    if (err === SSL_ERROR.WANT_READ || err === SSL_ERROR.WANT_WRITE) return false;
    throw new OpError(
      `SSL_do_handshake failed on the ${who} (handle ${e.id}): rc ${rc}, ${sslErrorName(err)}`,
      this.lib.errors(),
    );
  }

  /** SSL_read everything available (processing post-handshake messages); returns the data. */
  #readAvailable(e: HandleEntry<SslData>): { data: Uint8Array; result: SslCallResult } {
    const chunks: Uint8Array[] = [];
    let result: SslCallResult = { rc: 0, error: null };
    for (let i = 0; i < 1000; i++) {
      const rc = this.lib.fn("SSL_read")(e.ptr, this.#readBuf, this.#readBuf.length);
      result = this.#result(e, rc);
      if (rc <= 0) break;
      chunks.push(this.#readBuf.slice(0, rc));
    }
    const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let off = 0;
    for (const c of chunks) {
      data.set(c, off);
      off += c.length;
    }
    return { data, result };
  }

  op_transfer(args: Args): unknown {
    return { bytes: this.#transfer(this.#ssl(args, "from"), this.#ssl(args, "to")) };
  }

  op_handshake(args: Args): unknown {
    const c = this.#ssl(args, "client");
    const s = this.#ssl(args, "server");
    const max = num(args, "maxIterations", 100);
    let cDone = false;
    let sDone = false;
    let i = 0;
    while (!(cDone && sDone)) {
      if (++i > max) {
        throw new OpError(
          `Handshake did not finish within ${max} iterations (client done: ${cDone}, server done: ${sDone})`,
          this.lib.errors(),
        );
      }
      if (!cDone) cDone = this.#step(c, "client");
      const moved1 = this.#transfer(c, s);
      if (!sDone) sDone = this.#step(s, "server");
      const moved2 = this.#transfer(s, c);
      if (!(cDone && sDone) && moved1 === 0 && moved2 === 0 && i > 1) {
        throw new OpError(
          `Handshake stalled after ${i} iterations: nothing to send (client done: ${cDone}, server done: ${sDone})`,
          this.lib.errors(),
        );
      }
    }
    const result: Record<string, unknown> = {
      iterations: i,
      version: this.lib.fn("SSL_version")(c.ptr),
      clientReused: this.lib.fn("SSL_session_reused")(c.ptr) === 1,
      serverReused: this.lib.fn("SSL_session_reused")(s.ptr) === 1,
    };
    if (args.readTickets === true) {
      result.newSessionCalls = (this.op_read_tickets({ client: c.id }) as {
        newSessionCalls: number;
      }).newSessionCalls;
    }
    return result;
  }

  op_read_tickets(args: Args): unknown {
    const c = this.#ssl(args, "client");
    if (args.server !== undefined) this.#transfer(this.#ssl(args, "server"), c);
    // Mutant tickets_unread: the post-handshake messages stay in the client's input BIO.
    if (this.mutant === "tickets_unread") return { newSessionCalls: 0, data: "" };
    const before = c.data.newSessionCalls;
    const { data, result } = this.#readAvailable(c);
    if (result.error !== "SSL_ERROR_WANT_READ" && result.rc <= 0) {
      throw new OpError(`SSL_read failed: rc ${result.rc}, ${result.error}`, this.lib.errors());
    }
    return { newSessionCalls: c.data.newSessionCalls - before, data: decoder.decode(data) };
  }

  op_ssl_write(args: Args): Promise<unknown> {
    const e = this.#ssl(args);
    const bytes = encoder.encode(str(args, "data"));
    const rc = this.lib.fn("SSL_write")(e.ptr, bytes, bytes.length);
    const r = this.#result(e, rc);
    return this.#flushTcp(e).then(() => r);
  }

  op_ssl_read(args: Args): unknown {
    const e = this.#ssl(args);
    const { data, result } = this.#readAvailable(e);
    return { ...result, data: decoder.decode(data) };
  }

  async op_ssl_shutdown(args: Args): Promise<unknown> {
    const e = this.#ssl(args);
    if (this.mutant === "shutdown_skipped") return { rc: 1, error: null };
    const r = this.#result(e, this.lib.fn("SSL_shutdown")(e.ptr));
    await this.#flushTcp(e);
    return r;
  }

  op_shutdown(args: Args): unknown {
    const c = this.#ssl(args, "client");
    const s = this.#ssl(args, "server");
    if (this.mutant === "shutdown_skipped") return { client: 1, server: 1 };
    const sh = this.lib.fn("SSL_shutdown");
    let rc = sh(c.ptr); // sends close_notify
    this.#transfer(c, s);
    let rs = sh(s.ptr); // sends its own close_notify
    if (rs === 0) rs = sh(s.ptr); // reads the client's
    this.#transfer(s, c);
    if (rc === 0) rc = sh(c.ptr); // reads the server's
    return { client: rc, server: rs };
  }

  // ---------------------------------------------------------------- TCP pumps

  async #flushTcp(e: HandleEntry<SslData>): Promise<void> {
    const tcp = e.data.tcp;
    if (!tcp) return;
    const bytes = this.#drain(e.data.wbio);
    let off = 0;
    while (off < bytes.length) off += await tcp.conn.write(bytes.subarray(off));
  }

  /** Next chunk from the socket, "eof", or "timeout" (the read stays pending for next time). */
  async #readTcp(tcp: TcpState, deadline: number): Promise<Uint8Array | "eof" | "timeout"> {
    if (tcp.eof) return "eof";
    if (!tcp.pending) {
      const buf = new Uint8Array(16 * 1024);
      tcp.pending = tcp.conn.read(buf).then((n) => (n === null ? null : buf.subarray(0, n)));
      tcp.pending.catch(() => {}); // a close while reading is not an unhandled rejection
    }
    const left = deadline - performance.now();
    if (left <= 0) return "timeout";
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), left)));
    try {
      const first = await Promise.race([tcp.pending, timeout]);
      if (first === "timeout") return "timeout";
      tcp.pending = null;
      if (first === null) {
        tcp.eof = true;
        return "eof";
      }
      return first;
    } catch {
      tcp.pending = null;
      tcp.eof = true;
      return "eof";
    } finally {
      clearTimeout(timer);
    }
  }

  #closeTcp(d: SslData): void {
    if (!d.tcp) return;
    try {
      d.tcp.conn.close();
    } catch { /* already closed */ }
    d.tcp = null;
  }

  async op_connect_tcp(args: Args): Promise<unknown> {
    const e = this.#ssl(args);
    if (e.data.role !== "client") throw new TypeError(`SSL ${e.id} is not a client`);
    if (e.data.tcp) throw new RangeError(`SSL ${e.id} is already connected`);
    const timeoutMs = num(args, "timeoutMs", 10_000);
    const deadline = performance.now() + timeoutMs;
    const conn = await Deno.connect({
      hostname: optStr(args, "host") ?? "127.0.0.1",
      port: num(args, "port"),
    });
    const tcp: TcpState = { conn, pending: null, eof: false };
    e.data.tcp = tcp;
    try {
      for (;;) {
        const done = this.#step(e, "client");
        await this.#flushTcp(e);
        if (done) break;
        const chunk = await this.#readTcp(tcp, deadline);
        if (chunk === "timeout") {
          throw new OpError(`TLS handshake over TCP timed out after ${timeoutMs} ms`);
        }
        if (chunk === "eof") {
          throw new OpError(
            "The TCP peer closed the connection during the handshake",
            this.lib.errors(),
          );
        }
        this.#feed(e.data.rbio, chunk);
      }
    } catch (err) {
      this.#closeTcp(e.data);
      throw err;
    }
    return {
      version: this.lib.fn("SSL_version")(e.ptr),
      reused: this.lib.fn("SSL_session_reused")(e.ptr) === 1,
    };
  }

  async op_write_tcp(args: Args): Promise<unknown> {
    const e = this.#ssl(args);
    if (!e.data.tcp) throw new RangeError(`SSL ${e.id} is not connected over TCP`);
    const bytes = encoder.encode(str(args, "data"));
    const rc = this.lib.fn("SSL_write")(e.ptr, bytes, bytes.length);
    if (rc <= 0) {
      const r = this.#result(e, rc);
      throw new OpError(`SSL_write failed: rc ${rc}, ${r.error}`, this.lib.errors());
    }
    await this.#flushTcp(e);
    return {};
  }

  async op_read_tcp(args: Args): Promise<unknown> {
    const e = this.#ssl(args);
    const tcp = e.data.tcp;
    if (!tcp) throw new RangeError(`SSL ${e.id} is not connected over TCP`);
    const deadline = performance.now() + num(args, "timeoutMs", 2000);
    const want = args.tickets === undefined ? Infinity : num(args, "tickets");
    if (this.mutant === "tickets_unread") {
      return { data: "", eof: tcp.eof, newSessionCalls: 0, timedOut: true };
    }
    const before = e.data.newSessionCalls;
    const chunks: string[] = [];
    let timedOut = false;
    for (;;) {
      const { data, result } = this.#readAvailable(e);
      chunks.push(decoder.decode(data));
      await this.#flushTcp(e);
      if (e.data.newSessionCalls - before >= want) break;
      if (result.error === "SSL_ERROR_ZERO_RETURN") break; // close_notify
      if (result.rc <= 0 && result.error !== "SSL_ERROR_WANT_READ") {
        if (tcp.eof) break;
        throw new OpError(`SSL_read failed: rc ${result.rc}, ${result.error}`, this.lib.errors());
      }
      if (tcp.eof) break;
      const chunk = await this.#readTcp(tcp, deadline);
      if (chunk === "timeout") {
        timedOut = true;
        break;
      }
      if (chunk === "eof") continue; // one more SSL_read round sees what is buffered
      this.#feed(e.data.rbio, chunk);
    }
    return {
      data: chunks.join(""),
      eof: tcp.eof,
      newSessionCalls: e.data.newSessionCalls - before,
      timedOut,
    };
  }

  op_close_tcp(args: Args): unknown {
    this.#closeTcp(this.#ssl(args).data);
    return {};
  }

  // ---------------------------------------------------------------- test-only ops

  op_crash(args: Args): unknown {
    if (args.kind === "abort") {
      if (this.lib.has("OPENSSL_die")) {
        this.lib.fn("OPENSSL_die")(cString("crash op: deliberate abort"), cString("driver.ts"), 1);
      }
      throw new OpError("OPENSSL_die is not exported: cannot abort");
    }
    // Reads a field through a NULL SSL_SESSION*: SIGSEGV inside libssl.
    this.lib.fn("SSL_SESSION_get_protocol_version")(null);
    throw new OpError("Dereferencing NULL did not crash");
  }

  op_hang(): Promise<unknown> {
    return new Promise(() => {});
  }
}
