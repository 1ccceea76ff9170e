/**
 * Resumption through the client build, whatever its implementation: the client connects to a
 * server on 127.0.0.1, receives its session, and connects again (`offers` times) offering it.
 * Each implementation is driven its own way (no OpenSSL flag reaches `bssl` or `gnutls-cli`):
 * - a build with a CLI client (`cli-client`), by its dialect:
 *   - `openssl`: `s_client -sess_out`, then one `s_client -sess_in` per offer (the session
 *     crosses processes in a file);
 *   - `boringssl`: one `bssl client -test-resumption` run (two connections in one process), or
 *     for several offers `-session-out` then one `-session-in` run per offer;
 *   - `gnutls`: one `gnutls-cli --resume` run (two connections in one process; one offer only);
 * - a build without one but with `tcp-peer`:
 *   - rustls: the Deno TLS client (`ctx.denoClient`), which cannot be handed a session (DT-3):
 *     it connects `1 + offers` times and the server's lines say whether any resumed;
 *   - any other (wolfSSL, BoringSSL 10): the FFI driver with that build's symbol map,
 *     `connect_tcp`, the session of the last new-session callback (else `SSL_get1_session`),
 *     then per offer a new SSL given it with `SSL_set_session` and `connect_tcp` again.
 *
 * @module
 */
import {
  CLIENT_NO_STORE,
  type ClientTarget,
  type ScenarioContext,
  type TlsServer,
  unmetRequirement,
  UnsupportedError,
} from "../../mod.ts";
import { runBsslClient } from "../../harness/impl/boringssl/mod.ts";
import { gnutls, type GnutlsBuild, hasWaitResumption } from "../../harness/impl/gnutls/mod.ts";
import { serverLinesSignal } from "../../harness/transcript/mod.ts";
import { settledLinesSince } from "../../harness/openssl/mod.ts";

// The wrapper reads only the build's `cli.bssl` launch; its type also wants the symbol map.
type BsslBuild = Parameters<typeof runBsslClient>[0];

/** What the connections of {@linkcode resumeWithClient} showed. */
export interface ClientResumption {
  /** How the session went from the first connection to the next, for the report. */
  method: string;
  /** Whether each connection completed its handshake, in order. */
  handshakes: boolean[];
  /** Whether each connection resumed, in order (the client's word, or the server's lines). */
  reused: boolean[];
  /** The lines that decided `handshakes` and `reused`. */
  evidence: string[];
}

/** Options for {@linkcode resumeWithClient}. */
export interface ResumeOptions {
  /**
   * How many later connections offer the first connection's session (2: the same session
   * offered twice). @default {1}
   */
  offers?: number;
}

/**
 * Connect once, then `offers` more times offering the first connection's session, with the
 * client build's own client (see the module notes for how each implementation does it).
 *
 * @throws {UnsupportedError} when the client build has neither a CLI client this module drives
 * nor `tcp-peer`, or cannot offer one session several times (gnutls-cli, the Deno client).
 * @example
 * ```ts ignore
 * import { resumeWithClient } from "./_client_resume.ts";
 * const server = await ctx.sServer({ tls: "1.3" });
 * const r = await resumeWithClient(ctx, server, "1.3");
 * ctx.expect.equal("IX-1", "the second connection resumes", r.reused[1], true);
 * ```
 */
export async function resumeWithClient(
  ctx: ScenarioContext,
  server: ClientTarget,
  tls: "1.2" | "1.3",
  options: ResumeOptions = {},
): Promise<ClientResumption> {
  const offers = options.offers ?? 1;
  if (!Number.isInteger(offers) || offers < 1) {
    throw new RangeError(`resumeWithClient(): "offers" must be an integer >= 1, got ${offers}`);
  }
  const build = ctx.clientBuild;
  if (!unmetRequirement(build, "cli-client")) {
    switch (build.cliDialect) {
      case "openssl":
        return await withSClient(ctx, server, tls, offers);
      case "bssl":
        return await withBssl(ctx, server, tls, offers);
      case "gnutls":
        return await withGnutlsCli(ctx, server, tls, offers);
    }
  }
  if (!unmetRequirement(build, "tcp-peer")) {
    return build.implementation === "rustls"
      ? await withDenoClient(ctx, server, offers)
      : await withFfiDriver(ctx, server, tls, offers);
  }
  throw new UnsupportedError(
    `${build.id} (${build.implementation}) has neither a CLI client this harness drives ` +
      `(dialect "${build.cliDialect ?? "none"}") nor "tcp-peer" (needed for "cli-client|tcp-peer")`,
  );
}

