/**
 * What each FFI mutant does, keyed by its name (the names and what each removes are in
 * `ffi_mutant.ts`). An entry is made once per driver from a {@linkcode MutantScope} and returns
 * the libssl functions it replaces (`symbols`) and the driver hooks it replaces (`hooks`,
 * `driver_hooks.ts`); nothing else in the driver knows which mutant runs. State an entry needs
 * is per SSL, in a WeakMap keyed by the SSL's handle entry, so it goes with the handle.
 *
 * No entry makes the driver touch freed memory: a substitute session the SSL no longer holds is
 * handed back as its (dead) handle, and the ops refuse dead handles as always.
 *
 * @example
 * ```ts ignore
 * import { MUTANT_OVERRIDES } from "./mutant_overrides.ts";
 * console.log(Object.keys(MUTANT_OVERRIDES));
 * ```
 * @module
 */

import type { Handle } from "./protocol.ts";
import type { FfiMutantName } from "./ffi_mutant.ts";
import type { MutantOverride, MutantScope } from "./driver_hooks.ts";
import type { Libssl, SymbolFn } from "./libssl.ts";
import type { CtxData, SslEntry } from "./driver_state.ts";
import type { SymbolPatches } from "./libssl_patch.ts";
import { SSL_CTRL, SSL_SHUTDOWN_BITS } from "./constants.ts";
import { ctrlCall, ctrlFunction } from "./ctx_ctrl.ts";
import { CTRL_FUNCTIONS, IMPL_SYMBOLS } from "./symbols.ts";

/** One mutant's override, made once per driver. */
export type MutantFactory = (scope: MutantScope) => MutantOverride;

/** A value kept per SSL (dies with its handle entry). */
function perSsl<T>(init: () => T): (ssl: SslEntry) => T {
  const values = new WeakMap<SslEntry, T>();
  return (ssl) => {
    if (!values.has(ssl)) values.set(ssl, init());
    return values.get(ssl)!;
  };
}

/**
 * `SSL_CTX_ctrl` commands answered by `replace(cmd, ctrl)` where that is defined (`ctrl(c)`
 * reads command `c` of the same context, larg 0) and by the real call for every other command.
 * Both spellings are replaced: `SSL_CTX_ctrl` and the functions that do a command's work where
 * the build exports them (BoringSSL's `SSL_CTX_set_session_cache_mode`, …; see `ctx_ctrl.ts`),
 * so the mutant acts wherever the ops run.
 */
function ctrlOverride(
  lib: Libssl,
  replace: (cmd: number, ctrl: (cmd: number) => bigint) => bigint | undefined,
): SymbolPatches {
  const reader = (ctx: unknown) => (c: number) =>
    BigInt(ctrlCall(lib, ctx as Deno.PointerObject, c, 0));
  const patches: Record<string, unknown> = {};
  if (lib.has("SSL_CTX_ctrl")) {
    const real = lib.fn("SSL_CTX_ctrl");
    const patched: SymbolFn<"SSL_CTX_ctrl"> = (ctx, cmd, larg, parg) =>
      replace(cmd as number, reader(ctx)) ?? real(ctx, cmd, larg, parg);
    patches.SSL_CTX_ctrl = patched;
  }
  for (const [cmd, f] of Object.entries(CTRL_FUNCTIONS)) {
    if (ctrlFunction(lib, Number(cmd)) !== f) continue;
    const real = lib.fn(f) as (ctx: Deno.PointerValue, ...rest: unknown[]) => number | bigint;
    const wide = ["i64", "u64", "usize", "isize"].includes(IMPL_SYMBOLS[f].result);
    patches[f] = (ctx: Deno.PointerValue, ...rest: unknown[]) => {
      const answer = replace(Number(cmd), reader(ctx));
      if (answer === undefined) return real(ctx, ...rest);
      return wide ? answer : Number(answer);
    };
  }
  return patches as SymbolPatches;
}

/** An `SSL_CTX_ctrl` set command that sets nothing and answers what its get command reads. */
function ctrlSetIgnored(set: number, get: number): MutantFactory {
  return ({ lib }) => ({
    symbols: ctrlOverride(lib, (cmd, ctrl) => cmd === set ? ctrl(get) : undefined),
  });
}

