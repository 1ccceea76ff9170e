import assert from "node:assert/strict";
import { parseCliOutput } from "./cli_output.ts";
import { fixture, FIXTURE_VERSIONS, fixturePath } from "../../../testing/impl/gnutls_fixtures.ts";

function cli(version: string, name: string) {
  return parseCliOutput(
    fixture(version, `${name}.stdout`),
    fixture(version, `${name}.stderr`),
    fixturePath(version, `${name}.stdout`),
  );
}

for (const v of FIXTURE_VERSIONS) {
  Deno.test(`parseCliOutput() reads ${v}'s --resume against s_server (TLS 1.3 ticket)`, () => {
    const out = cli(v, "cli_tls13_resume");
    assert.equal(out.connections.length, 2);
    const [first, second] = out.connections;
    assert.deepEqual([first.resumeAttempt, first.handshake, first.resumed], [false, "full", false]);
    assert.deepEqual([second.resumeAttempt, second.handshake, second.resumed], [
      true,
      "resume",
      true,
    ]);
    assert.equal(second.version, "TLS1.3");
    assert.equal(second.target, "127.0.0.1:4433");
    assert.deepEqual(second.evidence.slice(-2), [
      "- Resume Handshake was completed",
      "*** This is a resumed session",
    ]);
    assert.equal(out.peerClosed, true);
    assert.deepEqual(out.errors, []);
  });

  Deno.test(`parseCliOutput() reads ${v}'s resume attempts that did not resume`, () => {
    // s_server -num_tickets 0 (TLS 1.3) and -no_ticket -no_cache (TLS 1.2): the "Resume
    // Handshake" wording appears anyway; only the missing "*** This is a resumed session" tells.
    for (const name of ["cli_tls13_no_tickets", "cli_tls12_no_cache"]) {
      const [, second] = cli(v, name).connections;
      assert.deepEqual([second.resumeAttempt, second.handshake, second.resumed], [
        true,
        "resume",
        false,
      ], name);
    }
    const id = cli(v, "cli_tls12_session_id").connections;
    assert.deepEqual(id.map((c) => [c.version, c.resumed]), [["TLS1.2", false], ["TLS1.2", true]]);
  });

  Deno.test(`parseCliOutput() reads ${v}'s two inline ^resume^ commands (they alternate: resumed, then full)`, () => {
    const out = cli(v, "cli_tls13_inline_resume_twice");
    assert.deepEqual(out.connections.map((c) => [c.resumeAttempt, c.resumed]), [
      [false, false],
      [true, true],
      [true, false],
    ]);
  });
}

Deno.test("parseCliOutput() tells 3.7.1's resumed TLS 1.3 description from later ones", () => {
  assert.match(cli("3.7.1", "cli_tls13_resume").connections[1].description!, /ECDHE-PSK/);
  assert.equal(
    cli("3.8.13", "cli_tls13_resume").connections[1].description,
    "(TLS1.3-X.509)--(AES-256-GCM)",
  );
});

Deno.test("parseCliOutput() collects fatal errors and rejects a stray resumed line", () => {
  const out = parseCliOutput(
    "Connecting to '127.0.0.1:1'...\n",
    "*** Fatal error: Error in the pull function.\n",
  );
  assert.deepEqual(out.errors, ["*** Fatal error: Error in the pull function."]);
  assert.equal(out.connections[0].handshake, undefined);
  assert.throws(
    () => parseCliOutput("*** This is a resumed session\n", "", "x.txt"),
    (e: Error) => e instanceof SyntaxError && e.message.startsWith("x.txt:1: "),
  );
});
