/**
 * Ops on single SSL_SESSION fields (the getters and setters of the session chapter's pages):
 * `session_get0`, `session_set1`, `copy_out` (randoms and master key), `session_i2d_raw`, and
 * the connection settings that decide some of them (`ssl_cipher`, `ssl_set_sni`, `ctx_sni_ack`,
 * `ctx_alpn`). Types are in `protocol_session_fields.ts`. A build lacking a function fails the
 * op with an error naming it (`Libssl.fn`).
 *
 * @example
 * ```ts ignore
 * import { SESSION_FIELD_OPS } from "./ops_session_fields.ts";
 * console.log(Object.keys(SESSION_FIELD_OPS));
 * ```
 * @module
 */

import { cString, pointerHex, pointerValue } from "./libssl.ts";
import type { DriverState } from "./driver_state.ts";
import { type Args, num, str } from "./op_args.ts";
import type { OpTable } from "./op_impl.ts";
import type { CopyOutField, SessionGetField, SessionSetField } from "./protocol_session_fields.ts";
import { CALLBACKS } from "./symbols.ts";
import { TLSEXT } from "./constants.ts";

const GET_FIELDS: readonly SessionGetField[] = [
  "protocol_version",
  "cipher",
  "peer",
  "hostname",
  "alpn",
  "id",
  "id_context",
  "ticket",
  "has_ticket",
  "ticket_lifetime_hint",
];
const SET_FIELDS: readonly SessionSetField[] = [
  "protocol_version",
  "cipher",
  "master_key",
  "hostname",
  "alpn",
  "id",
  "id_context",
];
const COPY_FIELDS: readonly CopyOutField[] = ["client_random", "server_random", "master_key"];

function oneOf<T extends string>(args: Args, field: string, values: readonly T[]): T {
  const v = args[field];
  if (typeof v !== "string" || !values.includes(v as T)) {
    throw new TypeError(
      `Field "${field}" must be one of ${values.join(", ")}, got ${JSON.stringify(v)}`,
    );
  }
  return v as T;
}

/** `len` bytes at address `at` as lowercase hex (empty for NULL or 0). */
function bytesAt(at: bigint | Deno.PointerValue, len: number): string {
  const p = typeof at === "bigint" ? Deno.UnsafePointer.create(at) : at;
  if (!p || len === 0) return "";
  return new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(p, len).slice(0)).toHex();
}

function cStringAt(p: Deno.PointerValue): string | null {
  return p ? new Deno.UnsafePointerView(p).getCString() : null;
}

type GetResult = { value: string | number | null; length: number | null; ptr: string | null };

function getField(d: DriverState, s: Deno.PointerObject, field: SessionGetField, args: Args) {
  const lib = d.lib;
  const scalar = (value: number): GetResult => ({ value, length: null, ptr: null });
  switch (field) {
    case "protocol_version":
      return scalar(lib.fn("SSL_SESSION_get_protocol_version")(s));
    case "has_ticket":
      return scalar(lib.fn("SSL_SESSION_has_ticket")(s));
    case "ticket_lifetime_hint":
      return scalar(Number(lib.fn("SSL_SESSION_get_ticket_lifetime_hint")(s)));
    case "cipher": {
      const c = lib.fn("SSL_SESSION_get0_cipher")(s);
      return {
        value: c ? cStringAt(lib.fn("SSL_CIPHER_get_name")(c)) : null,
        length: null,
        ptr: pointerHex(c),
      };
    }
    case "peer": {
      const x = lib.fn("SSL_SESSION_get0_peer")(s);
      if (!x) return { value: null, length: null, ptr: null };
      const buf = new Uint8Array(512);
      lib.fn("X509_NAME_oneline")(lib.fn("X509_get_subject_name")(x), buf, buf.length);
      const text = new TextDecoder().decode(buf.subarray(0, buf.indexOf(0)));
      return { value: text, length: null, ptr: pointerHex(x) };
    }
    case "hostname": {
      const h = lib.fn("SSL_SESSION_get0_hostname")(s);
      return { value: cStringAt(h), length: null, ptr: pointerHex(h) };
    }
    case "alpn": {
      const out = new BigUint64Array(1);
      const len = new BigUint64Array(1);
      lib.fn("SSL_SESSION_get0_alpn_selected")(s, out, len);
      const n = Number(len[0]);
      return { value: out[0] === 0n ? null : bytesAt(out[0], n), length: n, ptr: null };
    }
    case "id": {
      const len = new Uint32Array(1);
      const p = lib.fn("SSL_SESSION_get_id")(s, len);
      return { value: p ? bytesAt(p, len[0]) : null, length: len[0], ptr: pointerHex(p) };
    }
    case "id_context": {
      if (args.lenNull === true) {
        const p = lib.fn("SSL_SESSION_get0_id_context")(s, null);
        return { value: null, length: null, ptr: pointerHex(p) };
      }
      const len = new Uint32Array(1);
      const p = lib.fn("SSL_SESSION_get0_id_context")(s, len);
      return { value: p ? bytesAt(p, len[0]) : null, length: len[0], ptr: pointerHex(p) };
    }
    case "ticket": {
      // *len is pre-set to a sentinel so that "only len written" is visible.
      const len = new BigUint64Array([0xffffn]);
      if (args.tickNull === true) {
        lib.fn("SSL_SESSION_get0_ticket")(s, null, len);
        return { value: null, length: Number(len[0]), ptr: null };
      }
      const tick = new BigUint64Array(1);
      lib.fn("SSL_SESSION_get0_ticket")(s, tick, len);
      const n = Number(len[0]);
      return { value: tick[0] === 0n ? null : bytesAt(tick[0], n), length: n, ptr: null };
    }
  }
}

