/**
 * `ctx_ticket_keys`: a TLS 1.2 session ticket key callback on a server context
 * (SSL_CTX_set_tlsext_ticket_key_cb: AES-128-CBC and HMAC-SHA256 under fixed test keys) that,
 * with `renew`, answers 2 when it decrypts a ticket, so the server issues a new ticket during
 * the resumed handshake. SSL_CTX_set_timeout(3) says what such a ticket's lifetime hint is.
 * Types are in `protocol_session_fields.ts`.
 *
 * @example
 * ```ts ignore
 * import { TICKET_KEY_OPS } from "./ops_ticket_keys.ts";
 * console.log(Object.keys(TICKET_KEY_OPS));
 * ```
 * @module
 */

import { pointerValue } from "./libssl.ts";
import type { DriverState } from "./driver_state.ts";
import type { OpTable } from "./op_impl.ts";
import { CALLBACKS } from "./symbols.ts";
import { TLSEXT } from "./constants.ts";

// Test keys: any fixed bytes do; only this driver encrypts and decrypts them.
const KEY_NAME = new Uint8Array(16).fill(0x4b);
const AES_KEY = new Uint8Array(16).fill(0x41);
const HMAC_KEY = new Uint8Array(32).fill(0x48);
const IV = new Uint8Array(16).fill(0x49);

interface TicketKeyState {
  renew: Map<bigint, boolean>;
  callback: Deno.UnsafeCallback<typeof CALLBACKS.ticketKey>;
}

const states = new WeakMap<DriverState, TicketKeyState>();

function bytesAt(p: Deno.PointerObject, n: number): Uint8Array {
  return new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(p, n));
}

function state(d: DriverState): TicketKeyState {
  let s = states.get(d);
  if (s) return s;
  const renew = new Map<bigint, boolean>();
  const lib = d.lib;
  const callback = new Deno.UnsafeCallback(
    CALLBACKS.ticketKey,
    (ssl, keyName, iv, cipherCtx, hmacCtx, enc) => {
      try {
        if (!keyName || !iv || !cipherCtx || !hmacCtx) return -1;
        const cipher = lib.fn("EVP_aes_128_cbc")();
        const md = lib.fn("EVP_sha256")();
        if (enc === 1) {
          bytesAt(keyName, 16).set(KEY_NAME);
          bytesAt(iv, 16).set(IV);
          if (lib.fn("EVP_EncryptInit_ex")(cipherCtx, cipher, null, AES_KEY, iv) !== 1) return -1;
        } else {
          if (!bytesAt(keyName, 16).every((b, i) => b === KEY_NAME[i])) return 0;
          if (lib.fn("EVP_DecryptInit_ex")(cipherCtx, cipher, null, AES_KEY, iv) !== 1) return -1;
        }
        if (lib.fn("HMAC_Init_ex")(hmacCtx, HMAC_KEY, HMAC_KEY.length, md, null) !== 1) return -1;
        const ctx = pointerValue(lib.fn("SSL_get_SSL_CTX")(ssl));
        return enc === 1 ? 1 : renew.get(ctx) ? 2 : 1;
      } catch {
        return -1;
      }
    },
  );
  s = { renew, callback };
  states.set(d, s);
  return s;
}

/** The ticket key op. */
export const TICKET_KEY_OPS = {
  ctx_ticket_keys(d, args) {
    const c = d.ctx(args);
    const s = state(d);
    s.renew.set(pointerValue(c.ptr), args.renew === true);
    const rc = d.lib.fn("SSL_CTX_callback_ctrl")(
      c.ptr,
      TLSEXT.SET_TICKET_KEY_CB,
      s.callback.pointer,
    );
    return { rc: Number(rc) };
  },
} satisfies OpTable;
