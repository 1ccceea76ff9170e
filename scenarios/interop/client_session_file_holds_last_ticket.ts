import {
  defineScenario,
  parseMessageTrace,
  type ScenarioContext,
  type SServer,
} from "../../mod.ts";
import {
  parseSessionFile,
  readBoringsslSession,
  runBsslClient,
} from "../../harness/impl/boringssl/mod.ts";
import { settledLinesSince } from "../../harness/openssl/mod.ts";
import { decodeSessionDer } from "../../harness/session/mod.ts";
import {
  type NewSessionTicket,
  offeredPskIdentities,
  ticketsSent,
} from "../../harness/transcript/mod.ts";
import { recordMeasured } from "./_measured.ts";

/** What one client's session file held, and what the next connection from it did. */
interface FileRun {
  /** The sessions in the file, in file order: their ticket and ticket_age_add. */
  sessions: { ticket?: Uint8Array; ageAdd?: number }[];
  /** How the file was decoded (the project's codec, or why not). */
  codec: string;
  /** The NewSessionTickets the server sent while the file was written. */
  sent: NewSessionTicket[];
  /** The PSK identity the connection from the file offered (its ClientHello, server's trace). */
  offered?: Uint8Array;
  /** Whether that connection resumed. */
  reused: boolean;
  /** The client's own lines that decided `reused`. */
  evidence: string[];
}

/**
 * The server's `-msg` lines since `mark`, once it printed the end of that connection: its
 * messages of one connection, whole.
 */
async function serverTrace(ctx: ScenarioContext, server: SServer, mark: number) {
  const lines = await settledLinesSince(server, mark, { signal: ctx.signal });
  return parseMessageTrace(lines.join("\n"), { side: "server", file: "s_server stdout" });
}

/** `s_client -sess_out`, then `-sess_in` of that file; the file decoded by the project's codec. */
async function withSClient(ctx: ScenarioContext, server: SServer): Promise<FileRun> {
  let mark = server.mark;
  const out = await ctx.sClient(server, { tls: "1.3", sessOut: "last.pem" });
  const sent = ticketsSent(await serverTrace(ctx, server, mark), "s_server stdout");
  mark = server.mark;
  const back = out.sessionFileState === "present"
    ? await ctx.sClient(server, { tls: "1.3", sessIn: "last.pem" })
    : undefined;
  const hello = (await serverTrace(ctx, server, mark)).handshakes[0]?.clientHello;
  return {
    sessions: out.session ? [{ ticket: out.session.ticket, ageAdd: out.session.ticketAgeAdd }] : [],
    codec: `the project's codec (-sess_out file: ${out.sessionFileState})`,
    sent,
    offered: hello ? offeredPskIdentities(hello)[0] : undefined,
    reused: back?.reused ?? false,
    evidence: [out, back].map((r) => {
      const h = r?.transcript.handshake;
      return h ? `line ${h.line}: ${h.reused ? "Reused" : "New"}, ${h.version}` : "no connection";
    }),
  };
}

/**
 * `bssl client -session-out`, then `-session-in` of that file. The blocks are BoringSSL's own
 * DER: the project's codec is tried first and its refusal recorded; the ticket fields are then
 * read with BoringSSL's layout.
 */
async function withBssl(ctx: ScenarioContext, server: SServer): Promise<FileRun> {
  const build = ctx.clientBuild as Parameters<typeof runBsslClient>[0];
  const file = `${ctx.dir}/last.bssl.pem`;
  const common = { caFile: ctx.pki.caCert, tls: "1.3" as const, timeoutMs: ctx.stepTimeoutMs };
  let mark = server.mark;
  const out = await runBsslClient(build, server, { ...common, sessOut: file, signal: ctx.signal });
  const sent = ticketsSent(await serverTrace(ctx, server, mark), "s_server stdout");
  const blocks = parseSessionFile(await Deno.readTextFile(file).catch(() => ""), file);
  let codec = "BoringSSL's layout (ssl/ssl_asn1.cc)";
  try {
    if (blocks[0]) decodeSessionDer(blocks[0].der, { file });
    codec += "; the project's codec also reads it";
  } catch (e) {
    codec += `; the project's codec refuses it: ${(e as Error).message}`;
  }
  const sessions = blocks.map((b) => {
    const s = readBoringsslSession(b.der, file);
    return { ticket: s.ticket, ageAdd: s.ticketAgeAdd };
  });
  mark = server.mark;
  const back = blocks.length
    ? await runBsslClient(build, server, { ...common, sessIn: file, signal: ctx.signal })
    : undefined;
  const hello = (await serverTrace(ctx, server, mark)).handshakes[0]?.clientHello;
  return {
    sessions,
    codec,
    sent,
    offered: hello ? offeredPskIdentities(hello)[0] : undefined,
    reused: back?.reused ?? false,
    evidence: [...out.evidence, ...(back?.evidence ?? ["no -session-in run"])],
  };
}

