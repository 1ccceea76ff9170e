import { claimQuotes, defineScenario } from "../../mod.ts";

/**
 * `s_server -www` prints its context's cache statistics on each page. TLS 1.2 without tickets:
 * the first connection's page counts 1 accept, 1 finished, 1 cached session; the `-sess_in`
 * resumption's page counts
 * 2, 2, 1 cached, 1 hit. The same session offered to a second server: its page counts 1 miss and
 * no hit. TLS 1.3 (tickets): the resumption's page counts 1 hit too.
 */
export default defineScenario({
  quote: claimQuotes("CS-8", "CS-10"),
  claims: ["CS-1", "CS-5", "CS-6", "CS-8", "CS-10", "CS-12"],
  requires: ["cli-client:openssl", "cli-server:openssl", "session-file:openssl-pem"],
  tags: ["cli", "cache", "www"],
  mutants: ["full_handshakes"],
  async run(ctx) {
    const server = await ctx.sServer({ tls: "1.2", noTicket: true, www: true });
    const first = await ctx.sClient(server, { sessOut: "s.pem" });
    const p1 = first.page?.cache ?? {};
    ctx.expect.equal(
      "CS-5",
      "first page: accepts, finished",
      [p1.serverAccepts, p1.serverAcceptsFinished],
      [1, 1],
    );
    ctx.expect.equal("CS-1", "first page: 1 session in the cache", p1.items, 1);
    // s_server sets its own cache size (128), so the library's default is checked on the API.
    ctx.note(`cache size printed: ${p1.cacheSize}`);
    const again = await ctx.sClient(server, { sessIn: "s.pem" });
    const p2 = again.page?.cache ?? {};
    ctx.expect.equal(
      "CS-6",
      "resumption page: 2 accepts, 2 finished, still 1 cached",
      [p2.serverAccepts, p2.serverAcceptsFinished, p2.items],
      [2, 2, 1],
    );
    ctx.expect.equal("CS-8", "resumption page: reused, 1 hit", [again.reused, p2.hits], [true, 1]);

    const other = await ctx.sServer({ tls: "1.2", noTicket: true, www: true });
    const elsewhere = await ctx.sClient(other, { sessIn: "s.pem" });
    const p3 = elsewhere.page?.cache ?? {};
    ctx.expect.equal(
      "CS-12",
      "another server: full handshake, 1 miss, no hit",
      [elsewhere.reused, p3.misses, p3.hits],
      [false, 1, 0],
    );

    const tls13 = await ctx.sServer({ tls: "1.3", www: true });
    await ctx.sClient(tls13, { sessOut: "t.pem" });
    const resumed = await ctx.sClient(tls13, { sessIn: "t.pem" });
    ctx.expect.equal(
      "CS-10",
      "TLS 1.3 ticket resumption page: reused, 1 hit",
      [resumed.reused, resumed.page?.cache.hits],
      [true, 1],
    );
  },
});
