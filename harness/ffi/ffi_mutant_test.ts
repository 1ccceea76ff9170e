import assert from "node:assert/strict";
import { FfiDriver } from "./ffi_driver.ts";
import { FfiError } from "./ffi_error.ts";
import {
  FFI_MUTANT_ENV,
  FFI_MUTANT_NAMES,
  type FfiMutantName,
  parseFfiMutant,
} from "./ffi_mutant.ts";
import type { Handle } from "./protocol.ts";
import { systemBuild } from "../openssl/mod.ts";
import { createTestPki, type TestPki } from "../pki/mod.ts";
import { findMutant, mutantBuild } from "../mutate/mod.ts";

const system = await systemBuild();

/** `SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE`: no cache reference on the client. */
const CLIENT_NO_STORE = 0x201;

interface PairOptions {
  tls: "1.2" | "1.3";
  numTickets?: number;
  keepClientSessions?: boolean;
  serverTimeout?: number;
}

/** A server and a client context of one driver; SSLs are made per probe. */
async function pair(d: FfiDriver, pki: TestPki, o: PairOptions) {
  const { ctx: sctx } = await d.call("ctx_new", {
    role: "server",
    cert: pki.chain,
    key: pki.key,
    minVersion: o.tls,
    maxVersion: o.tls,
    numTickets: o.numTickets,
    noTicket: o.tls === "1.2",
    keepNewSessions: false,
    timeout: o.serverTimeout,
  });
  const { ctx: cctx } = await d.call("ctx_new", {
    role: "client",
    caFile: pki.caCert,
    minVersion: o.tls,
    maxVersion: o.tls,
    cacheMode: CLIENT_NO_STORE,
    keepNewSessions: o.keepClientSessions ?? false,
  });
  const ssls = async () => ({
    client: (await d.call("ssl_new", { ctx: cctx })).ssl,
    server: (await d.call("ssl_new", { ctx: sctx })).ssl,
  });
  return {
    sctx,
    cctx,
    ssls,
    async connect(readTickets = true): Promise<{ client: Handle; server: Handle }> {
      const s = await ssls();
      await d.call("handshake", { client: s.client, server: s.server, readTickets });
      return s;
    },
  };
}

/** A client session from a TLS 1.2 connection (clean shutdown or not), kept with get1. */
async function keptTls12(d: FfiDriver, pki: TestPki, clean: boolean): Promise<Handle> {
  const p = await pair(d, pki, { tls: "1.2" });
  const c = await p.connect();
  if (clean) await d.call("shutdown", c);
  const { session } = await d.call("get_session", { ssl: c.client, variant: "get1" });
  await d.call("ssl_free", { ssl: c.client });
  await d.call("ssl_free", { ssl: c.server });
  return session!;
}

/**
 * One observation per mutant, made the same way on the real driver and on the mutant: the two
 * answers must be `real` and `mutant` respectively. Each names the op behaviour the mutant
 * alters, so a mutant that changes nothing (or something else) fails here.
 */
const PROBES: Record<
  FfiMutantName,
  { real: unknown; mutant: unknown; probe: (d: FfiDriver, pki: TestPki) => Promise<unknown> }
