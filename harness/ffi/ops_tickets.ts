/**
 * Ticket and post-handshake ops of the session chapter: the ticket counts of a context and an SSL
 * (`ctx_num_tickets`, `ssl_num_tickets`), `ssl_new_session_ticket`, `ssl_do_handshake` (what
 * sends queued tickets at once), post-handshake client authentication
 * (`ssl_post_handshake_auth` on the client, `ssl_verify_client_post_handshake` on the server) and
 * a TLS 1.2 renegotiation over memory BIOs started by either side (`renegotiate`, with
 * `ssl_set_options` for SSL_OP_ALLOW_CLIENT_RENEGOTIATION).
 *
 * @example
 * ```ts ignore
 * import { TICKET_OPS } from "./ops_tickets.ts";
 * console.log(Object.keys(TICKET_OPS));
 * ```
 * @module
 */

import { num } from "./op_args.ts";
import type { OpTable } from "./op_impl.ts";
import { readAvailable, sslResult, transfer } from "./bio_pump.ts";
import { SSL_VERIFY } from "./constants.ts";
import { OpError } from "./op_error.ts";

/** The ticket ops. */
export const TICKET_OPS = {
  ctx_num_tickets(d, args) {
    const ctx = d.ctx(args).ptr;
    const returned = args.set === undefined
      ? null
      : d.lib.fn("SSL_CTX_set_num_tickets")(ctx, BigInt(num(args, "set")));
    return { returned, count: Number(d.lib.fn("SSL_CTX_get_num_tickets")(ctx)) };
  },

  ssl_num_tickets(d, args) {
    const ssl = d.ssl(args).ptr;
    const returned = args.set === undefined
      ? null
      : d.lib.fn("SSL_set_num_tickets")(ssl, BigInt(num(args, "set")));
    return { returned, count: Number(d.lib.fn("SSL_get_num_tickets")(ssl)) };
  },

  ssl_new_session_ticket: (d, args) => ({
    rc: d.lib.fn("SSL_new_session_ticket")(d.ssl(args).ptr),
  }),

  ssl_do_handshake(d, args) {
    const e = d.ssl(args);
    return sslResult(d.lib, e, d.lib.fn("SSL_do_handshake")(e.ptr));
  },

  ssl_post_handshake_auth(d, args) {
    d.lib.fn("SSL_set_post_handshake_auth")(d.ssl(args).ptr, 1);
    return {};
  },

  ssl_verify_client_post_handshake(d, args) {
    const e = d.ssl(args);
    // The request is only made when the SSL verifies peers after the handshake.
    d.lib.fn("SSL_set_verify")(e.ptr, SSL_VERIFY.PEER | SSL_VERIFY.POST_HANDSHAKE, null);
    return { rc: d.lib.fn("SSL_verify_client_post_handshake")(e.ptr) };
  },

  ssl_set_options(d, args) {
    const bits = BigInt(num(args, "bits"));
    return { options: Number(d.lib.fn("SSL_set_options")(d.ssl(args).ptr, bits)) };
  },

  renegotiate(d, args) {
    const c = d.ssl(args, "client");
    const s = d.ssl(args, "server");
    if (args.initiator !== "client" && args.initiator !== "server") {
      throw new TypeError(
        `Field "initiator" must be "client" or "server", got ${JSON.stringify(args.initiator)}`,
      );
    }
    const by = args.initiator === "client" ? c : s;
    const max = num(args, "maxIterations", 20);
    const rc = d.lib.fn("SSL_renegotiate")(by.ptr);
    if (rc !== 1) return { rc, iterations: 0, pending: null };
    // One SSL_do_handshake writes the initiator's ClientHello / HelloRequest (a second one
    // would start another renegotiation); each side's SSL_read then processes the other's
    // flight and answers, until the initiator is done.
    d.lib.fn("SSL_do_handshake")(by.ptr);
    let i = 0;
    while (d.lib.fn("SSL_renegotiate_pending")(by.ptr) === 1) {
      if (++i > max) {
        throw new OpError(`Renegotiation did not finish within ${max} iterations`, d.lib.errors());
      }
      transfer(d.lib, by, by === c ? s : c);
      readAvailable(d.lib, by === c ? s : c);
      transfer(d.lib, by === c ? s : c, by);
      readAvailable(d.lib, by);
    }
    return { rc, iterations: i, pending: false };
  },
} satisfies OpTable;