function hexArg(args: Args): Uint8Array<ArrayBuffer> {
  const hex = str(args, "hex");
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new TypeError(`Field "hex" must be hex bytes`);
  return Uint8Array.fromHex(hex) as Uint8Array<ArrayBuffer>;
}

function setField(d: DriverState, s: Deno.PointerObject, field: SessionSetField, args: Args) {
  const lib = d.lib;
  let input: Uint8Array | null = null;
  let rc: number;
  switch (field) {
    case "protocol_version":
      rc = lib.fn("SSL_SESSION_set_protocol_version")(s, num(args, "number"));
      break;
    case "cipher": {
      const ssl = d.ssl(args, "cipherSsl");
      const c = lib.fn("SSL_CIPHER_find")(ssl.ptr, hexArg(args));
      if (!c) d.fail(`SSL_CIPHER_find(${str(args, "hex")})`);
      rc = lib.fn("SSL_SESSION_set_cipher")(s, c);
      break;
    }
    case "hostname":
      input = cString(str(args, "text"));
      rc = lib.fn("SSL_SESSION_set1_hostname")(s, input);
      break;
    case "master_key":
      input = hexArg(args);
      rc = lib.fn("SSL_SESSION_set1_master_key")(s, input, BigInt(input.length));
      break;
    case "alpn":
      input = hexArg(args);
      rc = lib.fn("SSL_SESSION_set1_alpn_selected")(s, input, BigInt(input.length));
      break;
    case "id":
      input = hexArg(args);
      rc = lib.fn("SSL_SESSION_set1_id")(s, input, input.length);
      break;
    case "id_context":
      input = hexArg(args);
      rc = lib.fn("SSL_SESSION_set1_id_context")(s, input, input.length);
      break;
  }
  // A setter that kept the caller's pointer would now read 0xEE bytes.
  if (args.overwriteInput === true) input?.fill(0xee);
  return { rc };
}

/** What one driver's SNI and ALPN callbacks answer, per server context pointer. */
interface ExtensionState {
  sniAck: Map<bigint, boolean>;
  alpn: Map<bigint, Uint8Array[]>;
  servername: Deno.UnsafeCallback<typeof CALLBACKS.servername>;
  alpnSelect: Deno.UnsafeCallback<typeof CALLBACKS.alpnSelect>;
}

const extensionStates = new WeakMap<DriverState, ExtensionState>();

function ctxOf(d: DriverState, ssl: Deno.PointerValue): bigint {
  return pointerValue(d.lib.fn("SSL_get_SSL_CTX")(ssl));
}

/** The driver's two callbacks, made on first use (they live as long as the driver). */
function extensions(d: DriverState): ExtensionState {
  let e = extensionStates.get(d);
  if (e) return e;
  const sniAck = new Map<bigint, boolean>();
  const alpn = new Map<bigint, Uint8Array[]>();
  const servername = new Deno.UnsafeCallback(CALLBACKS.servername, (ssl) => {
    try {
      return sniAck.get(ctxOf(d, ssl)) ? TLSEXT.ERR_OK : TLSEXT.ERR_NOACK;
    } catch {
      return TLSEXT.ERR_NOACK;
    }
  });
  const alpnSelect = new Deno.UnsafeCallback(
    CALLBACKS.alpnSelect,
    (ssl, out, outlen, inp, inlen) => {
      try {
        const wanted = alpn.get(ctxOf(d, ssl)) ?? [];
        if (!inp || !out || !outlen) return TLSEXT.ERR_NOACK;
        const offered = new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(inp, inlen));
        // The client's list is length-prefixed protocols; answer with a pointer into it.
        for (let i = 0; i < offered.length; i += 1 + offered[i]) {
          const proto = offered.subarray(i + 1, i + 1 + offered[i]);
          if (!wanted.some((w) => w.length === proto.length && w.every((b, j) => b === proto[j]))) {
            continue;
          }
          new BigUint64Array(Deno.UnsafePointerView.getArrayBuffer(out, 8))[0] = pointerValue(inp) +
            BigInt(i + 1);
          new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(outlen, 1))[0] = proto.length;
          return TLSEXT.ERR_OK;
        }
        return TLSEXT.ERR_NOACK;
      } catch {
        return TLSEXT.ERR_NOACK;
      }
    },
  );
  e = { sniAck, alpn, servername, alpnSelect };
  extensionStates.set(d, e);
  return e;
}