> = {
  get1_without_ref: {
    // The brief's example: a get1 session is freed inside SSL_free when get1 took no reference.
    real: false,
    mutant: true,
    async probe(d, pki) {
      const c = await (await pair(d, pki, { tls: "1.2" })).connect();
      await d.call("shutdown", c);
      const { session } = await d.call("get_session", { ssl: c.client, variant: "get1" });
      const { freed } = await d.call("ssl_free", { ssl: c.client });
      return freed.includes(session!);
    },
  },
  get1_two_refs: {
    real: true,
    mutant: false,
    async probe(d, pki) {
      const c = await (await pair(d, pki, { tls: "1.2" })).connect();
      const { session } = await d.call("get_session", { ssl: c.client, variant: "get1" });
      await d.call("ssl_free", { ssl: c.client });
      return (await d.call("session_free", { session })).freed;
    },
  },
  get0_takes_ref: {
    real: true,
    mutant: false,
    async probe(d, pki) {
      const c = await (await pair(d, pki, { tls: "1.2" })).connect();
      const { session } = await d.call("get_session", { ssl: c.client, variant: "get0" });
      return (await d.call("ssl_free", { ssl: c.client })).freed.includes(session!);
    },
  },
  get0_stale: {
    real: true,
    mutant: false,
    async probe(d, pki) {
      const c = await (await pair(d, pki, { tls: "1.3", numTickets: 2 })).connect(false);
      await d.call("get_session", { ssl: c.client, variant: "get0" });
      await d.call("read_tickets", { client: c.client });
      const get = await d.call("get_session", { ssl: c.client, variant: "get" });
      const get0 = await d.call("get_session", { ssl: c.client, variant: "get0" });
      return get0.ptr === get.ptr && get0.session === get.session;
    },
  },
  get_returns_first_ticket: {
    // Which of the two tickets' sessions get_session returns.
    real: 1,
    mutant: 0,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.3", numTickets: 2, keepClientSessions: true });
      const c = await p.connect();
      const { calls } = await d.call("ctx_new_sessions", { ctx: p.cctx });
      const { session } = await d.call("get_session", { ssl: c.client });
      return calls.findIndex((call) => call.session === session);
    },
  },
  get_returns_set_session: {
    // A blank session offered: the handshake uses a new one, which get_session returns.
    real: false,
    mutant: true,
    async probe(d, pki) {
      const s = await (await pair(d, pki, { tls: "1.2" })).ssls();
      const { session: blank } = await d.call("session_new", {});
      await d.call("set_session", { ssl: s.client, session: blank });
      await d.call("handshake", { client: s.client, server: s.server });
      return (await d.call("get_session", { ssl: s.client })).session === blank;
    },
  },
  fresh_ssl_has_session: {
    real: null,
    mutant: "a session",
    async probe(d, pki) {
      const s = await (await pair(d, pki, { tls: "1.2" })).ssls();
      const { ptr } = await d.call("get_session", { ssl: s.client });
      return ptr === null ? null : "a session";
    },
  },
  session_new_null: {
    real: false,
    mutant: true,
    async probe(d) {
      return (await d.call("session_new", {})).session === null;
    },
  },
  session_free_noop: {
    real: true,
    mutant: false,
    async probe(d) {
      const { session } = await d.call("session_new", {});
      return (await d.call("session_free", { session })).freed;
    },
  },
  up_ref_noop: {
    real: { rc: 1, freed: false },
    mutant: { rc: 1, freed: true },
    async probe(d) {
      const { session } = await d.call("session_new", {});
      const { rc } = await d.call("session_up_ref", { session: session! });
      return { rc, freed: (await d.call("session_free", { session })).freed };
    },
  },
  dup_as_up_ref: {
    real: false,
    mutant: true,
    async probe(d) {
      const a = await d.call("session_new", {});
      const b = await d.call("session_dup", { session: a.session! });
      return b.ptr === a.ptr;
    },
  },
  set_session_noop: {
    // The caller's free is the last one when the SSL took no reference.
    real: { rc: 1, freed: false },
    mutant: { rc: 1, freed: true },
    async probe(d, pki) {
      const s = await (await pair(d, pki, { tls: "1.2" })).ssls();
      const { session } = await d.call("session_new", {});
      const { rc } = await d.call("set_session", { ssl: s.client, session });
      return { rc, freed: (await d.call("session_free", { session })).freed };
    },
  },
  set_session_leaks_previous: {
    real: true,
    mutant: false,
    async probe(d, pki) {
      const s = await (await pair(d, pki, { tls: "1.2" })).ssls();
      const a = (await d.call("session_new", {})).session!;
      const b = (await d.call("session_new", {})).session!;
      await d.call("set_session", { ssl: s.client, session: a });
      await d.call("session_free", { session: a });
      return (await d.call("set_session", { ssl: s.client, session: b })).freed.includes(a);
    },
  },
  set_session_held_until_free: {
    // An offered session that is not reused (a blank one) goes during the handshake.
    real: true,
    mutant: false,
    async probe(d, pki) {
      const s = await (await pair(d, pki, { tls: "1.2" })).ssls();
      const { session } = await d.call("session_new", {});
      await d.call("set_session", { ssl: s.client, session });
      await d.call("session_free", { session });
      await d.call("handshake", { client: s.client, server: s.server });
      return (await d.call("freed_sessions", {})).handles.includes(session!);
    },
  },
  flush_noop: {
    // Sessions left in the server cache after a flush past their timeout.
    real: 0,
    mutant: 1,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2", serverTimeout: 10 });
      const c = await p.connect();
      await d.call("shutdown", c);
      const time = Math.floor(Date.now() / 1000) + 60;
      await d.call("ctx_flush_sessions", { ctx: p.sctx, time });
      return (await d.call("ctx_sess_number", { ctx: p.sctx })).count;
    },
  },
  resumable_always_1: {
    real: [false, false],
    mutant: [true, true],
    async probe(d) {
      const { session } = await d.call("session_new", {});
      return [
        (await d.call("session_is_resumable", { session: session! })).resumable,
        (await d.call("session_info", { session: session! })).resumable,
      ];
    },
  },
  ssl_free_as_clean: {
    real: false,
    mutant: true,
    async probe(d, pki) {
      const session = await keptTls12(d, pki, false);
      return (await d.call("session_is_resumable", { session })).resumable;
    },
  },
  shutdown_skipped: {
    real: true,
    mutant: false,
    async probe(d, pki) {
      const session = await keptTls12(d, pki, true);
      return (await d.call("session_is_resumable", { session })).resumable;
    },
  },
  new_session_cb_once: {
    real: [3, 3],
    mutant: [1, 1],
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.3", numTickets: 3 });
      const s = await p.ssls();
      const hs = await d.call("handshake", { ...s, readTickets: true });
      return [hs.newSessionCalls, (await d.call("ctx_new_sessions", { ctx: p.cctx })).count];
    },
  },
  tickets_unread: {
    real: 2,
    mutant: 0,
    async probe(d, pki) {
      const c = await (await pair(d, pki, { tls: "1.3", numTickets: 2 })).connect(false);
      return (await d.call("read_tickets", { client: c.client })).newSessionCalls;
    },
  },
  // Session fields and timeouts.
  protocol_version_zero: {
    real: 0x0303,
    mutant: 0,
    async probe(d, pki) {
      const session = await keptTls12(d, pki, true);
      return (await d.call("session_get0", { session, field: "protocol_version" })).value;
    },
  },
  set_protocol_version_noop: {
    real: 0x0304,
    mutant: 0,
    async probe(d) {
      const session = await blank(d);
      await d.call("session_set1", { session, field: "protocol_version", number: 0x0304 });
      return (await d.call("session_get0", { session, field: "protocol_version" })).value;
    },
  },
  get0_cipher_null: {
    real: true,
    mutant: false,
    async probe(d, pki) {
      const session = await keptTls12(d, pki, true);
      return (await d.call("session_get0", { session, field: "cipher" })).value !== null;
    },
  },
  set_cipher_noop: {
    real: "TLS_AES_128_GCM_SHA256",
    mutant: null,
    async probe(d, pki) {
      const c = await (await pair(d, pki, { tls: "1.3" })).connect();
      const session = await blank(d);
      await d.call("session_set1", { session, field: "cipher", hex: "1301", cipherSsl: c.client });
      return (await d.call("session_get0", { session, field: "cipher" })).value;
    },
  },
  get0_peer_null: {
    real: "/CN=localhost",
    mutant: null,
    async probe(d, pki) {
      const session = await keptTls12(d, pki, true);
      return (await d.call("session_get0", { session, field: "peer" })).value;
    },
  },
  randoms_swapped: {
    // Is the client's SSL_get_client_random the random its ClientHello carried?
    real: true,
    mutant: false,
    async probe(d, pki) {
      const s = await (await pair(d, pki, { tls: "1.2" })).ssls();
      await d.call("ssl_read", { ssl: s.client });
      const hello = await d.call("transfer_seen", { from: s.client, to: s.server });
      await d.call("handshake", { ...s, readTickets: false });
      const mine = await d.call("copy_out", { field: "client_random", ssl: s.client, outlen: 32 });
      return hello.hex.slice(22, 86) === mine.hex;
    },
  },
  master_key_zeroed: {
    real: false,
    mutant: true,
    async probe(d, pki) {
      const session = await keptTls12(d, pki, true);
      const key = await d.call("copy_out", { field: "master_key", session, outlen: 48 });
      return /^0+$/.test(key.hex);
    },
  },
  set1_master_key_alias: {
    real: "11".repeat(40),
    mutant: "ee".repeat(40),
    async probe(d) {
      const session = await blank(d);
      const hex = "11".repeat(40);
      await d.call("session_set1", { session, field: "master_key", hex, overwriteInput: true });
      return (await d.call("copy_out", { field: "master_key", session, outlen: 40 })).hex;
    },
  },
  hostname_null: {
    real: "example.test",
    mutant: null,
    async probe(d) {
      const session = await blank(d);
      await d.call("session_set1", { session, field: "hostname", text: "example.test" });
      return (await d.call("session_get0", { session, field: "hostname" })).value;
    },
  },
  alpn_set_noop: {
    real: "6832",
    mutant: null,
    async probe(d) {
      const session = await blank(d);
      await d.call("session_set1", { session, field: "alpn", hex: "6832" });
      return (await d.call("session_get0", { session, field: "alpn" })).value;
    },
  },
  i2d_empty: {
    real: true,
    mutant: false,
    async probe(d, pki) {
      const session = await keptTls12(d, pki, true);
      return (await d.call("session_i2d_raw", { session })).size > 2;
    },
  },
  has_ticket_0: {
    real: 1,
    mutant: 0,
    async probe(d, pki) {
      const c = await (await pair(d, pki, { tls: "1.3" })).connect();
      const { session } = await d.call("get_session", { ssl: c.client });
      return (await d.call("session_get0", { session: session!, field: "has_ticket" })).value;
    },
  },
  has_ticket_1: {
    real: 0,
    mutant: 1,
    async probe(d, pki) {
      // TLS 1.2 without tickets (the pair's -no_ticket): a session with no ticket.
      const c = await (await pair(d, pki, { tls: "1.2" })).connect();
      const { session } = await d.call("get_session", { ssl: c.client });
      return (await d.call("session_get0", { session: session!, field: "has_ticket" })).value;
    },
  },
  ticket_len_only: {
    real: true,
    mutant: false,
    async probe(d, pki) {
      const c = await (await pair(d, pki, { tls: "1.3" })).connect();
      const { session } = await d.call("get_session", { ssl: c.client });
      return (await d.call("session_get0", { session: session!, field: "ticket" })).value !== null;
    },
  },
  id_context_set_noop: {
    real: "0102",
    mutant: "",
    async probe(d) {
      const session = await blank(d);
      await d.call("session_set1", { session, field: "id_context", hex: "0102" });
      return (await d.call("session_get0", { session, field: "id_context" })).value;
    },
  },
  set1_id_unchecked: {
    real: 0,
    mutant: 1,
    async probe(d) {
      const session = await blank(d);
      return (await d.call("session_set1", { session, field: "id", hex: "77".repeat(33) })).rc;
    },
  },
  set_time_noop: {
    real: 1_000_000,
    mutant: "unchanged",
    async probe(d) {
      const session = await blank(d);
      await d.call("session_set_time", { session, time: 1_000_000 });
      const { time } = await d.call("session_info", { session });
      return time === 1_000_000 ? time : "unchanged";
    },
  },
  set_timeout_noop: {
    real: 77,
    mutant: "unchanged",
    async probe(d) {
      const session = await blank(d);
      await d.call("session_set_timeout", { session, seconds: 77 });
      const { timeout } = await d.call("session_info", { session });
      return timeout === 77 ? timeout : "unchanged";
    },
  },
  ctx_timeout_ignored: {
    real: 55,
    mutant: "unchanged",
    async probe(d) {
      const { ctx } = await d.call("ctx_new", { role: "client" });
      await d.call("ctx_set_timeout", { ctx, seconds: 55 });
      const { timeout } = await d.call("ctx_get_timeout", { ctx });
      return timeout === 55 ? timeout : "unchanged";
    },
  },
  d2i_null: {
    real: true,
    mutant: false,
    async probe(d, pki) {
      const session = await keptTls12(d, pki, true);
      const { der } = await d.call("session_i2d", { session });
      return await d.call("session_d2i", { der }).then(() => true, () => false);
    },
  },
  // The session chapter's cache, callbacks and tickets.
  num_tickets_ignored: {
    real: 3,
    mutant: 2,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.3" });
      return (await d.call("ctx_num_tickets", { ctx: p.sctx, set: 3 })).count;
    },
  },
  new_session_ticket_noop: {
    real: 1,
    mutant: 0,
    async probe(d, pki) {
      const c = await (await pair(d, pki, { tls: "1.3", numTickets: 0 })).connect();
      await d.call("ssl_new_session_ticket", { ssl: c.server });
      await d.call("ssl_do_handshake", { ssl: c.server });
      return (await d.call("read_tickets", { ...c })).newSessionCalls;
    },
  },
  cache_mode_ignored: {
    real: 0,
    mutant: 2,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2" });
      await d.call("ctx_cache_mode", { ctx: p.sctx, set: 0 });
      return (await d.call("ctx_cache_mode", { ctx: p.sctx })).mode;
    },
  },
  cache_size_ignored: {
    real: 5,
    mutant: 20480,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2" });
      return (await d.call("ctx_cache_size", { ctx: p.sctx, set: 5 })).size;
    },
  },
  stats_zero: {
    real: 1,
    mutant: 0,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2" });
      await p.connect();
      return (await d.call("ctx_stats", { ctx: p.sctx })).acceptGood;
    },
  },
  add_session_noop: {
    real: 1,
    mutant: 0,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2" });
      const { session } = await d.call("session_new", {});
      await d.call("session_set1", { field: "id", session: session!, hex: "01" });
      await d.call("ctx_add_session", { ctx: p.sctx, session: session! });
      return (await d.call("ctx_sess_number", { ctx: p.sctx })).count;
    },
  },
  remove_session_noop: {
    real: 0,
    mutant: 1,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2" });
      const { session } = await d.call("session_new", {});
      await d.call("session_set1", { field: "id", session: session!, hex: "01" });
      await d.call("ctx_add_session", { ctx: p.sctx, session: session! });
      await d.call("ctx_remove_session", { ctx: p.sctx, session: session! });
      return (await d.call("ctx_sess_number", { ctx: p.sctx })).count;
    },
  },
  sid_ctx_ignored: {
    real: "abcd",
    mutant: "",
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2" });
      await d.call("ctx_set_session_id_context", { ctx: p.sctx, hex: "abcd" });
      const c = await p.connect();
      const { session } = await d.call("get_session", { ssl: c.server });
      return (await d.call("session_get0", { session: session!, field: "id_context" })).value;
    },
  },
  remove_cb_unset: {
    real: 1,
    mutant: 0,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2" });
      await d.call("ctx_session_callbacks", { ctx: p.sctx, remove: true });
      await p.connect();
      await d.call("ctx_flush_sessions", { ctx: p.sctx, time: Date.now() / 1000 + 1e6 });
      return (await d.call("ctx_callback_calls", { ctx: p.sctx })).removed.length;
    },
  },
  get_cb_unset: {
    real: 1,
    mutant: 0,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2" });
      await d.call("ctx_cache_mode", { ctx: p.sctx, set: 0 });
      await d.call("ctx_session_callbacks", { ctx: p.sctx, get: true });
      const session = await keptTls12(d, pki, true);
      const s = await p.ssls();
      await d.call("set_session", { ssl: s.client, session });
      await d.call("handshake", s);
      return (await d.call("ctx_callback_calls", { ctx: p.sctx })).lookups.length;
    },
  },
  new_session_cb_ref_dropped: {
    real: false,
    mutant: true,
    async probe(d, pki) {
      const p = await pair(d, pki, { tls: "1.2", keepClientSessions: true });
      const c = await p.connect();
      const { calls } = await d.call("ctx_new_sessions", { ctx: p.cctx });
      await d.call("ssl_free", { ssl: c.client });
      return (await d.call("freed_sessions", {})).handles.includes(calls[0].session);
    },
  },
  default_timeout_per_protocol: {
    real: 0,
    mutant: 1,
    async probe(d, pki) {
      const timeout = async (tls: "1.2" | "1.3") => {
        const c = await (await pair(d, pki, { tls })).connect();
        return (await d.call("ssl_default_timeout", { ssl: c.server })).timeout;
      };
      return await timeout("1.3") - await timeout("1.2");
    },
  },
  alpn_get_null: {
    real: "6832",
    mutant: null,
    async probe(d) {
      const session = await blank(d);
      await d.call("session_set1", { session, field: "alpn", hex: "6832" });
      return (await d.call("session_get0", { session, field: "alpn" })).value;
    },
  },
};

