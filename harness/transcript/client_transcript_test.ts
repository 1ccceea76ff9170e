import assert from "node:assert/strict";
import { parseClientTranscript, parseServerPage } from "./mod.ts";
import { hex, readOwnSample } from "../../testing/transcript/test_fixtures.ts";

const sample = (name: string) => readOwnSample(`3.0.19/${name}.client.stdout.txt`);
const sampleErr = (name: string) => readOwnSample(`3.0.19/${name}.client.stderr.txt`);

Deno.test("parseClientTranscript() rejects empty text", () => {
  for (const text of ["", "\n\n", "   "]) {
    assert.throws(() => parseClientTranscript(text, { file: "c.txt" }), {
      name: "SyntaxError",
      message: /^c\.txt:1: empty transcript$/,
    });
  }
});

Deno.test("parseClientTranscript() reads every ticket block in order", async () => {
  const t = parseClientTranscript(await sample("tls13-tickets2"), { file: "t.txt" });
  assert.equal(t.connections.length, 1);
  assert.equal(t.handshake?.reused, false);
  assert.equal(t.handshake?.version, "TLSv1.3");
  assert.equal(t.handshake?.cipher, "TLS_AES_256_GCM_SHA384");
  assert.equal(t.tickets.length, 2);
  assert.deepEqual(t.sessions, t.tickets);
  assert.ok(t.tickets[0].line < t.tickets[1].line);
  assert.notEqual(hex(t.tickets[0].resumptionPsk), hex(t.tickets[1].resumptionPsk));
  assert.notEqual(hex(t.tickets[0].ticket), hex(t.tickets[1].ticket));
  assert.equal(t.lastSession, t.tickets[1]);
  const c = t.first!;
  assert.equal(c.connected, "00000003");
  assert.deepEqual(c.handshakeBytes, { read: 829, written: 377 });
  assert.deepEqual(c.verification, { line: c.verification!.line, ok: true });
  assert.equal(c.verifyReturnCode, 0);
  assert.equal(c.verifyReturnText, "ok");
  assert.equal(c.certificateChain, true);
  assert.equal(c.chainLength, 1);
  assert.equal(c.serverCertificate, true);
  assert.equal(c.noPeerCertificate, false);
  assert.equal(c.secureRenegotiation, "not supported");
  assert.equal(c.earlyData, "not sent");
  assert.equal(c.serverPublicKeyBits, 256);
  assert.equal(c.tempKey, "X25519, 253 bits");
  assert.equal(c.protocol, "TLSv1.3");
  assert.equal(c.alpn, undefined);
});

Deno.test("parseClientTranscript() splits a TLS 1.3 -reconnect transcript into connections", async () => {
  const t = parseClientTranscript(await sample("tls13-reconnect"));
  // s_client -reconnect: the first connection and five reconnections.
  assert.equal(t.connections.length, 6);
  assert.deepEqual(t.connections.map((c) => c.index), [0, 1, 2, 3, 4, 5]);
  assert.ok(t.connections.every((c) => c.handshake?.reused === false));
  // Only the last connection waits long enough to read its tickets.
  assert.deepEqual(t.connections.map((c) => c.tickets.length), [0, 0, 0, 0, 0, 2]);
  assert.equal(t.first, t.connections[0]);
  assert.equal(t.last, t.connections[5]);
  assert.deepEqual(t.tickets, []);
  assert.equal(t.lastSession, t.connections[5].tickets[1]);
  assert.equal(t.connections[0].serverCertificate, true);
  assert.equal(t.connections[1].serverCertificate, false);
});

Deno.test("parseClientTranscript() reads Reused, lines of a TLS 1.2 -reconnect transcript", async () => {
  const t = parseClientTranscript(await sample("tls12-reconnect"));
  assert.equal(t.connections.length, 6);
  assert.deepEqual(
    t.connections.map((c) => c.handshake?.reused),
    [false, true, true, true, true, true],
  );
  const ids = new Set(t.connections.map((c) => hex(c.summarySession?.sessionId)));
  assert.equal(ids.size, 1, "every reconnection resumes the first session");
  assert.equal(t.handshake?.version, "TLSv1.2");
  assert.equal(t.connections[1].secureRenegotiation, "supported");
  assert.deepEqual(t.sessions, [t.connections[0].summarySession]);
});

