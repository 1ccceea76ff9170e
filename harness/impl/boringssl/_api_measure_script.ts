/**
 * Run as its own Deno process (one BoringSSL per process) by `api_measure.ts`: binds libssl and
 * libcrypto through the symbol map given as JSON in argv[0], runs memory-BIO handshakes between
 * a client and a server of the same library, and prints one JSON line of observations.
 *
 * @module
 */
interface Config {
  libssl: string;
  libcrypto: string;
  symbols: Record<
    string,
    { name: string; parameters: Deno.NativeType[]; result: Deno.NativeResultType }
  >;
  cert: string;
  key: string;
  caFile: string;
}
const config: Config = JSON.parse(Deno.args[0]);
const defs = Object.fromEntries(
  Object.values(config.symbols).map((
    s,
  ) => [s.name, { parameters: s.parameters, result: s.result, optional: true }]),
) as Record<string, Deno.ForeignFunction>;
const crypto = Deno.dlopen(config.libcrypto, defs);
const ssl = Deno.dlopen(config.libssl, defs);
// deno-lint-ignore no-explicit-any
type Fn = (...args: any[]) => any;
/** The function OpenSSL calls `openssl`, under BoringSSL's name. */
function fn(openssl: string): Fn {
  const name = config.symbols[openssl]?.name;
  const f = name && ((ssl.symbols as Record<string, Fn | null>)[name] ??
    (crypto.symbols as Record<string, Fn | null>)[name]);
  if (!f) throw new Error(`${openssl} is not mapped or not exported`);
  return f;
}
const has = (openssl: string) => {
  const name = config.symbols[openssl]?.name;
  return !!name &&
    !!((ssl.symbols as Record<string, unknown>)[name] ??
      (crypto.symbols as Record<string, unknown>)[name]);
};
const c = (s: string) => new TextEncoder().encode(s + "\0");
const addr = (p: Deno.PointerValue) => (p === null ? 0n : Deno.UnsafePointer.value(p));

let callbacks: Deno.PointerValue[] = [];
let keep = false;
const newSession = new Deno.UnsafeCallback(
  { parameters: ["pointer", "pointer"], result: "i32" },
  (_s, sess) => {
    callbacks.push(sess);
    return keep ? 1 : 0;
  },
);

function ctx(
  server: boolean,
  tls: 0x0303 | 0x0304,
  o: { cache?: number; noTicket?: boolean } = {},
) {
  const x = fn("SSL_CTX_new")(fn("TLS_method")());
  fn("SSL_CTX_set_min_proto_version")(x, tls);
  fn("SSL_CTX_set_max_proto_version")(x, tls);
  if (server) {
    fn("SSL_CTX_use_certificate_chain_file")(x, c(config.cert));
    fn("SSL_CTX_use_PrivateKey_file")(x, c(config.key), 1);
    const sid = new TextEncoder().encode("measure");
    fn("SSL_CTX_set_session_id_context")(x, sid, BigInt(sid.length));
  } else {
    fn("SSL_CTX_load_verify_locations")(x, c(config.caFile), null);
    fn("SSL_CTX_set_verify")(x, 1, null);
  }
  if (o.noTicket) fn("SSL_CTX_set_options")(x, 1 << 14);
  if (o.cache !== undefined) fn("SSL_CTX_set_session_cache_mode")(x, o.cache);
  fn("SSL_CTX_sess_set_new_cb")(x, newSession.pointer);
  return x;
}
const buf = new Uint8Array(65536);
function pair(cctx: Deno.PointerValue, sctx: Deno.PointerValue, session?: Deno.PointerValue) {
  const cl = fn("SSL_new")(cctx), sv = fn("SSL_new")(sctx);
  const bio = () => fn("BIO_new")(fn("BIO_s_mem")());
  const cin = bio(), cout = bio(), sin = bio(), sout = bio();
  fn("SSL_set_bio")(cl, cin, cout);
  fn("SSL_set_bio")(sv, sin, sout);
  fn("SSL_set_connect_state")(cl);
  fn("SSL_set_accept_state")(sv);
  if (session) fn("SSL_set_session")(cl, session);
  const move = (from: Deno.PointerValue, to: Deno.PointerValue) => {
    let n = 0;
    while (Number(fn("BIO_ctrl_pending")(from)) > 0) {
      const r = fn("BIO_read")(from, buf, buf.length);
      if (r <= 0) break;
      fn("BIO_write")(to, buf.subarray(0, r), r);
      n += r;
    }
    return n;
  };
  const pump = () => move(cout, sin) + move(sout, cin);
  return {
    cl,
    sv,
    handshake() {
      for (let i = 0; i < 20; i++) {
        const a = fn("SSL_do_handshake")(cl), b = fn("SSL_do_handshake")(sv);
        if (pump() === 0 && a === 1 && b === 1) return true;
      }
      return false;
    },
    /** Server writes one byte, client reads it (and whatever came before it). */
    serverWrite() {
      fn("SSL_write")(sv, new Uint8Array([33]), 1);
      pump();
      fn("SSL_read")(cl, buf, buf.length);
      pump();
    },
    free() {
      fn("SSL_free")(cl);
      fn("SSL_free")(sv);
    },
  };
}

