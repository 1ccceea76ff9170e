import {
  defineScenario,
  modeTls,
  modeUsesServerCache,
  RESUMPTION_MODES,
  resumptionServer,
} from "../../mod.ts";

/**
 * Seen from the server: a client gets its session, then its connection ends without
 * close_notify; another client offers that session. Control: a clean close, same server,
 * resumes.
 *
 * - `mode`: the sentence is about the server's session cache, so it applies to the modes that
 *   keep the session there (TLS 1.2 session ID, TLS 1.3 stateful ticket: `-no_ticket`). With a
 *   TLS 1.2 ticket or a TLS 1.3 stateless ticket the server holds nothing to remove: those
 *   variants assert what happens instead (the ticket still resumes), so that a change shows.
 * - `end`: SIGKILL, SIGTERM (s_client has no handler: no close_notify either), and
 *   `s_client -quiet` ended by the harness (SIGTERM: `-quiet` ignores the end of its stdin).
 * - `eof`: `strict` (default), or the server's `-ignore_unexpected_eof` (3.0+), which counts
 *   such an end as clean: the cached session then survives. Only with SIGKILL and the cache
 *   modes (elsewhere it changes nothing the checks could see).
 */
export default defineScenario({
  quote: "A session will be automatically removed from the session cache and marked as " +
    "non-resumable if the connection is not closed down cleanly.",
  claims: ["GS-12"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12", "tls13"],
  mutants: ["ignore_unexpected_eof"],
  variants: {
    mode: RESUMPTION_MODES,
    end: ["sigkill", "sigterm", "quiet"],
    eof: ["strict", "ignore_eof"],
  },
  skipVariant: (v) =>
    v.eof === "ignore_eof" && (v.end !== "sigkill" || !modeUsesServerCache(v.mode))
      ? "-ignore_unexpected_eof is varied with SIGKILL on the cache modes only"
      : undefined,
  mutantsFor: (v) =>
    modeUsesServerCache(v.mode) && v.eof === "strict"
      ? ["ignore_unexpected_eof"]
      : ["full_handshakes"],
  async run(ctx) {
    const { mode, end, eof } = ctx.variant;
    if (eof === "ignore_eof" && ctx.serverBuild.family === "1.1.1") {
      ctx.skip("s_server -ignore_unexpected_eof exists from OpenSSL 3.0 on");
    }
    const server = await ctx.sServer(resumptionServer(mode, {
      numTickets: modeTls(mode) === "1.3" ? 1 : undefined,
      ignoreUnexpectedEof: eof === "ignore_eof" ? true : undefined,
    }));
    await ctx.sClient(server, { sessOut: "clean.pem" });
    const cleanAgain = await ctx.sClient(server, { sessIn: "clean.pem" });
    ctx.expect.equal(
      "GS-12",
      "control: after a clean close the session resumes",
      cleanAgain.reused,
      true,
    );

    const ended = await ctx.sClient(server, {
      sessOut: "unclean.pem",
      close: end === "sigkill" ? "kill" : "term",
      quiet: end === "quiet",
    });
    ctx.expect.equal("GS-12", "the client had its session", ended.sessionFileState, "present");
    ctx.expect.equal("GS-12", "its connection got data through", ended.handshake, true);
    const after = await ctx.sClient(server, { sessIn: "unclean.pem" });
    if (!modeUsesServerCache(mode)) {
      ctx.expect.equal(
        "GS-12",
        "out of the sentence's scope (no cache entry: the session is in the ticket): it still resumes",
        after.reused,
        true,
      );
    } else if (eof === "ignore_eof") {
      ctx.expect.equal(
        "GS-12",
        "with -ignore_unexpected_eof the end counts as clean: the session resumes",
        after.reused,
        true,
      );
    } else {
      ctx.expect.equal(
        "GS-12",
        "after an unclean end the session is not resumed",
        after.reused,
        false,
      );
    }
    ctx.note(
      `clean close -> ${cleanAgain.reused ? "Reused" : "New"}; ${end} -> ${
        after.reused ? "Reused" : "New"
      }`,
    );
    await server.stop();
  },
});
