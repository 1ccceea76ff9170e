import {
  defineScenario,
  modeTls,
  ProcessError,
  RESUMPTION_MODES,
  resumptionServer,
} from "../../mod.ts";

/**
 * What `s_client -sess_in` does with a session it cannot use, per resumption mode:
 *
 * - `corrupt` (base64 bytes changed inside the PEM), `truncated` (the PEM cut in half), `empty`
 *   (zero bytes): `PEM_read_bio_SSL_SESSION()`/`d2i_SSL_SESSION()` fail (DS-4), so `s_client`
 *   stops before connecting: exit code 1, nothing on stdout, and its error on stderr (the
 *   OpenSSL error stack is printed).
 * - `other-protocol`: a TLS 1.2 session offered where TLS 1.3 is negotiated, or a TLS 1.3 one by
 *   a client held to TLS 1.2: the session is set (SS-1) but not reused (SS-4): "New,".
 * - `other-server`: the session is offered to another `s_server` process with the same options:
 *   its ticket keys and cache are its own, so "New,".
 *
 * Not here: "another -context". A second `s_server` with another `-context` is also another
 * process, so its "New," would be explained by the process alone; GS-15 checks the context
 * with a same-process control.
 */
export default defineScenario({
  quote: "In case of failure the NULL-pointer is returned and the error message can be retrieved " +
    "from the error stack. … SSL_set_session() sets session to be used when the TLS/SSL " +
    "connection is to be established. … Whether the session was reused can be queried with the " +
    "SSL_session_reused(3) call.",
  claims: ["DS-4", "SS-1", "SS-4"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "tls12", "tls13"],
  mutants: ["full_handshakes"],
  variants: {
    mode: RESUMPTION_MODES,
    bad: ["corrupt", "truncated", "empty", "other-protocol", "other-server"],
  },
  mutantsFor: (v) =>
    ["corrupt", "truncated", "empty"].includes(v.bad) ? ["wrong_session"] : ["full_handshakes"],
  async run(ctx) {
    const { mode, bad } = ctx.variant;
    const tls = modeTls(mode);
    const server = await ctx.sServer(resumptionServer(mode, {
      tls: bad === "other-protocol" ? undefined : tls,
      numTickets: tls === "1.3" ? 1 : undefined,
    }));
    const good = await ctx.sClient(server, { tls, sessOut: "good.pem" });
    // Control: the file as written resumes at its own server.
    const control = await ctx.sClient(server, { tls, sessIn: "good.pem" });
    ctx.expect.equal("SS-4", "control: the good file resumes", control.reused, true);
    const pem = await Deno.readTextFile(`${ctx.dir}/good.pem`);

    if (bad === "corrupt" || bad === "truncated" || bad === "empty") {
      const lines = pem.split("\n");
      const text = bad === "empty"
        ? ""
        : bad === "truncated"
        ? lines.slice(0, Math.ceil(lines.length / 2)).join("\n") + "\n"
        : lines.map((l, i) => (i === 3 ? l.slice(0, 8) + "QUJDREVG" + l.slice(16) : l)).join("\n");
      await Deno.writeTextFile(`${ctx.dir}/bad.pem`, text);
      let error: ProcessError | undefined;
      try {
        const r = await ctx.sClient(server, { tls, sessIn: "bad.pem" });
        ctx.note(`s_client connected anyway: ${r.reused ? "Reused" : "New"}`);
      } catch (e) {
        if (!(e instanceof ProcessError)) throw e;
        error = e;
      }
      ctx.expect.equal(
        "DS-4",
        `a ${bad} -sess_in file: s_client stops before connecting, exit code 1`,
        [error?.code, error?.stdout.trim()],
        [1, ""],
      );
      ctx.expect.match(
        "DS-4",
        "it says it cannot read the session, with the error stack",
        error?.stderr ?? "",
        /^Can't open session file .*\n.*:error:[0-9A-F]{8}:(PEM|asn1 encoding) routines:/m,
      );
      ctx.note(`s_client stderr: ${error?.stderr.trim().split("\n").slice(0, 2).join(" / ")}`);
      return;
    }

    if (bad === "other-protocol") {
      const other = tls === "1.2" ? "1.3" : "1.2";
      const r = await ctx.sClient(server, { tls: other, sessIn: "good.pem" });
      ctx.expect.equal(
        "SS-4",
        `a TLS ${tls} session offered over TLS ${other}: a full handshake`,
        [r.handshake, r.reused],
        [true, false],
      );
      ctx.note(
        `offered over TLS ${other}: ${r.trace?.handshakes[0]?.pskOffered ? "PSK" : "no PSK"}, ` +
          `${r.trace?.handshakes[0]?.clientHello.sessionId.length ?? "?"}-byte session ID`,
      );
      return;
    }

    const twin = await ctx.sServer(resumptionServer(mode, {
      numTickets: tls === "1.3" ? 1 : undefined,
    }));
    const r = await ctx.sClient(twin, { tls, sessIn: "good.pem" });
    ctx.expect.equal(
      "SS-4",
      "offered to another s_server process: set, but not reused",
      [r.handshake, r.reused, good.reused],
      [true, false, false],
    );
  },
});