async function withSClient(
  ctx: ScenarioContext,
  server: ClientTarget,
  tls: "1.2" | "1.3",
  offers: number,
): Promise<ClientResumption> {
  const runs = [await ctx.sClient(server, { tls, sessOut: "client-resume.pem" })];
  // No session received: there is nothing to offer (-sess_in of no file is an s_client
  // error, not the check's failure), so only one connection was made.
  if (runs[0].sessionFileState === "present") {
    for (let i = 0; i < offers; i++) {
      runs.push(await ctx.sClient(server, { tls, sessIn: "client-resume.pem" }));
    }
  }
  return {
    method: `s_client -sess_out, then -sess_in${offers > 1 ? ` ×${offers}` : ""}`,
    handshakes: runs.map((r) => r.handshake),
    reused: runs.map((r) => r.reused ?? false),
    evidence: runs.map((r) => {
      const h = r.transcript.handshake;
      return h ? `${h.reused ? "Reused" : "New"}, ${h.version}, ${h.cipher}` : "no handshake";
    }).concat(runs.length < 2 ? [`-sess_out file: ${runs[0].sessionFileState}`] : []),
  };
}

async function withBssl(
  ctx: ScenarioContext,
  server: ClientTarget,
  tls: "1.2" | "1.3",
  offers: number,
): Promise<ClientResumption> {
  const build = ctx.clientBuild as BsslBuild;
  const common = {
    caFile: ctx.pki.caCert,
    tls,
    timeoutMs: ctx.stepTimeoutMs,
    signal: ctx.signal,
  };
  // The exit code is 1 after good handshakes (see cli_client.ts): the blocks decide.
  if (offers === 1) {
    const r = await runBsslClient(build, server, { ...common, resumeInProcess: true });
    return {
      method: "bssl client -test-resumption",
      handshakes: r.connections.map(() => true),
      reused: r.connections.map((c) => c.resumed),
      evidence: [...r.evidence, ...r.errors.map((e) => e.message)],
    };
  }
  const file = `${ctx.dir}/client-resume.bssl.pem`;
  const runs = [await runBsslClient(build, server, { ...common, sessOut: file })];
  if ((runs[0].sessionsWritten ?? 0) > 0) {
    for (let i = 0; i < offers; i++) {
      runs.push(await runBsslClient(build, server, { ...common, sessIn: file }));
    }
  }
  return {
    method: `bssl client -session-out, then -session-in ×${offers}`,
    handshakes: runs.map((r) => r.handshake),
    reused: runs.map((r) => r.reused),
    evidence: runs.flatMap((r) => [...r.evidence, ...r.errors.map((e) => e.message)])
      .concat(runs.length < 2 ? [`-session-out file: ${runs[0].sessionsWritten} session(s)`] : []),
  };
}

async function withGnutlsCli(
  ctx: ScenarioContext,
  server: ClientTarget,
  tls: "1.2" | "1.3",
  offers: number,
): Promise<ClientResumption> {
  if (offers > 1) {
    throw new UnsupportedError(
      `${ctx.clientBuild.id} (gnutls): gnutls-cli --resume offers a session once, in one ` +
        `process, and writes no session file to offer it again`,
    );
  }
  const build = ctx.clientBuild as GnutlsBuild;
  const r = await gnutls.runClient(build, server, {
    caFile: ctx.pki.caCert,
    tls,
    resumeInProcess: true,
    // Else a TLS 1.3 reconnection can precede the ticket (a race, not the server's refusal).
    waitResumption: tls === "1.3" && hasWaitResumption(build.version),
    timeoutMs: ctx.stepTimeoutMs,
    signal: ctx.signal,
  });
  return {
    method: "gnutls-cli --resume",
    handshakes: r.connections.map((c) => c.handshake !== undefined),
    reused: r.connections.map((c) => c.resumed === true),
    evidence: r.evidence,
  };
}

