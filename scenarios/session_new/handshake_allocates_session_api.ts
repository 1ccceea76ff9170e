import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.2 (session IDs), in memory. Before any handshake neither SSL has a session. When the
 * handshake has completed, both ends hold a session that libssl allocated (the caller gave
 * none) and that can be used: resumable, with the connection's protocol version. A handshake
 * that fails (the client does not trust the server's certificate) leaves the client no usable
 * session.
 *
 * Observed on every build and recorded as a note, not a check: the client's SSL_SESSION object
 * already exists once the ClientHello is written (the same pointer is the one completed later),
 * but it is not resumable until the handshake completes; the sentence holds for a *usable*
 * session, the allocation itself is earlier.
 *
 * It fails if a completed handshake left an end without a resumable session, if a session
 * were resumable before completion, or if a failed handshake left a resumable one.
 */
export default defineScenario({
  quote: "SSL_SESSION objects are allocated, when a TLS/SSL handshake operation is successfully " +
    "completed.",
  claims: ["SN-5"],
  tags: ["ffi", "api", "tls12"],
  requires: ["api"],
  mutants: ["fresh_ssl_has_session", "resumable_always_1"],
  async run(ctx) {
    const pair = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const ssls = await pair.newSsls();
    for (const side of ["client", "server"] as const) {
      const r = await pair.call("get_session", { ssl: ssls[side] });
      ctx.expect.equal("SN-5", `before the handshake the ${side} has no session`, r.ptr, null);
    }
    await pair.startHandshake(ssls);
    const mid = await pair.call("get_session", { ssl: ssls.client });
    if (mid.session !== null) {
      const { resumable } = await pair.call("session_is_resumable", { session: mid.session });
      ctx.expect.equal(
        "SN-5",
        "mid-handshake the client's session is not usable",
        resumable,
        false,
      );
    }
    const hs = await pair.call("handshake", { client: ssls.client, server: ssls.server });
    for (const side of ["client", "server"] as const) {
      const session = pair.expectSession(
        "SN-5",
        `after the handshake the ${side} has a session`,
        await pair.call("get_session", { ssl: ssls[side] }),
      );
      const info = await pair.call("session_info", { session });
      ctx.expect.equal(
        "SN-5",
        `the ${side}'s session is resumable and carries the negotiated version`,
        [info.resumable, info.protocolVersion],
        [true, hs.version],
      );
      if (side === "client") {
        ctx.note(
          `${ctx.clientBuild.id}: client session mid-handshake: ${mid.ptr ?? "NULL"}, ` +
            `completed: ${(await pair.call("get_session", { ssl: ssls.client })).ptr} ` +
            `(${mid.session === session ? "same object" : "another object"})`,
        );
      }
    }

    const untrusting = await ctx.ffiPair({
      tls: "1.2",
      noTicket: true,
      clientCaFile: ctx.pki.cert,
    });
    const bad = await untrusting.newSsls();
    const failed = await pair.call("handshake", { client: bad.client, server: bad.server }).then(
      () => "completed",
      (e: Error) => e.message,
    );
    ctx.expect.match("SN-5", "a handshake with an untrusted server fails", failed, /failed/);
    const left = await pair.call("get_session", { ssl: bad.client });
    const usable = left.session === null
      ? false
      : (await pair.call("session_is_resumable", { session: left.session })).resumable;
    ctx.expect.equal("SN-5", "and leaves the client no usable session", usable, false);
  },
});