function protocolsArg(args: Args): Uint8Array[] {
  const list = args.protocols;
  if (!Array.isArray(list) || list.some((p) => typeof p !== "string" || p.length === 0)) {
    throw new TypeError(`Field "protocols" must be an array of non-empty strings`);
  }
  return list.map((p) => new TextEncoder().encode(p));
}

/** The session-field ops. */
export const SESSION_FIELD_OPS = {
  session_get0(d, args) {
    const s = d.session(args);
    return getField(d, s.ptr, oneOf(args, "field", GET_FIELDS), args);
  },

  session_set1(d, args) {
    const s = d.session(args);
    return setField(d, s.ptr, oneOf(args, "field", SET_FIELDS), args);
  },

  copy_out(d, args) {
    const field = oneOf(args, "field", COPY_FIELDS);
    const outlen = num(args, "outlen");
    if (!Number.isInteger(outlen) || outlen < 0 || outlen > 4096) {
      throw new RangeError(`Field "outlen" must be an integer in 0..4096, got ${outlen}`);
    }
    // A few bytes past outlen show a copy that overran it.
    const buf = new Uint8Array(outlen + 16).fill(0xa5);
    const lib = d.lib;
    const n = BigInt(outlen);
    const rc = field === "master_key"
      ? lib.fn("SSL_SESSION_get_master_key")(d.session(args).ptr, buf, n)
      : lib.fn(field === "client_random" ? "SSL_get_client_random" : "SSL_get_server_random")(
        d.ssl(args).ptr,
        buf,
        n,
      );
    return {
      rc: Number(rc),
      hex: buf.subarray(0, outlen).toHex(),
      untouched: buf.every((b) => b === 0xa5),
    };
  },

  session_i2d_raw(d, args) {
    const s = d.session(args);
    const i2d = d.lib.fn("i2d_SSL_SESSION");
    const size = i2d(s.ptr, null);
    if (size <= 0) return { size, written: null, der: null };
    const buf = new Uint8Array(size);
    const pp = new BigUint64Array([pointerValue(Deno.UnsafePointer.of(buf))]);
    const written = i2d(s.ptr, pp);
    return { size, written, der: buf.toBase64() };
  },

  ssl_cipher(d, args) {
    const c = d.lib.fn("SSL_get_current_cipher")(d.ssl(args).ptr);
    return { name: c ? cStringAt(d.lib.fn("SSL_CIPHER_get_name")(c)) : null };
  },

  ssl_set_sni(d, args) {
    const ssl = d.ssl(args);
    const name = cString(str(args, "hostname"));
    const rc = d.lib.fn("SSL_ctrl")(
      ssl.ptr,
      TLSEXT.SET_HOSTNAME,
      BigInt(TLSEXT.NAMETYPE_HOST_NAME),
      name,
    );
    return { rc: Number(rc) };
  },

  ctx_sni_ack(d, args) {
    const c = d.ctx(args);
    const e = extensions(d);
    e.sniAck.set(pointerValue(c.ptr), args.ack === true);
    d.lib.fn("SSL_CTX_callback_ctrl")(c.ptr, TLSEXT.SET_SERVERNAME_CB, e.servername.pointer);
    return {};
  },

  ctx_alpn(d, args) {
    const c = d.ctx(args);
    const protocols = protocolsArg(args);
    const role = oneOf(args, "role", ["client", "server"] as const);
    if (role === "client") {
      const wire = new Uint8Array(protocols.reduce((n, p) => n + 1 + p.length, 0));
      let i = 0;
      for (const p of protocols) {
        wire[i++] = p.length;
        wire.set(p, i);
        i += p.length;
      }
      return { rc: d.lib.fn("SSL_CTX_set_alpn_protos")(c.ptr, wire, wire.length) };
    }
    const e = extensions(d);
    e.alpn.set(pointerValue(c.ptr), protocols);
    d.lib.fn("SSL_CTX_set_alpn_select_cb")(c.ptr, e.alpnSelect.pointer, null);
    return { rc: 0 };
  },
} satisfies OpTable;
