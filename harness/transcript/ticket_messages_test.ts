import assert from "node:assert/strict";
import { offeredPskIdentities, parseMessageTrace, ticketsSent } from "./mod.ts";
import { MSG_FIXTURES } from "../../testing/transcript/capture_msg_traces.ts";

const builds = [...Deno.readDirSync(MSG_FIXTURES)].filter((e) => e.isDirectory)
  .map((e) => e.name).sort();

Deno.test("ticketsSent() reads each NewSessionTicket a captured s_server sent", async () => {
  for (const build of builds) {
    const file = `${build}/tls13-resume.server.txt`;
    const text = await Deno.readTextFile(`${MSG_FIXTURES}/${file}`).catch(() => undefined);
    if (text === undefined) continue;
    const trace = parseMessageTrace(text, { side: "server", file });
    const tickets = ticketsSent(trace, file);
    // Two tickets after the full handshake, one after the resumed one (OpenSSL's defaults).
    assert.equal(tickets.length, 3, file);
    for (const t of tickets) {
      assert.equal(t.lifetime, 7200, file);
      assert.ok(t.ticket.length > 0, file);
    }
    // The resumed connection's ClientHello offers a ticket of the first connection's length.
    const resumed = trace.handshakes[1].clientHello;
    const [identity] = offeredPskIdentities(resumed);
    assert.equal(identity?.length, tickets[0].ticket.length, file);
    assert.deepEqual(offeredPskIdentities(trace.handshakes[0].clientHello), [], file);
  }
});

Deno.test("ticketsSent() names the line of a NewSessionTicket shorter than its fields", () => {
  const trace = parseMessageTrace(
    ">>> TLS 1.3, Handshake [length 000e], NewSessionTicket\n" +
      "    04 00 00 0a 00 00 1c 20 00 00 00 07 05 aa\n",
    { side: "server" },
  );
  assert.throws(
    () => ticketsSent(trace, "t.txt"),
    /^SyntaxError: t\.txt:1: NewSessionTicket: the nonce/,
  );
});

Deno.test("offeredPskIdentities() refuses identities that run past the extension", () => {
  const hello = { extensionData: new Map([[41, new Uint8Array([0, 9, 0, 8, 1, 2])]]) };
  assert.throws(() => offeredPskIdentities(hello), SyntaxError);
});
