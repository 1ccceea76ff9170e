import { defineScenario, modeTls, RESUMPTION_MODES, resumptionServer, toHex } from "../../mod.ts";

/**
 * With a session file written by another OpenSSL version. The server build X issues a TLS 1.3 ticket to its own `s_client`, which writes `-sess_out`.
 * The client build Y then reads that file (`sess_id -text`, which must show the same ticket)
 * and offers it with `-sess_in` to the server X: the connection must resume. Run with
 * `--pairs all` to cover every X → Y; with `--pairs same` it checks a build against itself.
 * It fails when Y cannot read X's file, or reads it but does not offer it.
 *
 * Every resumption mode writes a different file: a TLS 1.2 session ID (`-no_ticket`: no
 * ticket, the server's cache holds the session), a TLS 1.2 ticket, a TLS 1.3 stateless and a
 * TLS 1.3 stateful ticket (`-no_ticket`). `sess_id` must show the ticket's first bytes, or for
 * the session-ID mode the session ID.
 */
export default defineScenario({
  quote:
    "SSL_set_session() sets session to be used when the TLS/SSL connection is to be established.",
  claims: ["SS-1", "SS-4"],
  requires: [
    "cli-client:openssl",
    "cli-server:openssl",
    "session-file:openssl-pem",
    "cli-client:openssl@server",
    "session-file:openssl-pem@server",
  ],
  tags: ["cli", "tls12", "tls13", "cross-version"],
  variants: { mode: RESUMPTION_MODES },
  mutants: ["corrupt_session_file", "wrong_session", "faked_resumption"],
  async run(ctx) {
    const { mode } = ctx.variant;
    const tls13 = modeTls(mode) === "1.3";
    const server = await ctx.sServer(resumptionServer(mode, { numTickets: tls13 ? 1 : undefined }));
    const issued = await ctx.sClient(server, {
      sessOut: "from-server-build.pem",
      build: ctx.serverBuild,
    });
    ctx.expect.equal(
      "SS-1",
      "the server build's client wrote a session file",
      issued.sessionFileState,
      "present",
    );

    const read = await ctx.sessIdText("from-server-build.pem");
    ctx.expect.equal("SS-1", "the client build's sess_id reads the file", read.code, 0);
    if (mode === "tls1.2-id") {
      const id = toHex(issued.session?.sessionId ?? new Uint8Array()).toUpperCase();
      ctx.expect.ok(
        "SS-1",
        "sess_id of the client build shows the session ID",
        id.length > 0 && read.stdout.includes(`Session-ID: ${id}`),
        read.stdout.split("\n").filter((l) => /Session-ID:/.test(l)),
      );
    } else {
      const hex = toHex(issued.session?.ticket ?? new Uint8Array()).match(/../g) ?? [];
      const dumped = read.stdout.match(/^\s+[0-9a-f]{4} - (.*?)(?:\s{2,}.*)?$/gm)?.join(" ") ??
        "";
      ctx.expect.ok(
        "SS-1",
        "sess_id of the client build shows the ticket's first bytes",
        hex.length > 0 && dumped.replaceAll("-", " ").includes(hex.slice(0, 8).join(" ")),
        read.stdout.split("\n").filter((l) => / - /.test(l)).slice(0, 2),
      );
    }

    const resumed = await ctx.sClient(server, { sessIn: "from-server-build.pem" });
    ctx.expect.equal(
      "SS-4",
      "the client build resumes with the other build's session file",
      resumed.reused,
      true,
    );
  },
});
