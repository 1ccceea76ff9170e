/**
 * How the driver names SSL_SESSION objects and sees them freed. On start it registers an
 * SSL_SESSION ex_data index (`CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_SESSION, …)`) with a
 * free callback and a dup callback. Every session the driver hands out is tagged with its handle
 * id as the ex_data value, so the same object always gets the same handle; libssl calls the free
 * callback when the session's reference count reaches zero, and the tracker then marks that
 * handle dead and appends it to the freed list. The dup callback clears the tag on copies
 * (`SSL_SESSION_dup` and libssl's internal copies carry ex_data over), so a copy is never
 * mistaken for its original; the free callback also checks the pointer.
 *
 * @example
 * ```ts ignore
 * import { openLibssl } from "./libssl.ts";
 * import { HandleTable } from "./handle_table.ts";
 * import { SessionTracker } from "./session_tracker.ts";
 * const lib = openLibssl({ libssl: "…/libssl.so.3", libcrypto: "…/libcrypto.so.3" });
 * const sessions = new SessionTracker(lib, new HandleTable());
 * const { freed } = sessions.watchFrees(() => lib.fn("SSL_SESSION_free")(null));
 * console.log(freed);
 * ```
 * @module
 */

import type { Handle, SessionRef } from "./protocol.ts";
import { type Libssl, pointerHex, pointerValue } from "./libssl.ts";
import type { HandleTable } from "./handle_table.ts";
import { CALLBACKS } from "./symbols.ts";
import { CRYPTO_EX_INDEX_SSL_SESSION } from "./constants.ts";
import { OpError } from "./op_error.ts";

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

  /** Register the ex_data index. @throws {OpError} when libcrypto refuses. */
  constructor(lib: Libssl, table: HandleTable) {
    this.#lib = lib;
    this.#t = table;
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
    const exIndexExport = lib.paths.symbols?.CRYPTO_get_ex_new_index?.name;
    if (exIndexExport === "SSL_SESSION_get_ex_new_index") {
      // BoringSSL (its symbols.ts): (argl, argp, unused, dup_unused, free), no class argument;
      // it never calls a dup callback, so copies are recognised by the pointer check alone.
      const perType = lib.fn("CRYPTO_get_ex_new_index") as unknown as (
        argl: bigint,
        argp: null,
        unused: null,
        dupUnused: null,
        free: Deno.PointerValue,
      ) => number;
      this.#exIndex = perType(0n, null, null, null, this.#freeCb.pointer);
    } else {
      this.#exIndex = lib.fn("CRYPTO_get_ex_new_index")(
        CRYPTO_EX_INDEX_SSL_SESSION,
        0n,
        null,
        null,
        this.#dupCb.pointer,
        this.#freeCb.pointer,
      );
    }
    if (this.#exIndex < 0) {
      throw new OpError("CRYPTO_get_ex_new_index failed", lib.errors());
    }
  }

  #onFree(parent: Deno.PointerValue, tagPtr: Deno.PointerValue): void {
    const tag = Number(pointerValue(tagPtr));
    const e = tag ? this.#t.peek(tag) : undefined;
    if (e && e.kind === "session" && e.alive && pointerValue(e.ptr) === pointerValue(parent)) {
      this.#t.kill(tag);
      this.freed.push(tag);
      if (e.scope !== null) this.#scope(e.scope).freed.push(tag);
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

  /** The live handle this session pointer is tagged with, or null (untagged, or a copy). */
  tagged(p: Deno.PointerValue): Handle | null {
    if (p === null) return null;
    const tag = Number(pointerValue(this.#lib.fn("SSL_SESSION_get_ex_data")(p, this.#exIndex)));
    if (!tag) return null;
    const e = this.#t.peek(tag);
    return e && e.kind === "session" && e.alive && pointerValue(e.ptr) === pointerValue(p)
      ? tag
      : null;
  }

  /** The handle of a session pointer: the existing one (by ex_data tag) or a new one. */
  ref(p: Deno.PointerValue): SessionRef {
    if (p === null) return { session: null, ptr: null };
    const tag = this.tagged(p);
    if (tag !== null) return { session: tag, ptr: pointerHex(p) };
    const h = this.#t.add("session", p);
    const ok = this.#lib.fn("SSL_SESSION_set_ex_data")(
      p,
      this.#exIndex,
      Deno.UnsafePointer.create(BigInt(h)),
    );
    if (ok !== 1) {
      this.#t.kill(h);
      throw new OpError("SSL_SESSION_set_ex_data failed", this.#lib.errors());
    }
    return { session: h, ptr: pointerHex(p) };
  }

  /** Run fn and return the handles freed while it ran. */
  watchFrees<T>(fn: () => T): { value: T; freed: Handle[] } {
    const before = this.freed.length;
    const value = fn();
    return { value, freed: this.freed.slice(before) };
  }
}