Deno.test("parseClientTranscript() reports a failed handshake", async () => {
  const t = parseClientTranscript(await sample("failed-version"), {
    stderr: await sampleErr("failed-version"),
  });
  assert.equal(t.handshake, undefined);
  assert.deepEqual(t.sessions, []);
  assert.equal(t.first?.handshakeLine?.cipher, "(NONE)");
  assert.equal(t.first?.summarySession?.cipher, "0000");
  assert.equal(t.first?.noPeerCertificate, true);
  assert.equal(t.errors.length, 1);
  assert.match(t.errors[0], /:error:.*tlsv1 alert protocol version/);
});

Deno.test("parseClientTranscript() reads a transcript with no handshake line at all", () => {
  const t = parseClientTranscript(
    "140000000000000:error:02001006:system library:connect:Connection refused:\n" +
      "connect:errno=111\n",
  );
  assert.deepEqual(t.connections, []);
  assert.equal(t.handshake, undefined);
  assert.deepEqual(t.sessions, []);
  assert.equal(t.errors.length, 2);
});

Deno.test("parseClientTranscript() attributes errors in merged output to their connection", () => {
  const t = parseClientTranscript(
    [
      "CONNECTED(00000003)",
      "depth=0 CN = localhost",
      "verify error:num=20:unable to get local issuer certificate",
      "40B09CA64B7F0000:error:0A000086:SSL routines::certificate verify failed:x.c:1889:",
      "---",
      "Verification error: unable to get local issuer certificate",
      "---",
      "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384",
      "Verify return code: 20 (unable to get local issuer certificate)",
    ].join("\n"),
  );
  const c = t.first!;
  assert.equal(c.errors.length, 1);
  assert.deepEqual(t.errors, c.errors);
  assert.deepEqual(t.verifyErrors, ["verify error:num=20:unable to get local issuer certificate"]);
  assert.deepEqual(c.verification, {
    line: 6,
    ok: false,
    error: "unable to get local issuer certificate",
  });
  assert.equal(c.verifyReturnCode, 20);
});

Deno.test("parseClientTranscript() does not take the -www page's session for the client's", async () => {
  const text = await sample("www-first");
  const t = parseClientTranscript(text);
  assert.equal(t.connections.length, 1);
  assert.equal(t.tickets.length, 2);
  assert.equal(t.first?.summarySession, undefined);
  // …while the page parser finds the server's block after the HTTP status line.
  const page = parseServerPage(text);
  assert.equal(page.reused, false);
  assert.equal(hex(page.session.resumptionPsk), hex(t.tickets[1].resumptionPsk));
  assert.notEqual(hex(page.session.resumptionPsk), hex(t.tickets[0].resumptionPsk));
});

Deno.test("parseClientTranscript() reads newer summary lines (3.5+, 4.0)", () => {
  const t = parseClientTranscript(
    [
      "CONNECTED(00000003)",
      "Negotiated TLS1.3 group: X25519MLKEM768",
      "---",
      "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384",
      "Protocol: TLSv1.3",
      "This TLS version forbids renegotiation.",
      "ALPN protocol: h2",
      "Early data was accepted",
      "---",
      "ECH: NOT CONFIGURED: -103",
    ].join("\n"),
  );
  const c = t.first!;
  assert.equal(c.negotiatedGroup, "X25519MLKEM768");
  assert.equal(c.protocol, "TLSv1.3");
  assert.equal(c.secureRenegotiation, "forbidden");
  assert.equal(c.alpn, "h2");
  assert.equal(c.earlyData, "accepted");
  assert.equal(c.ech, "NOT CONFIGURED: -103");
});

Deno.test("parseClientTranscript() never drops a ticket header without its block", () => {
  const text = [
    "CONNECTED(00000003)",
    "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384",
    "---",
    "Post-Handshake New Session Ticket arrived:",
    "---",
  ].join("\n");
  assert.throws(() => parseClientTranscript(text, { file: "c.txt" }), {
    name: "SyntaxError",
    message: /^c\.txt:4: expected an "SSL-Session:" block/,
  });
});

Deno.test("parseClientTranscript() reports a damaged ticket block with its line", async () => {
  const lines = (await sample("tls13-tickets2")).split("\n");
  const i = lines.findLastIndex((l) => l.includes("0040 - "));
  lines[i] = lines[i].replace("0040 - ", "0041 - ");
  assert.throws(() => parseClientTranscript(lines.join("\n"), { file: "c.txt" }), {
    name: "SyntaxError",
    message: new RegExp(`^c\\.txt:${i + 1}: expected hex dump offset "0040"`),
  });
});