/** Every FFI mutant's override; the type makes the keys exactly {@linkcode FfiMutantName}. */
export const MUTANT_OVERRIDES: { readonly [N in FfiMutantName]: MutantFactory } = {
  // get_session get1 calls SSL_get_session (no reference).
  get1_without_ref: ({ lib }) => ({
    symbols: { SSL_get1_session: (ssl) => lib.fn("SSL_get_session")(ssl) },
  }),

  // get1 takes one extra reference.
  get1_two_refs: ({ lib }) => ({
    symbols: {
      SSL_get1_session: (ssl) => {
        const p = lib.fn("SSL_get1_session")(ssl);
        if (p) lib.fn("SSL_SESSION_up_ref")(p);
        return p;
      },
    },
  }),

  // get / get0 take a reference (SSL_get0_session is a macro for SSL_get_session).
  get0_takes_ref: ({ lib }) => {
    const withRef = (name: "SSL_get_session" | "SSL_get0_session") => (ssl: Deno.PointerValue) => {
      const p = lib.fn(name)(ssl);
      if (p) lib.fn("SSL_SESSION_up_ref")(p);
      return p;
    };
    return {
      symbols: {
        SSL_get_session: withRef("SSL_get_session"),
        SSL_get0_session: withRef("SSL_get0_session"),
      },
    };
  },

  // get0 returns the first non-NULL session get0 returned on that SSL.
  get0_stale: () => {
    const first = perSsl<{ session: Handle | null }>(() => ({ session: null }));
    return {
      hooks: {
        substituteSession(ssl, variant, current) {
          if (variant !== "get0") return null;
          const f = first(ssl);
          f.session ??= current.session;
          return f.session;
        },
      },
    };
  },

  // Every variant returns the first session the new-session callback saw on that SSL.
  get_returns_first_ticket: ({ handles }) => ({
    hooks: {
      substituteSession(ssl) {
        const calls = (handles.peek(ssl.data.ctx)?.data as CtxData | undefined)?.calls ?? [];
        return calls.find((c) => c.ssl === ssl.id)?.session ?? null;
      },
    },
  }),

  // Every variant returns the (live) session last given to set_session, used or not.
  get_returns_set_session: ({ lib, handles, sslAt, sessionAt }) => {
    const given = perSsl<{ session: Handle | null }>(() => ({ session: null }));
    return {
      symbols: {
        SSL_set_session: (ssl, session) => {
          const s = sslAt(ssl);
          const h = sessionAt(session);
          const rc = lib.fn("SSL_set_session")(ssl, session);
          if (s) given(s).session = h;
          return rc;
        },
      },
      hooks: {
        substituteSession(ssl) {
          const h = given(ssl).session;
          return h !== null && handles.isAlive(h) ? h : null;
        },
      },
    };
  },

  // ssl_new sets a blank SSL_SESSION_new session on the new SSL (which holds the only reference).
  fresh_ssl_has_session: ({ lib }) => ({
    symbols: {
      SSL_new: (ctx) => {
        const ssl = lib.fn("SSL_new")(ctx);
        const blank = ssl ? lib.fn("SSL_SESSION_new")() : null;
        if (blank) {
          lib.fn("SSL_set_session")(ssl, blank);
          lib.fn("SSL_SESSION_free")(blank);
        }
        return ssl;
      },
    },
  }),

  // session_new returns {session: null, ptr: null}.
  session_new_null: () => ({
    hooks: { sessionNew: () => ({ session: null, ptr: null }) },
  }),

  // session_free does not call SSL_SESSION_free.
  session_free_noop: () => ({ symbols: { SSL_SESSION_free: () => {} } }),

  // session_up_ref returns 1 without calling SSL_SESSION_up_ref.
  up_ref_noop: () => ({ symbols: { SSL_SESSION_up_ref: () => 1 } }),

  // session_dup returns the source with one more reference (which the caller owns).
  dup_as_up_ref: ({ lib }) => ({
    symbols: {
      SSL_SESSION_dup: (session) => {
        lib.fn("SSL_SESSION_up_ref")(session);
        return session;
      },
    },
  }),

  // set_session returns 1 without calling SSL_set_session.
  set_session_noop: () => ({ symbols: { SSL_set_session: () => 1 } }),

  // set_session first takes a reference on the session it replaces, so that one is never freed.
  set_session_leaks_previous: ({ lib }) => ({
    symbols: {
      SSL_set_session: (ssl, session) => {
        const previous = lib.fn("SSL_get_session")(ssl);
        if (previous) lib.fn("SSL_SESSION_up_ref")(previous);
        return lib.fn("SSL_set_session")(ssl, session);
      },
    },
  }),

  // set_session takes a second reference, released after SSL_free: an unused session outlives
  // SSL_connect.
  set_session_held_until_free: ({ lib, sslAt }) => {
    const held = perSsl<Deno.PointerObject[]>(() => []);
    return {
      symbols: {
        SSL_set_session: (ssl, session) => {
          const rc = lib.fn("SSL_set_session")(ssl, session);
          const s = sslAt(ssl);
          if (session && rc === 1 && s) {
            lib.fn("SSL_SESSION_up_ref")(session);
            held(s).push(session);
          }
          return rc;
        },
        SSL_free: (ssl) => {
          const s = sslAt(ssl);
          lib.fn("SSL_free")(ssl);
          for (const p of s ? held(s).splice(0) : []) lib.fn("SSL_SESSION_free")(p);
        },
      },
    };
  },

  // ctx_flush_sessions flushes nothing.
  flush_noop: () => ({
    symbols: { SSL_CTX_flush_sessions: () => {}, SSL_CTX_flush_sessions_ex: () => {} },
  }),

  // session_is_resumable and session_info.resumable say true.
  resumable_always_1: () => ({ symbols: { SSL_SESSION_is_resumable: () => 1 } }),

  // ssl_free marks the SSL shut down (SENT|RECEIVED) first: an unclean free counts as clean.
  ssl_free_as_clean: ({ lib }) => ({
    symbols: {
      SSL_free: (ssl) => {
        lib.fn("SSL_set_shutdown")(ssl, SSL_SHUTDOWN_BITS.SENT | SSL_SHUTDOWN_BITS.RECEIVED);
        lib.fn("SSL_free")(ssl);
      },
    },
  }),

  // ssl_shutdown / shutdown report success without calling SSL_shutdown.
  shutdown_skipped: () => ({ symbols: { SSL_shutdown: () => 1 } }),

  // The new-session callback records (and keeps) only the first session per SSL; later ones
  // get 0, so libssl keeps no extra reference and nothing leaks to the scenario.
  new_session_cb_once: () => ({
    hooks: {
      newSessionCallback: (ssl, real) => (ssl && ssl.data.newSessionCalls > 0 ? 0 : real()),
    },
  }),

  // read_tickets, handshake readTickets and read_tcp read nothing: the post-handshake messages
  // stay in the client's input BIO (or socket).
  tickets_unread: () => ({
    hooks: {
      readTickets: () => ({ newSessionCalls: 0, data: "" }),
      readTcp: (_ssl, tcp) =>
        Promise.resolve({ data: "", eof: tcp.eof, newSessionCalls: 0, timedOut: true }),
    },
  }),

  // Session fields and timeouts: each replaces one getter or setter of the session chapter.
  protocol_version_zero: () => ({ symbols: { SSL_SESSION_get_protocol_version: () => 0 } }),

  set_protocol_version_noop: () => ({ symbols: { SSL_SESSION_set_protocol_version: () => 1 } }),

  get0_cipher_null: () => ({ symbols: { SSL_SESSION_get0_cipher: () => null } }),

  set_cipher_noop: () => ({ symbols: { SSL_SESSION_set_cipher: () => 1 } }),

  get0_peer_null: () => ({ symbols: { SSL_SESSION_get0_peer: () => null } }),

  randoms_swapped: ({ lib }) => ({
    symbols: {
      SSL_get_client_random: (ssl, out, n) => lib.fn("SSL_get_server_random")(ssl, out, n),
      SSL_get_server_random: (ssl, out, n) => lib.fn("SSL_get_client_random")(ssl, out, n),
    },
  }),

  // The real copy, then its bytes zeroed (the length stays right).
  master_key_zeroed: ({ lib }) => ({
    symbols: {
      SSL_SESSION_get_master_key: (s, out, n) => {
        const rc = lib.fn("SSL_SESSION_get_master_key")(s, out, n);
        if (out instanceof Uint8Array) out.fill(0, 0, Number(rc));
        return rc;
      },
    },
  }),

  // set1 remembers the caller's buffer itself (per session pointer); get reads that buffer.
  set1_master_key_alias: ({ lib }) => {
    const kept = new Map<bigint, Uint8Array>();
    const key = (p: Deno.PointerValue) => p === null ? 0n : BigInt(Deno.UnsafePointer.value(p));
    return {
      symbols: {
        SSL_SESSION_set1_master_key: (s, input, n) => {
          const rc = lib.fn("SSL_SESSION_set1_master_key")(s, input, n);
          if (rc === 1 && input instanceof Uint8Array) kept.set(key(s as Deno.PointerValue), input);
          return rc;
        },
        SSL_SESSION_get_master_key: (s, out, n) => {
          const alias = kept.get(key(s as Deno.PointerValue));
          if (!alias || !(out instanceof Uint8Array)) {
            return lib.fn("SSL_SESSION_get_master_key")(s, out, n);
          }
          if (n === 0n) return BigInt(alias.length);
          const len = Math.min(Number(n), alias.length);
          out.set(alias.subarray(0, len));
          return BigInt(len);
        },
      },
    };
  },

  hostname_null: () => ({ symbols: { SSL_SESSION_get0_hostname: () => null } }),

  alpn_set_noop: () => ({ symbols: { SSL_SESSION_set1_alpn_selected: () => 1 } }),

  has_ticket_0: () => ({ symbols: { SSL_SESSION_has_ticket: () => 0 } }),

  has_ticket_1: () => ({ symbols: { SSL_SESSION_has_ticket: () => 1 } }),

  ticket_len_only: ({ lib }) => ({
    symbols: {
      SSL_SESSION_get0_ticket: (s, _tick, len) => lib.fn("SSL_SESSION_get0_ticket")(s, null, len),
    },
  }),

  id_context_set_noop: () => ({ symbols: { SSL_SESSION_set1_id_context: () => 1 } }),

  set1_id_unchecked: ({ lib }) => ({
    symbols: {
      SSL_SESSION_set1_id: (s, sid, n) => {
        lib.fn("SSL_SESSION_set1_id")(s, sid, Math.min(n as number, 32));
        return 1;
      },
    },
  }),

  set_time_noop: () => ({
    symbols: { SSL_SESSION_set_time: () => 1n, SSL_SESSION_set_time_ex: () => 1n },
  }),

  set_timeout_noop: () => ({ symbols: { SSL_SESSION_set_timeout: () => 1n } }),

  ctx_timeout_ignored: ({ lib }) => ({
    symbols: {
      SSL_CTX_set_timeout: (ctx) => lib.fn("SSL_CTX_get_timeout")(ctx as Deno.PointerValue),
    },
  }),

  d2i_null: () => ({ symbols: { d2i_SSL_SESSION: () => null } }),
  // The session chapter's cache, callbacks and tickets.
  num_tickets_ignored: () => ({
    symbols: { SSL_CTX_set_num_tickets: () => 1, SSL_set_num_tickets: () => 1 },
  }),

  new_session_ticket_noop: () => ({ symbols: { SSL_new_session_ticket: () => 1 } }),

  cache_mode_ignored: ctrlSetIgnored(SSL_CTRL.SET_SESS_CACHE_MODE, SSL_CTRL.GET_SESS_CACHE_MODE),

  cache_size_ignored: ctrlSetIgnored(SSL_CTRL.SET_SESS_CACHE_SIZE, SSL_CTRL.GET_SESS_CACHE_SIZE),

  stats_zero: ({ lib }) => ({
    symbols: ctrlOverride(
      lib,
      (cmd) => cmd >= SSL_CTRL.SESS_CONNECT && cmd <= SSL_CTRL.SESS_CACHE_FULL ? 0n : undefined,
    ),
  }),

  add_session_noop: () => ({ symbols: { SSL_CTX_add_session: () => 1 } }),

  remove_session_noop: () => ({ symbols: { SSL_CTX_remove_session: () => 1 } }),

  sid_ctx_ignored: () => ({
    symbols: { SSL_CTX_set_session_id_context: () => 1, SSL_set_session_id_context: () => 1 },
  }),

  remove_cb_unset: () => ({ symbols: { SSL_CTX_sess_set_remove_cb: () => {} } }),

  get_cb_unset: () => ({ symbols: { SSL_CTX_sess_set_get_cb: () => {} } }),

  // The callback records (and says it kept) the session, but libssl is told 0: the reference
  // the record claims is released at once.
  new_session_cb_ref_dropped: () => ({
    hooks: {
      newSessionCallback: (_ssl, real) => {
        real();
        return 0;
      },
    },
  }),

  default_timeout_per_protocol: ({ lib }) => ({
    symbols: {
      SSL_get_default_timeout: (ssl) => {
        const t = BigInt(lib.fn("SSL_get_default_timeout")(ssl));
        return lib.fn("SSL_version")(ssl) === 0x0304 ? t + 1n : t;
      },
    },
  }),

  // The out-parameters keep the zeroes the op initialised them with.
  alpn_get_null: () => ({ symbols: { SSL_SESSION_get0_alpn_selected: () => {} } }),

  // Size 2 with a NULL output; otherwise it writes 30 00 through *pp.
  i2d_empty: () => ({
    symbols: {
      i2d_SSL_SESSION: (_s, pp) => {
        if (pp instanceof BigUint64Array && pp[0] !== 0n) {
          new Uint8Array(
            Deno.UnsafePointerView.getArrayBuffer(Deno.UnsafePointer.create(pp[0])!, 2),
          )
            .set([0x30, 0x00]);
        }
        return 2;
      },
    },
  }),
};
