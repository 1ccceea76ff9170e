/**
 * How the driver names SSL_SESSION objects and sees them freed. On start it registers an
 * SSL_SESSION ex_data index (`CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_SESSION, …)`) with a
 * free callback and a dup callback. Every session the driver hands out is tagged with its handle
 * entry's driver-wide tag as the ex_data value (handles are numbered per scope), so the same
 * object always gets the same handle; libssl calls the free
 * callback when the session's reference count reaches zero, and the tracker then marks that
 * handle dead and appends it to the freed list. The dup callback clears the tag on copies
 * (`SSL_SESSION_dup` and libssl's internal copies carry ex_data over), so a copy is never
 * mistaken for its original; the free callback also checks the pointer.
 *
 * Where the implementation frees through a replaceable free function (`allocatorFrees`:
 * wolfSSL's `wolfSSL_SetAllocators`), that function is the witness instead: a tracked session
 * is dead exactly when its memory is released. The ex_data callback cannot be trusted there:
 * wolfSSL 5.5.4 never calls it, and 5.7/5.9 pass a NULL value and skip sessions whose ex_data
 * the cache owns (`ownExData` 0), so a session could be freed unseen and a later object at
 * the same address be taken for it.
 *
 * @example
 * ```ts ignore
 * import { openLibssl } from "./libssl.ts";
 * import { HandleTable } from "./handle_table.ts";
 * import { SessionTracker } from "./session_tracker.ts";
 * const lib = openLibssl({ libssl: "…/libssl.so.3", libcrypto: "…/libcrypto.so.3" });
 * const sessions = new SessionTracker(lib, new HandleTable(), () => lib.fn("SSL_SESSION_new")());
 * const { freed } = sessions.watchFrees(() => lib.fn("SSL_SESSION_free")(null));
 * console.log(freed);
 * ```
 * @module
 */

import type { Handle, SessionRef } from "./protocol.ts";
import { type Libssl, pointerHex, pointerValue } from "./libssl.ts";
import type { HandleEntry, HandleTable } from "./handle_table.ts";
import { CALLBACKS } from "./symbols.ts";
import { CRYPTO_EX_INDEX_SSL_SESSION } from "./constants.ts";
import { OpError } from "./op_error.ts";

/** Options of {@linkcode SessionTracker}. */
export interface SessionTrackerOptions {
  /** Observe frees through the library's free function (`FfiApiOptions.allocatorFrees`). */
  allocatorFrees?: boolean;
}

/** libc's `free`, which the allocator hook calls after noting the pointer. */
function libcFree(): (p: Deno.PointerValue) => void {
  const libc = Deno.dlopen("libc.so.6", { free: { parameters: ["pointer"], result: "void" } });
  return libc.symbols.free;
}

/** Session handles by ex_data tag, and every free libssl reported. */
export class SessionTracker {
  /** Every tagged session freed so far, in order. */
  readonly freed: Handle[] = [];
  /** Frees of sessions the driver never handed out (libssl's internal copies, …). */
  untaggedFrees = 0;
  /** Per scope (scenario of a shared driver): its sessions freed, and untagged frees in its ops. */
  readonly #byScope = new Map<number, { freed: Handle[]; untagged: number }>();
  #lib: Libssl;
  #t: HandleTable;
  #exIndex: number;
  // Kept in fields so they are never garbage collected while libssl holds their pointers.
  #freeCb: Deno.UnsafeCallback<typeof CALLBACKS.exFree>;
  #dupCb: Deno.UnsafeCallback<typeof CALLBACKS.exDup>;
  #allocatorFreeCb: Deno.UnsafeCallback<typeof CALLBACKS.allocatorFree> | null = null;

  /**
   * Whether libssl's free callback is seen when a session's count reaches 0, measured on start
   * (a fresh `SSL_SESSION_new` tagged and freed). False: the build never calls the callback
   * (wolfSSL 5.5.4) or has no way to register one (wolfSSL 4.6.0); frees are then unobservable
   * and `freed_sessions` refuses to answer.
   */
  readonly observesFrees: boolean;
  /** Why {@linkcode observesFrees} is false (null when true). */
  readonly unobservedReason: string | null;
  /**
   * Live tagged sessions' tags by pointer, newest last: for callbacks that pass NULL as the
   * ex_data value, and for the allocator hook. One object can carry several handles' tags over
   * time (scopes of a shared driver naming the same cached session each tag it anew).
   */
  readonly #byPtr = new Map<bigint, number[]>();
  #probe: bigint | null = null;
  #probeFreed = false;

