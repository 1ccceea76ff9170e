import { defineScenario } from "../../mod.ts";

/**
 * No build exports an `SSL_get0_session` symbol: in 1.1.1 and every 3.x and 4.0 it is a macro
 * for `SSL_get_session` (`#define SSL_get0_session SSL_get_session`), so the pointers are equal
 * by construction; the driver falls back to the macro's target and says so (`function`), which
 * is recorded as a note. What this checks is that both return the same pointer at every stage
 * of a connection where the session changes: before the handshake (NULL), mid-handshake,
 * after it, and, in TLS 1.3, after each ticket replaced the client's session; on both ends.
 *
 * It fails if a build ever exports a real `SSL_get0_session` that returns another object (or
 * NULL where SSL_get_session returns a session).
 */
export default defineScenario({
  quote: "SSL_get0_session() is the same as SSL_get_session().",
  claims: ["GS-2"],
  tags: ["ffi", "api", "tls12", "tls13"],
  requires: ["api"],
  mutants: ["get0_stale"],
  async run(ctx) {
    for (const tls of ["1.2", "1.3"] as const) {
      const pair = await ctx.ffiPair({ tls, numTickets: 2 });
      const ssls = await pair.newSsls();
      const compare = async (stage: string) => {
        for (const side of ["client", "server"] as const) {
          const get = await pair.call("get_session", { ssl: ssls[side], variant: "get" });
          const get0 = await pair.call("get_session", { ssl: ssls[side], variant: "get0" });
          ctx.expect.equal(
            "GS-2",
            `TLS ${tls} ${side} ${stage}: get0 returns the pointer get returns`,
            get0.ptr,
            get.ptr,
          );
          ctx.expect.equal(
            "GS-2",
            `TLS ${tls} ${side} ${stage}: and so the same object (driver handle)`,
            get0.session,
            get.session,
          );
          if (stage === "after the handshake" && side === "client") {
            ctx.note(`${ctx.clientBuild.id}: get0 called ${get0.function}`);
          }
        }
      };
      await compare("before the handshake");
      await pair.startHandshake(ssls);
      await compare("mid-handshake");
      await pair.call("handshake", { client: ssls.client, server: ssls.server });
      await compare("after the handshake");
      await pair.call("read_tickets", { client: ssls.client });
      await compare("after reading the tickets");
    }
  },
});
