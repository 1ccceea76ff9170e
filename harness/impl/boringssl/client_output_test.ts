import assert from "node:assert/strict";
import { parseBsslOutput, parseUsageFlags } from "./client_output.ts";

const TESTDATA = new URL("../../../testdata/boringssl/", import.meta.url);
const VERSIONS = ["13", "14"] as const;
const fixture = (version: string, name: string) =>
  Deno.readTextFile(new URL(`${version}/${name}`, TESTDATA));

Deno.test("parseBsslOutput() reads both -test-resumption connections (TLS 1.3 ticket)", async () => {
  for (const v of VERSIONS) {
    const out = parseBsslOutput(await fixture(v, "client_tls13_test_resumption.txt"), {
      file: `${v}/client_tls13_test_resumption.txt`,
    });
    assert.equal(out.connections.length, 2, v);
    assert.deepEqual(out.connections.map((c) => c.resumed), [false, true], v);
    assert.deepEqual(out.connections.map((c) => c.version), ["TLSv1.3", "TLSv1.3"], v);
    assert.equal(out.connections[0].target, "127.0.0.1:PORT");
    assert.equal(out.connections[0].cipher, "TLS_AES_128_GCM_SHA256");
    assert.equal(out.connections[1].fields["Cert issuer"], "CN = tls-session-harness test CA");
    assert.equal(out.connections[1].evidence[2], "  Resumed session: yes");
    // The second connection ends on stdin EOF without close_notify; OpenSSL 3.0's s_server
    // answers with a decode_error alert, which bssl-tool reports (and exits 1).
    assert.equal(out.errors.length, 1, v);
    assert.equal(out.errors[0].message, "Error while reading: TLSV1_ALERT_DECODE_ERROR");
    assert.match(out.errors[0].details[0], /^THREAD:error:1000041a:SSL routines:/);
  }
});

Deno.test("parseBsslOutput() reads TLS 1.2 ticket resumption and a refused session ID", async () => {
  for (const v of VERSIONS) {
    const ticket = parseBsslOutput(await fixture(v, "client_tls12_ticket_test_resumption.txt"));
    assert.deepEqual(ticket.connections.map((c) => [c.version, c.resumed]), [
      ["TLSv1.2", false],
      ["TLSv1.2", true],
    ]);
    const id = parseBsslOutput(await fixture(v, "client_tls12_session_id_unclean_eof.txt"));
    assert.deepEqual(id.connections.map((c) => c.resumed), [false, false], v);
    assert.equal(id.errors[0].message, "Error while reading: TLSV1_ALERT_DECODE_ERROR");
  }
});

Deno.test("parseBsslOutput() reads the server's blocks (no Connecting line)", async () => {
  for (const v of VERSIONS) {
    const out = parseBsslOutput(await fixture(v, "server_www_stderr.txt"));
    assert.equal(out.connections.length, 1);
    assert.equal(out.connections[0].target, undefined);
    assert.equal(out.connections[0].resumed, false);
    assert.equal(out.connections[0].fields["Extended master secret"], "yes");
  }
});

Deno.test("parseBsslOutput() reports failures before any connection", async () => {
  for (const v of VERSIONS) {
    const refused = parseBsslOutput(await fixture(v, "client_connection_refused.txt"));
    assert.equal(refused.connections.length, 0);
    assert.deepEqual(refused.unconnected, ["127.0.0.1:PORT"]);
    assert.equal(refused.errors[0].message, "connect: Connection refused");
    const missing = parseBsslOutput(await fixture(v, "client_session_in_missing.txt"));
    assert.equal(missing.errors[0].message, "Error reading session");
    assert.equal(missing.errors[0].details.length, 2);
    const roots = parseBsslOutput(await fixture(v, "client_bad_root_certs.txt"));
    assert.equal(roots.errors[0].message, "Failed to load root certificates.");
  }
});

Deno.test("parseBsslOutput() rejects a block without its required lines", () => {
  assert.throws(() => parseBsslOutput("Connected.\n  Version: TLSv1.3\n", { file: "x.txt" }), {
    name: "SyntaxError",
    message: 'x.txt:1: expected a "Resumed session:" line in the "Connected." block',
  });
  assert.throws(
    () =>
      parseBsslOutput(
        "x\nConnected.\n  Version: TLSv1.3\n  Resumed session: maybe\n  Cipher: C\n",
        { file: "y.txt" },
      ),
    { name: "SyntaxError", message: /^y\.txt:2: expected "Resumed session: yes" or "no"/ },
  );
});

Deno.test("parseUsageFlags() lists every flag of the captured usage texts", async () => {
  for (const v of VERSIONS) {
    const client = parseUsageFlags(await fixture(v, "client_unknown_flag.txt"));
    for (const f of ["-connect", "-session-in", "-session-out", "-test-resumption"]) {
      assert.ok(client.includes(f), `${v}: client lacks ${f}`);
    }
    assert.ok(client.includes("-max-version") && client.includes("-root-certs"));
    const server = parseUsageFlags(await fixture(v, "server_unknown_flag.txt"));
    assert.deepEqual(server.slice(0, 2), ["-accept", "-cipher"]);
    assert.ok(server.includes("-loop") && server.includes("-www"));
    assert.ok(!server.includes("-num-tickets"), "bssl-tool server has no ticket-count flag");
  }
});