/** A blank SSL_SESSION_new session. */
async function blank(d: FfiDriver): Promise<Handle> {
  return (await d.call("session_new", {})).session!;
}

Deno.test("parseFfiMutant() accepts the driver's mutants and nothing else", () => {
  assert.equal(parseFfiMutant(undefined), null);
  assert.equal(parseFfiMutant(""), null);
  for (const name of FFI_MUTANT_NAMES) assert.equal(parseFfiMutant(name), name);
  assert.throws(
    () => parseFfiMutant("get1_witout_ref"),
    (e) =>
      e instanceof RangeError && e.message.includes(FFI_MUTANT_ENV) &&
      /get1_witout_ref/.test(e.message),
  );
});

Deno.test("FfiDriver.start() reports the mutant in its hello, null when unset", async () => {
  await using real = await FfiDriver.start(system);
  assert.equal(real.hello.mutant, null);
  assert.equal(real.mutant, null);
  await using m = await FfiDriver.start(mutantBuild(system, findMutant("flush_noop")!));
  assert.equal(m.hello.mutant, "flush_noop");
  assert.equal((await m.call("hello", {})).mutant, "flush_noop");
});

Deno.test("FfiDriver.start() refuses a mutant the driver does not implement", async () => {
  const build = {
    ...system,
    ffiLaunch: { command: Deno.execPath(), args: [], env: { [FFI_MUTANT_ENV]: "no_such" } },
  };
  await assert.rejects(
    FfiDriver.start(build),
    (e) => e instanceof FfiError && e.kind === "start" && /no_such/.test(e.message),
  );
});

Deno.test("each FFI mutant changes exactly the op behaviour it names", async (t) => {
  await using pki = await createTestPki();
  await using real = await FfiDriver.start(system);
  for (const name of FFI_MUTANT_NAMES) {
    await t.step(`${name}: real ${JSON.stringify(PROBES[name].real)}`, async () => {
      const { probe, real: expectedReal, mutant: expectedMutant } = PROBES[name];
      assert.deepEqual(await probe(real, pki), expectedReal, "real driver");
      await using d = await FfiDriver.start(mutantBuild(system, findMutant(name)!));
      assert.equal(d.mutant, name);
      assert.deepEqual(await probe(d, pki), expectedMutant, `mutant ${name}`);
      // No mutant touches freed memory or otherwise kills the driver.
      assert.equal(d.alive, true);
      await d.call("hello", {});
    });
  }
});
