import assert from "node:assert/strict";
import { fixture, FIXTURE_VERSIONS, fixturePath } from "../../../testing/impl/gnutls_fixtures.ts";
import { parseListenLine, parseServOutput } from "./serv_output.ts";

function serv(version: string, name: string) {
  return parseServOutput(
    fixture(version, `${name}.stdout`),
    fixture(version, `${name}.stderr`),
    fixturePath(version, `${name}.stdout`),
  );
}

for (const v of FIXTURE_VERSIONS) {
  Deno.test(`parseServOutput() reads ${v}'s TLS 1.3 ticket resumptions (one ticket used twice)`, () => {
    const out = serv(v, "serv_tls13_ticket_twice");
    assert.deepEqual(out.connections.map((c) => c.resumed), [false, true, true]);
    assert.deepEqual(out.connections.map((c) => c.version), ["TLS1.3", "TLS1.3", "TLS1.3"]);
    assert.deepEqual(out.connections[0].peer, {
      family: "IPv4",
      address: "127.0.0.1",
      port: 50000,
    });
    assert.ok(out.connections[1].evidence.includes("*** This is a resumed session"));
    assert.deepEqual(
      out.listeners.map((l) => [l.mode, l.family, l.address, l.port, l.ok]),
      [["Echo", "IPv4", "0.0.0.0", 4433, true], ["Echo", "IPv6", "::", 4433, true]],
    );
    assert.equal(out.exitSignal, 15);
    assert.deepEqual(out.errors, []);
  });

  Deno.test(`parseServOutput() reads ${v}'s TLS 1.2 resumptions: ticket, session ID, none`, () => {
    const tickets = serv(v, "serv_tls12_ticket_twice");
    assert.deepEqual(tickets.connections.map((c) => c.resumed), [false, true, true]);
    assert.deepEqual(tickets.connections.map((c) => c.version), ["TLS1.2", "TLS1.2", "TLS1.2"]);
    // A resumed TLS 1.2 session keeps its session ID.
    assert.equal(new Set(tickets.connections.map((c) => c.sessionId)).size, 1);
    assert.deepEqual(serv(v, "serv_tls12_noticket").connections.map((c) => c.resumed), [
      false,
      true,
    ]);
    assert.deepEqual(serv(v, "serv_tls12_nodb_noticket").connections.map((c) => c.resumed), [
      false,
      false,
    ]);
    assert.deepEqual(serv(v, "serv_tls13_noticket").connections.map((c) => c.resumed), [false]);
  });

  Deno.test(`parseServOutput() sees ${v}'s failed IPv4 bind while IPv6 succeeded`, () => {
    const out = serv(v, "serv_bind_failed");
    assert.deepEqual(out.listeners.map((l) => [l.family, l.ok, l.error]), [
      ["IPv4", false, "bind() failed: Address already in use"],
      ["IPv6", true, undefined],
    ]);
    assert.deepEqual(out.connections, []);
  });
}

Deno.test("parseListenLine() reads done and failed lines, and nothing else", () => {
  assert.equal(parseListenLine("HTTP Server listening on IPv4 0.0.0.0 port 0...done")?.port, 0);
  assert.equal(
    parseListenLine("HTTP Server listening on IPv4 0.0.0.0 port 0...done")?.mode,
    "HTTP",
  );
  assert.equal(parseListenLine("received cmd: hello"), undefined);
});

Deno.test("parseServOutput() collects handshake errors, which print no connection block", () => {
  // Measured (3.8.13): a plain-text client and a TLS 1.2 client against a TLS 1.3-only server.
  const out = parseServOutput(
    "",
    "Echo Server listening on IPv4 0.0.0.0 port 4433...done\n" +
      "Error in handshake: An unexpected TLS packet was received.\n" +
      "Error in handshake: No supported cipher suites have been found.\n",
  );
  assert.equal(out.connections.length, 0);
  assert.equal(out.errors.length, 2);
});

Deno.test("parseServOutput() rejects a block without Description before the next one", () => {
  const text = "* Accepted connection from IPv4 127.0.0.1 port 1 on x\n" +
    "* Accepted connection from IPv4 127.0.0.1 port 2 on x\n- Description: (TLS1.3-X.509)\n";
  assert.throws(
    () => parseServOutput(text, "", "f.txt"),
    (e: Error) => e instanceof SyntaxError && /^f\.txt:1: /.test(e.message),
  );
  // The last block may still be being written.
  const partial = parseServOutput("* Accepted connection from IPv4 127.0.0.1 port 1 on x\n");
  assert.equal(partial.connections[0].description, undefined);
});