  /**
   * Register the ex_data index, then measure whether frees are seen, with sessions made by
   * `newSession` (the build's `SSL_SESSION_new`). @throws {OpError} when libcrypto refuses.
   */
  constructor(
    lib: Libssl,
    table: HandleTable,
    newSession: () => Deno.PointerValue,
    options: SessionTrackerOptions = {},
  ) {
    this.#lib = lib;
    this.#t = table;
    if (options.allocatorFrees) this.#hookAllocator();
    this.#freeCb = new Deno.UnsafeCallback(CALLBACKS.exFree, (parent, ptr) => {
      try {
        this.#onFree(parent, ptr);
      } catch { /* never throw into C */ }
    });
    this.#dupCb = new Deno.UnsafeCallback(CALLBACKS.exDup, (_to, _from, fromD) => {
      // A copy must not inherit the original's tag: zero the value about to be stored.
      try {
        if (fromD) new BigUint64Array(Deno.UnsafePointerView.getArrayBuffer(fromD, 8))[0] = 0n;
      } catch { /* never throw into C */ }
      return 1;
    });
    const map = lib.paths.symbols;
    const exIndexExport = map?.CRYPTO_get_ex_new_index?.name;
    let reason: string | null = null;
    if (map && map.CRYPTO_get_ex_new_index === null) {
      // No registration function (wolfSSL 4.6.0): its ex_data slots are plain array entries
      // that set/get accept for any index below its MAX_EX_DATA; slot 0 is then ours, checked
      // below by a round trip. No free callback can exist (the allocator hook may see frees).
      this.#exIndex = 0;
      if (!this.#allocatorFreeCb) {
        reason = `"${lib.version}" exports no CRYPTO_get_ex_new_index: no free callback can be ` +
          "registered";
      }
    } else if (exIndexExport === "SSL_SESSION_get_ex_new_index") {
      // BoringSSL (its symbols.ts): (argl, argp, unused, dup_unused, free), no class argument;
      // it never calls a dup callback, so copies are recognised by the pointer check alone.
      const perType = lib.fn("CRYPTO_get_ex_new_index") as unknown as (
        argl: number,
        argp: null,
        unused: null,
        dupUnused: null,
        free: Deno.PointerValue,
      ) => number;
      this.#exIndex = perType(0, null, null, null, this.#freeCb.pointer);
    } else {
      this.#exIndex = lib.fn("CRYPTO_get_ex_new_index")(
        CRYPTO_EX_INDEX_SSL_SESSION,
        0,
        null,
        null,
        this.#dupCb.pointer,
        this.#freeCb.pointer,
      );
    }
    if (this.#exIndex < 0) {
      throw new OpError("CRYPTO_get_ex_new_index failed", lib.errors());
    }
    this.observesFrees = this.#probeFrees(newSession, reason);
    this.unobservedReason = this.observesFrees
      ? null
      : reason ?? (this.#allocatorFreeCb
        ? `"${lib.version}" never freed a fresh SSL_SESSION_new() session through its free ` +
          "function when it was freed"
        : `"${lib.version}" never called the SSL_SESSION ex_data free callback when a ` +
          "fresh SSL_SESSION_new() session was freed");
  }

  /** Install the free function that notes freed session pointers, then frees with libc. */
  #hookAllocator(): void {
    const free = libcFree();
    this.#allocatorFreeCb = new Deno.UnsafeCallback(CALLBACKS.allocatorFree, (p) => {
      try {
        this.#onRelease(p);
      } catch { /* never throw into C */ }
      free(p);
    });
    // NULL malloc/realloc keep the library's defaults (libc's), so libc's free matches them.
    const rc = this.#lib.fn("wolfSSL_SetAllocators")(null, this.#allocatorFreeCb.pointer, null);
    if (rc !== 0) throw new OpError(`wolfSSL_SetAllocators returned ${rc}, expected 0`, []);
  }

  /**
   * Put the library's default free function back. The driver calls it before exiting: the
   * hook is a JS callback, and a free during the process's teardown (measured with wolfSSL
   * 5.5.4: SIGSEGV, exit 139, without this) must not reach it once the isolate is gone.
   */
  close(): void {
    if (!this.#allocatorFreeCb) return;
    // The callback object stays referenced: only the library's pointer to it is dropped.
    this.#lib.fn("wolfSSL_SetAllocators")(null, null, null);
  }

  /** The library released memory at `p`: a live tracked session there is gone. */
  #onRelease(p: Deno.PointerValue): void {
    const at = pointerValue(p);
    if (this.#probe !== null && at === this.#probe) {
      this.#probeFreed = true;
      return;
    }
    const tags = this.#byPtr.get(at);
    if (tags === undefined) return;
    this.#byPtr.delete(at);
    for (const tag of tags) {
      const e = this.#t.byTag(tag);
      if (e && e.kind === "session" && e.alive && pointerValue(e.ptr) === at) this.#dead(e);
    }
  }

  /** Mark a tracked session freed (its handle dead), for the driver and its scope. */
  #dead(e: HandleEntry): void {
    e.alive = false;
    this.freed.push(e.id);
    if (e.scope !== null) this.#scope(e.scope).freed.push(e.id);
  }

  /** Tag a fresh session, free it, and report whether the free callback saw it. */
  #probeFrees(newSession: () => Deno.PointerValue, reason: string | null): boolean {
    const p = newSession();
    if (!p) throw new OpError("SSL_SESSION_new failed (free probe)", this.#lib.errors());
    const tag = Deno.UnsafePointer.create(0x7fff_fff0n);
    const ok = this.#lib.fn("SSL_SESSION_set_ex_data")(p, this.#exIndex, tag);
    const back = pointerValue(this.#lib.fn("SSL_SESSION_get_ex_data")(p, this.#exIndex));
    if (ok !== 1 || back !== 0x7fff_fff0n) {
      this.#lib.fn("SSL_SESSION_free")(p);
      throw new OpError(
        `SSL_SESSION ex_data index ${this.#exIndex} does not hold a value (set returned ${ok}, ` +
          `get ${back})`,
        this.#lib.errors(),
      );
    }
    this.#probe = pointerValue(p);
    this.#lib.fn("SSL_SESSION_free")(p);
    this.#probe = null;
    return reason === null && this.#probeFreed;
  }

  #onFree(parent: Deno.PointerValue, tagPtr: Deno.PointerValue): void {
    const at = pointerValue(parent);
    if (this.#allocatorFreeCb) {
      // The allocator hook decides what died; a live tracked session here is about to be
      // released (and seen there), anything else is a session the driver never handed out.
      if (this.#probe === at || this.#byPtr.has(at)) return;
      this.untaggedFrees++;
      if (this.#t.scope !== null) this.#scope(this.#t.scope).untagged++;
      return;
    }
    if (this.#probe !== null && at === this.#probe) {
      this.#probeFreed = true;
      return;
    }
    // wolfSSL 5.7/5.9 pass NULL as the value: then the session is known by its pointer only.
    const tag = Number(pointerValue(tagPtr)) || (this.#byPtr.get(at)?.at(-1) ?? 0);
    const e = tag ? this.#t.byTag(tag) : undefined;
    if (e && e.kind === "session" && e.alive && pointerValue(e.ptr) === at) {
      this.#dead(e);
      this.#byPtr.delete(at);
    } else {
      this.untaggedFrees++;
      // Ops run one at a time, so an untagged free belongs to the scope of the op running now.
      if (this.#t.scope !== null) this.#scope(this.#t.scope).untagged++;
    }
  }

  #scope(scope: number): { freed: Handle[]; untagged: number } {
    let s = this.#byScope.get(scope);
    if (!s) this.#byScope.set(scope, s = { freed: [], untagged: 0 });
    return s;
  }

  /**
   * The frees a scope sees: its own sessions freed and the untagged frees during its ops; the
   * whole driver's outside any scope.
   */
  observed(scope: number | null): { handles: Handle[]; untagged: number } {
    if (scope === null) return { handles: [...this.freed], untagged: this.untaggedFrees };
    const s = this.#byScope.get(scope);
    return { handles: [...(s?.freed ?? [])], untagged: s?.untagged ?? 0 };
  }

  /** Drop a finished scope's record. */
  forget(scope: number): void {
    this.#byScope.delete(scope);
  }

  /**
   * The live handle this session pointer is tagged with, or null (untagged, a copy, or a handle
   * of another scope, which the current scope could not name).
   */
  tagged(p: Deno.PointerValue): Handle | null {
    if (p === null) return null;
    const tag = Number(pointerValue(this.#lib.fn("SSL_SESSION_get_ex_data")(p, this.#exIndex)));
    if (!tag) return null;
    const e = this.#t.byTag(tag);
    return e && e.kind === "session" && e.alive && pointerValue(e.ptr) === pointerValue(p) &&
        e.scope === this.#t.scope
      ? e.id
      : null;
  }

  /** The handle of a session pointer: the existing one (by ex_data tag) or a new one. */
  ref(p: Deno.PointerValue): SessionRef {
    if (p === null) return { session: null, ptr: null };
    const known = this.tagged(p);
    if (known !== null) return { session: known, ptr: pointerHex(p) };
    const h = this.#t.add("session", p);
    const tag = this.#t.peek(h)!.tag;
    const ok = this.#lib.fn("SSL_SESSION_set_ex_data")(
      p,
      this.#exIndex,
      Deno.UnsafePointer.create(BigInt(tag)),
    );
    if (ok !== 1) {
      this.#t.kill(h);
      throw new OpError("SSL_SESSION_set_ex_data failed", this.#lib.errors());
    }
    const at = pointerValue(p);
    this.#byPtr.set(at, [...(this.#byPtr.get(at) ?? []), tag]);
    return { session: h, ptr: pointerHex(p) };
  }

  /** Run fn and return the handles freed while it ran. */
  watchFrees<T>(fn: () => T): { value: T; freed: Handle[] } {
    const before = this.freed.length;
    const value = fn();
    return { value, freed: this.freed.slice(before) };
  }
}