/** What `s_server` reads as "end this connection" (not the server: that is `Q`). */
const END_CONNECTION = "q\n";

async function withDenoClient(
  ctx: ScenarioContext,
  server: ClientTarget & Partial<Pick<TlsServer, "kind" | "served">>,
  offers: number,
): Promise<ClientResumption> {
  if (offers > 1) {
    throw new UnsupportedError(
      `${ctx.clientBuild.id}: a Deno TLS client cannot be handed a session to offer (DT-3), ` +
        `so it cannot offer one twice`,
    );
  }
  // The Deno client does not say whether it resumed: the server does, by its connection lines
  // (`s_server`) or its own word (`served()`: bssl server, gnutls-serv, the FFI server).
  const byLines = server.linesSince !== undefined && server.mark !== undefined &&
    (server.kind === undefined || server.kind === "s_server");
  const out: ClientResumption = {
    method: "Deno.connectTls ×2 (no session API: whatever rustls keeps)",
    handshakes: [],
    reused: [],
    evidence: [],
  };
  for (let i = 0; i <= offers; i++) {
    const mark = server.mark ?? 0;
    // One connection per call, so that each one's server lines can be told apart.
    // Measured against 3.0.19: after `q` the server prints DONE and closes, yet the Deno read
    // does not end; the server decides, so a short deadline ends the connection.
    const [r] = await ctx.denoClient(server, {
      count: 1,
      request: END_CONNECTION,
      timeoutMs: Math.min(2000, ctx.stepTimeoutMs),
    });
    const ended = r.ok ? "closed by the server" : r.error ?? "failed";
    if (!byLines) {
      out.evidence.push(`deno connection ${i + 1}: ${ended}`);
      continue;
    }
    const verdict = serverLinesSignal(
      await settledLinesSince({ linesSince: (m) => server.linesSince!(m) }, mark, {
        signal: ctx.signal,
      }),
    );
    out.handshakes.push(verdict !== undefined);
    out.reused.push(verdict?.resumed ?? false);
    out.evidence.push(
      `deno connection ${i + 1}: ${ended}; s_server: ${verdict?.evidence ?? "no connection lines"}`,
    );
  }
  if (byLines) return out;
  const told = await server.served?.(offers + 1);
  if (told === undefined) {
    throw new UnsupportedError(
      `${ctx.clientBuild.id}: the Deno TLS client does not say whether it resumed, and this ` +
        `server (${server.kind ?? "unknown"}) does not either`,
    );
  }
  for (const [i, c] of told.entries()) {
    out.handshakes.push(true);
    out.reused.push(c.resumed);
    out.evidence.push(`server, connection ${i + 1}: ${c.evidence}`);
  }
  return out;
}