/** 1-based index of the sent ticket equal to `ticket`, 0 for none, null without a ticket. */
function whichTicket(sent: NewSessionTicket[], ticket: Uint8Array | undefined): number | null {
  if (ticket === undefined) return null;
  return sent.findIndex((t) =>
    t.ticket.length === ticket.length &&
    t.ticket.every((x, i) => x === ticket[i])
  ) + 1;
}

/**
 * The server build's `s_server -tls1_3 -num_tickets 2 -msg` sends two tickets on one
 * connection; its `-msg` trace gives their bytes. The client build's CLI client writes its
 * session file (`s_client -sess_out`, `bssl client -session-out`); every session in the file
 * is matched to the NewSessionTicket that carried it (`measured fileTickets`: 1 = the first
 * sent, 2 = the last). A second connection from the file (`-sess_in`, `-session-in`) must
 * resume, and the server's trace of its ClientHello says which ticket it offered as its PSK
 * identity (`measured offeredTicket`): the file gives the next connection the last ticket.
 *
 * Fails when the file holds the first ticket (`first_ticket_kept`), no ticket (`no_tickets`),
 * or the next connection offers another session (`wrong_session`).
 */
export default defineScenario({
  quote: "A client's session file holds the last ticket the server sent, and another " +
    "connection resumes from it.",
  claims: ["IX-2"],
  requires: ["session-file", "cli-server:openssl"],
  tags: ["interop", "cli", "tls13", "tickets", "session-file"],
  mutants: ["first_ticket_kept", "no_tickets", "wrong_session"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.3", numTickets: 2, msg: true });
    const format = ctx.clientBuild.sessionFileFormat;
    const r = format === "boringssl-pem"
      ? await withBssl(ctx, server)
      : format === "openssl-pem"
      ? await withSClient(ctx, server)
      : ctx.skip(`no session-file reader for format "${format ?? "none"}"`);
    const fileTickets = r.sessions.map((s) => whichTicket(r.sent, s.ticket));
    const offered = whichTicket(r.sent, r.offered);
    recordMeasured(ctx, "clientImplementation", ctx.clientBuild.implementation);
    recordMeasured(ctx, "ticketsSent", r.sent.length);
    recordMeasured(ctx, "fileTickets", fileTickets);
    recordMeasured(ctx, "offeredTicket", offered);
    recordMeasured(ctx, "reused", r.reused);
    ctx.note(`session file decoded with ${r.codec}`);
    for (const line of r.evidence) ctx.note(`client: ${line}`);

    ctx.expect.equal("IX-2", "the server sent two tickets", r.sent.length, 2);
    ctx.expect.notEqual("IX-2", "the two tickets differ", r.sent[0]?.ticket, r.sent[1]?.ticket);
    ctx.expect.ok("IX-2", "the session file holds a session", r.sessions.length > 0, {
      sessions: r.sessions.length,
    });
    const last = r.sessions.at(-1);
    ctx.expect.equal("IX-2", "its last session holds the last ticket sent", fileTickets.at(-1), 2);
    ctx.expect.equal(
      "IX-2",
      "with the last ticket's ticket_age_add",
      last?.ageAdd,
      r.sent[1]?.ageAdd,
    );
    ctx.expect.equal("IX-2", "a connection from the file resumes", r.reused, true);
    ctx.expect.equal(
      "IX-2",
      "the connection from the file offers the last ticket sent",
      offered,
      2,
    );
    await server.stop();
  },
});
