import { defineScenario } from "../../mod.ts";

/**
 * TLS 1.2 with session IDs, so both ends' sessions carry the ID that went over the wire. After
 * a full handshake, the client's and the server's SSL_get_session() carry the same session ID
 * and the negotiated version. A session offered with SSL_set_session() is what
 * SSL_get_session() returns when the server resumes it (the very object), and not when the
 * server does a full handshake instead (another context's server that does not know it): then
 * it returns the new session actually in use, whose ID is the new server's.
 *
 * It fails if SSL_get_session() returned the offered session whether or not it was used, or a
 * session whose ID is not the one the peers agreed on.
 */
export default defineScenario({
  quote: "SSL_get_session() returns a pointer to the SSL_SESSION actually used in ssl.",
  claims: ["GS-1"],
  tags: ["ffi", "api", "tls12"],
  requires: ["api"],
  mutants: ["get_returns_set_session"],
  async run(ctx) {
    const home = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const id = async (session: number) => (await home.call("session_id", { session })).id;

    const first = await home.connect();
    const client = home.expectSession(
      "GS-1",
      "after a full handshake the client has a session",
      await home.call("get_session", { ssl: first.client }),
    );
    const server = home.expectSession(
      "GS-1",
      "after a full handshake the server has a session",
      await home.call("get_session", { ssl: first.server }),
    );
    const firstId = await id(client);
    ctx.expect.ok("GS-1", "the client's session has a session ID", firstId.length > 0, firstId);
    ctx.expect.equal(
      "GS-1",
      "client and server sessions carry the same session ID",
      firstId,
      await id(server),
    );
    const info = await home.call("session_info", { session: client });
    ctx.expect.equal(
      "GS-1",
      "the session's protocol version is the connection's",
      info.protocolVersion,
      first.version,
    );
    await home.call("shutdown", { client: first.client, server: first.server });
    const offered = home.expectSession(
      "GS-1",
      "get1 keeps the session to offer it",
      await home.call("get_session", { ssl: first.client, variant: "get1" }),
    );

    const resumed = await home.connect({ session: offered });
    ctx.expect.equal(
      "GS-1",
      "the issuing server resumes the offered session",
      resumed.reused,
      true,
    );
    const inResumed = await home.call("get_session", { ssl: resumed.client });
    ctx.expect.equal(
      "GS-1",
      "after resumption get_session returns the offered session itself",
      inResumed.session,
      offered,
    );
    const serverResumed = home.expectSession(
      "GS-1",
      "the resuming server has a session",
      await home.call("get_session", { ssl: resumed.server }),
    );
    ctx.expect.equal(
      "GS-1",
      "the resuming server's session carries the offered session's ID",
      await id(serverResumed),
      firstId,
    );

    const elsewhere = await ctx.ffiPair({ tls: "1.2", noTicket: true });
    const full = await elsewhere.connect({ session: offered });
    ctx.expect.equal("GS-1", "another server does a full handshake", full.reused, false);
    const inFull = home.expectSession(
      "GS-1",
      "after the full handshake the client has a session",
      await home.call("get_session", { ssl: full.client }),
    );
    ctx.expect.notEqual(
      "GS-1",
      "get_session does not return the offered, unused session",
      inFull,
      offered,
    );
    const newServer = home.expectSession(
      "GS-1",
      "the other server has a session",
      await home.call("get_session", { ssl: full.server }),
    );
    ctx.expect.equal(
      "GS-1",
      "the client's session carries the ID the other server issued",
      await id(inFull),
      await id(newServer),
    );
    ctx.expect.notEqual("GS-1", "which is a new ID", await id(inFull), firstId);
    await home.call("session_free", { session: offered });
  },
});