const out: Record<string, unknown> = {};
// TLS 1.3: tickets, the session SSL_get_session returns, what resumes.
{
  const cctx = ctx(false, 0x0304, { cache: 1 }), sctx = ctx(true, 0x0304);
  callbacks = [];
  keep = true;
  const p = pair(cctx, sctx);
  out.tls13Handshake = p.handshake();
  const before = fn("SSL_get_session")(p.cl);
  out.tls13ResumableBeforeTickets = fn("SSL_SESSION_is_resumable")(before);
  out.tls13CallbacksBeforeServerWrite = callbacks.length;
  p.serverWrite();
  out.tls13CallbacksAfterServerWrite = callbacks.length;
  const after = fn("SSL_get_session")(p.cl);
  out.tls13GetSessionChangedByTickets = addr(after) !== addr(before);
  out.tls13GetSessionResumableAfterTickets = fn("SSL_SESSION_is_resumable")(after);
  out.tls13CallbackSessionsResumable = callbacks.map((s) => fn("SSL_SESSION_is_resumable")(s));
  const get1 = fn("SSL_get1_session")(p.cl);
  p.free();
  keep = false;
  const viaGet1 = pair(cctx, sctx, get1);
  viaGet1.handshake();
  out.tls13ReusedWithGet1Session = fn("SSL_session_reused")(viaGet1.cl);
  viaGet1.free();
  const viaCallback = pair(cctx, sctx, callbacks.at(-1));
  viaCallback.handshake();
  out.tls13ReusedWithCallbackSession = fn("SSL_session_reused")(viaCallback.cl);
  viaCallback.free();
}
// TLS 1.2, tickets off, server cache off: does the client get an established session?
{
  callbacks = [];
  const p = pair(ctx(false, 0x0303, { cache: 1 }), ctx(true, 0x0303, { cache: 0, noTicket: true }));
  out.tls12Handshake = p.handshake();
  const len = new Uint32Array(1);
  fn("SSL_SESSION_get_id")(fn("SSL_get_session")(p.cl), len);
  out.tls12CacheOffSessionIdLength = len[0];
  out.tls12CacheOffCallbacks = callbacks.length;
  p.free();
}
// SSL_SESSION_new(ctx)
{
  const s = fn("SSL_SESSION_new")(fn("SSL_CTX_new")(fn("TLS_method")()));
  out.sessionNewNonNull = s !== null;
  out.sessionNewResumable = fn("SSL_SESSION_is_resumable")(s);
  fn("SSL_SESSION_free")(s);
}
out.setNumTickets = has("SSL_CTX_set_num_tickets");
// The one line the parent reads (stdout; the lint forbids console in project code).
await Deno.stdout.write(new TextEncoder().encode(JSON.stringify(out) + "\n"));