async function withFfiDriver(
  ctx: ScenarioContext,
  server: ClientTarget & Partial<Pick<TlsServer, "kind">>,
  tls: "1.2" | "1.3",
  offers: number,
): Promise<ClientResumption> {
  const d = await ctx.ffi();
  const timeoutMs = ctx.stepTimeoutMs;
  // No client-side store: a connection resumes only with the session it is handed (IX-5).
  const { ctx: clientCtx } = await d.call("ctx_new", {
    role: "client",
    caFile: ctx.pki.caCert,
    minVersion: tls,
    maxVersion: tls,
    cacheMode: CLIENT_NO_STORE,
    keepNewSessions: true,
  });
  const out: ClientResumption = {
    method:
      `FFI driver (${ctx.clientBuild.implementation}): connect_tcp, the session of the new-session callback, ` +
      `then SSL_set_session + connect_tcp${offers > 1 ? ` ×${offers}` : ""}`,
    handshakes: [],
    reused: [],
    evidence: [],
  };
  let kept: number | undefined;
  try {
    for (let i = 0; i <= offers; i++) {
      const { ssl } = await d.call("ssl_new", { ctx: clientCtx });
      if (kept !== undefined) await d.call("set_session", { ssl, session: kept });
      const hello = await d.call("connect_tcp", { ssl, port: server.port, timeoutMs });
      // TLS 1.3: the session to keep comes with the first ticket, after the handshake. A
      // client that never reports one (wolfSSL 4.6.0 against some servers, any wolfSSL client
      // against gnutls-serv 3.7.1) reads until the server's first data: every ticket sent
      // before it has been read by then. The servers' data after their tickets: the greeting of
      // the FFI and Deno servers and of bssl server's greeter, gnutls-serv --echo's echo of a
      // line (tls_server_peers.ts); s_server sends none, and 3 s bound the read.
      if (tls === "1.3" && server.kind === "gnutls-serv") {
        await d.call("write_tcp", { ssl, data: "harness post-handshake\n" });
      }
      const read = tls === "1.3"
        ? await d.call("read_tcp", {
          ssl,
          tickets: 1,
          untilData: true,
          timeoutMs: Math.min(3000, timeoutMs),
        })
        : undefined;
      out.handshakes.push(true);
      out.reused.push(hello.reused);
      out.evidence.push(
        `connection ${i + 1}: connect_tcp -> version 0x${hello.version.toString(16)}, ` +
          `reused ${hello.reused}` + (read ? `; ${read.newSessionCalls} ticket(s) read` : ""),
      );
      if (i === 0) {
        // The session the new-session callback was handed last, as applications keep it:
        // BoringSSL's SSL_get_session stays the handshake's (ticketless) session under TLS 1.3.
        // Without a callback, SSL_get1_session; NULL leaves nothing to offer (new connections).
        const { calls } = await d.call("ctx_new_sessions", { ctx: clientCtx });
        kept = calls.at(-1)?.session ??
          (await d.call("get_session", { ssl, variant: "get1" })).session ?? undefined;
        const ticket = kept === undefined ? undefined : await keptTicketLength(d, kept);
        out.evidence.push(
          `kept: ${
            calls.length
              ? `the last of ${calls.length} new-session callback(s)`
              : "SSL_get1_session"
          }${kept === undefined ? " (NULL)" : `, ticket: ${ticket}`}`,
        );
      }
      // close_notify: an OpenSSL 3.x server drops the session of a connection ended without it.
      await d.call("ssl_shutdown", { ssl });
      await d.call("ssl_free", { ssl });
    }
  } catch (e) {
    // A handshake that failed is the check's business (fewer handshakes than asked), not an
    // error of the harness; anything else is.
    if (!(e instanceof Error) || !/handshake|closed the connection/i.test(e.message)) throw e;
    out.handshakes.push(false);
    out.reused.push(false);
    out.evidence.push(`connection ${out.handshakes.length}: ${e.message}`);
  } finally {
    // The callback's references (kept by the driver) and SSL_get1_session's are ours to free.
    const { calls } = await d.call("ctx_new_sessions", { ctx: clientCtx });
    for (const session of new Set([...calls.map((c) => c.session), ...(kept ? [kept] : [])])) {
      await d.call("session_free", { session });
    }
  }
  return out;
}

/** The kept session's ticket, for the evidence: its length, or why it cannot be read. */
async function keptTicketLength(
  d: Awaited<ReturnType<ScenarioContext["ffi"]>>,
  session: number,
): Promise<string> {
  try {
    const { length } = await d.call("session_get0", { session, field: "ticket" });
    return length ? `${length} bytes` : "none";
  } catch (e) {
    return `not read (${e instanceof Error ? e.message.split("\n")[0] : e})`;
  }
}
