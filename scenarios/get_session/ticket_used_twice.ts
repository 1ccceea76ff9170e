import {
  defineScenario,
  modeTls,
  modeUsesServerCache,
  RESUMPTION_MODES,
  type ResumptionMode,
  resumptionServer,
} from "../../mod.ts";

/** The switches varied, as the variant values name them. */
interface Switches {
  mode: ResumptionMode;
  early: string;
  replay: string;
  cache: string;
  end: string;
}

/** Anti-replay is on: TLS 1.3, early data on, and `-no_anti_replay` not given. */
function antiReplayOn(v: Switches): boolean {
  return modeTls(v.mode) === "1.3" && v.early === "early" && v.replay !== "no_anti_replay";
}

/**
 * Measured: a TLS 1.2 session-ID server with `-no_cache` sends an empty session ID, so the
 * client gets no resumable session and `-sess_out` is not written.
 */
function sessionIssued(v: Switches): boolean {
  return !(v.mode === "tls1.2-id" && v.cache === "no_cache");
}

/**
 * The first use resumes unless `-no_cache` removed what the server needs: the cache entry of
 * the cache modes, and (measured) the cache that anti-replay checks a ticket against, which
 * then refuses even a stateless ticket's first use.
 */
function firstResumes(v: Switches): boolean {
  return sessionIssued(v) &&
    !(v.cache === "no_cache" && (modeUsesServerCache(v.mode) || antiReplayOn(v)));
}

/**
 * Measured: a second use is refused only with anti-replay on, or when the first use of a TLS 1.2
 * session ID ended without close_notify: the unclean end removed the cache entry (GS-12), which
 * says nothing about single use.
 */
function secondResumes(v: Switches): boolean {
  return firstResumes(v) && !antiReplayOn(v) && !uncleanCacheEnd(v);
}

/**
 * The first use ended without close_notify, and that connection's session was the cache entry
 * the session file names: a TLS 1.2 session-ID resumption reuses the cached session itself.
 * Measured (1.1.1w, 3.0.19, 3.5.9, 4.0.3): a TLS 1.3 resumption from a stateful ticket runs
 * on a new session, so its unclean end removes that one and the ticket's entry still resumes.
 */
function uncleanCacheEnd(v: Switches): boolean {
  return v.end === "sigkill" && v.mode === "tls1.2-id";
}

/**
 * A recommendation to clients; what servers do with a second use of one session is the
 * measurable part, and this records it in every mode: TLS 1.2 session ID and ticket, TLS 1.3
 * stateless and stateful ticket; for TLS 1.3 with early data off or on (`-early_data`) and
 * anti-replay left to OpenSSL, switched on (`-anti_replay`) or off (`-no_anti_replay`); and
 * with the server's cache on or off (`-no_cache`).
 *
 * Early data and anti-replay are TLS 1.3 switches: the TLS 1.2 variants vary only the cache.
 * What holds on every build measured (the README's "what makes a second use fail"): no server
 * refuses a second use by itself, stateless or stateful; only anti-replay does, which OpenSSL
 * switches on with early data (`-anti_replay` alone changes nothing) and `-no_anti_replay`
 * switches off again. `-no_cache` ends resumption for the modes that need the cache, and with
 * anti-replay on it refuses even a stateless ticket's first use (anti-replay checks the cache);
 * a TLS 1.2 session-ID server with `-no_cache` gives the client no session to save at all.
 *
 * `end`: how the first use ends, clean or SIGKILL (no close_notify), with the servers' default
 * switches. A second use refused after an unclean first use is the cache entry removed (GS-12),
 * not a single-use rule: a reading of "refused" must know how the first use ended. That happens
 * with TLS 1.2 session IDs only (see {@linkcode uncleanCacheEnd}).
 */
export default defineScenario({
  quote:
    "In TLSv1.3 it is recommended that each SSL_SESSION object is only used for resumption once.",
  claims: ["GS-13"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12", "tls13", "tickets"],
  mutants: ["full_handshakes"],
  variants: {
    mode: RESUMPTION_MODES,
    early: ["no_early", "early"],
    replay: ["default", "anti_replay", "no_anti_replay"],
    cache: ["cache", "no_cache"],
    end: ["clean", "sigkill"],
  },
  skipVariant: (v) =>
    modeTls(v.mode) === "1.2" && (v.early !== "no_early" || v.replay !== "default")
      ? "early data and anti-replay are TLS 1.3 switches"
      : v.end !== "clean" &&
          (v.early !== "no_early" || v.replay !== "default" || v.cache !== "cache")
      ? "the first use's end is varied with the servers' default switches only"
      : undefined,
  mutantsFor: (v) =>
    uncleanCacheEnd(v)
      // A server that counts the unclean end as clean keeps the session: the second use resumes.
      ? ["ignore_unexpected_eof"]
      : !firstResumes(v)
      ? ["no_cache_dropped"]
      : secondResumes(v) && modeTls(v.mode) === "1.3" && v.replay !== "no_anti_replay"
      ? ["anti_replay_everywhere", "full_handshakes"]
      : ["full_handshakes"],
  async run(ctx) {
    const v = ctx.variant;
    const tls13 = modeTls(v.mode) === "1.3";
    const server = await ctx.sServer(resumptionServer(v.mode, {
      numTickets: tls13 ? 1 : undefined,
      noCache: v.cache === "no_cache" ? true : undefined,
      antiReplay: v.replay === "anti_replay"
        ? true
        : v.replay === "no_anti_replay"
        ? false
        : undefined,
      extraArgs: v.early === "early" ? ["-early_data"] : undefined,
    }));
    const issued = await ctx.sClient(server, { sessOut: "s.pem" });
    ctx.expect.equal(
      "GS-13",
      sessionIssued(v) ? "a session was issued" : "-no_cache, session IDs: no session to save",
      issued.sessionFileState,
      sessionIssued(v) ? "present" : "absent",
    );
    if (!sessionIssued(v)) return;
    const first = await ctx.sClient(server, {
      sessIn: "s.pem",
      close: v.end === "sigkill" ? "kill" : "clean",
    });
    const second = await ctx.sClient(server, { sessIn: "s.pem" });
    ctx.expect.equal(
      "GS-13",
      firstResumes(v) ? "the first use resumes" : "-no_cache: even the first use does not resume",
      first.reused,
      firstResumes(v),
    );
    ctx.expect.equal(
      "GS-13",
      `the second use of the same session ${secondResumes(v) ? "resumes too" : "is refused"}${
        uncleanCacheEnd(v) ? " (the first use ended uncleanly: the cache entry is gone)" : ""
      }`,
      second.reused,
      secondResumes(v),
    );
  },
});
