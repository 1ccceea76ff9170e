import { defineScenario, parseServerPage, TLS_VARIANTS, tlsVersion } from "../../mod.ts";
import { recordMeasured } from "./_measured.ts";

/** The end of an `s_server -www` page: it arrived whole. */
const PAGE_END = /<\/BODY><\/HTML>\s*$/;

/**
 * Measured: it never does. Three `Deno.connectTls` connections, one after another in one
 * process, to `s_server -www` of the server build; each page (the server's side) says "New,"
 * and names the protocol. Done for TLS 1.3 (the server's default) and TLS 1.2 (`s_server
 * -tls1_2`; Deno has no version option, so only the server can force it). The control, on the
 * same server: `s_client -sess_out` then `-sess_in` gets a page saying "Reused,", so the
 * server would have resumed a client that offered its session. (Why, from Deno's source: every
 * connectTls call builds a fresh rustls ClientConfig with an empty session store.)
 *
 * How each Deno connection ended is recorded, not judged: against 1.1.1's `s_server -www`,
 * which closes without close_notify, rustls reports `UnexpectedEof` after the whole page.
 *
 * Fails when any Deno connection's page says "Reused," (Deno started keeping sessions), when a
 * Deno connection gets no whole page, or when the control does not resume (the server does not
 * resume at all, so "New," would prove nothing).
 */
export default defineScenario({
  quote: "A Deno TLS client against `openssl s_server`: whether it ever resumes across " +
    "connections (recorded fact).",
  claims: ["DT-3", "SS-4"],
  tags: ["deno", "interop", "cli", "www", "tls13", "tls12"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  // Its s_client control runs the same build as its s_server: once per build, not per pair.
  crossBuild: false,
  variants: { tls: TLS_VARIANTS },
  mutants: ["full_handshakes"],
  async run(ctx) {
    const tls = tlsVersion(ctx.variant.tls);
    const protocol = `TLSv${tls}`;
    // The Deno peers run on the Deno that runs the harness.
    recordMeasured(ctx, "deno", Deno.version.deno);
    // TLS 1.3 is the server's default: no -tls1_3, so the version is rustls' choice.
    const server = await ctx.sServer({ www: true, ...(tls === "1.2" ? { tls } : {}) });
    const results = await ctx.denoClient(server, { count: 3 });
    // The page is judged whole by its closing tag, not by the connection's `ok`: 1.1.1's
    // s_server -www ends without close_notify, which rustls reports as an error after the
    // page arrived. How each connection ended is recorded, not judged.
    const complete = results.map((r) => PAGE_END.test(r.response));
    const pages = results.map((r, i) =>
      complete[i]
        ? parseServerPage(r.response, { file: `deno client connection ${i + 1}` })
        : undefined
    );
    const verdicts = pages.map((p) =>
      p === undefined
        ? "no page"
        : p.reused === true
        ? "Reused,"
        : p.reused === false
        ? "New,"
        : "no New/Reused line"
    );
    const suffix = tls === "1.3" ? "Tls13" : "Tls12";
    recordMeasured(ctx, `denoClient${suffix}`, verdicts);
    recordMeasured(
      ctx,
      `denoClientEnd${suffix}`,
      results.map((r) => r.ok ? "close_notify" : (r.error ?? "error").split(":")[0]),
    );
    ctx.expect.equal(
      "DT-3",
      "all three Deno connections got the server's whole page",
      complete,
      [true, true, true],
    );
    ctx.expect.equal(
      "DT-3",
      `the server negotiated ${protocol} with the Deno client`,
      pages.map((p) => p?.protocol),
      [protocol, protocol, protocol],
    );
    ctx.expect.equal(
      "DT-3",
      'the server saw no Deno connection resume (every page says "New,")',
      verdicts,
      ["New,", "New,", "New,"],
    );

    const file = `control-${tls}.pem`;
    const out = await ctx.sClient(server, { sessOut: file });
    const back = await ctx.sClient(server, { sessIn: file });
    recordMeasured(ctx, `control${suffix}`, back.page?.reused ?? null);
    ctx.expect.equal(
      "SS-4",
      'control: s_client\'s first page says "New,"',
      out.page?.reused,
      false,
    );
    ctx.expect.equal(
      "SS-4",
      'control: s_client -sess_in gets a page saying "Reused,"',
      back.page?.reused,
      true,
    );
    await server.stop();
  },
});
