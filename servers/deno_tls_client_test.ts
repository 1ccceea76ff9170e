import assert from "node:assert/strict";
import { createTestPki } from "../harness/pki/mod.ts";
import { run } from "../harness/process/mod.ts";
import {
  CLIENT_HELP,
  DEFAULT_REQUEST,
  parseClientArgs,
  runDenoTlsClient,
} from "./deno_tls_client.ts";
import { startDenoTlsServer } from "./deno_tls_server.ts";
import { here } from "./_testing.ts";

Deno.test("parseClientArgs() reads every option and names the bad one", () => {
  assert.deepEqual(
    parseClientArgs([
      "--connect",
      "127.0.0.1:4433",
      "--ca",
      "ca.pem",
      "--count",
      "3",
      "--server-name",
      "localhost",
      "--alpn",
      "h2",
      "--timeout-ms",
      "500",
    ]),
    {
      help: false,
      options: {
        host: "127.0.0.1",
        port: 4433,
        ca: "ca.pem",
        count: 3,
        serverName: "localhost",
        alpn: ["h2"],
        timeoutMs: 500,
      },
    },
  );
  assert.deepEqual(parseClientArgs(["--help"]), { help: true });
  assert.equal(parseClientArgs(["--connect", "[::1]:1", "--ca", "c"]).help, false);
  assert.throws(() => parseClientArgs(["--ca", "c"]), /--connect HOST:PORT is required/);
  assert.throws(() => parseClientArgs(["--connect", "127.0.0.1", "--ca", "c"]), RangeError);
  assert.throws(() => parseClientArgs(["--connect", "127.0.0.1:0", "--ca", "c"]), RangeError);
  assert.throws(
    () => parseClientArgs(["--connect", "127.0.0.1:1", "--ca", "c", "--count", "0"]),
    /--count/,
  );
});

Deno.test("parseClientArgs() unescapes --request and ends it with a blank line", () => {
  const request = (text: string) => {
    const parsed = parseClientArgs(["--connect", "127.0.0.1:1", "--ca", "c", "--request", text]);
    assert.ok(!parsed.help);
    return parsed.options.request;
  };
  assert.equal(request("GET / HTTP/1.0"), DEFAULT_REQUEST);
  assert.equal(request("INFO\\nQUIT\\n"), "INFO\nQUIT\n");
  assert.equal(request("a\\\\n"), "a\\n\r\n\r\n");
});

Deno.test("deno_tls_client.ts --help prints CLIENT_HELP and exits 0", async () => {
  const r = await run(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", here("deno_tls_client.ts"), "--help"],
    timeoutMs: 20_000,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, CLIENT_HELP);
});

Deno.test("runDenoTlsClient() makes count connections to the Deno TLS server", async () => {
  await using pki = await createTestPki();
  await using server = await startDenoTlsServer({ cert: pki.cert, key: pki.key, alpn: ["h2"] });
  const results = await runDenoTlsClient({
    port: server.port,
    ca: pki.caCert,
    count: 3,
    request: "ECHO hi\nQUIT\n",
    alpn: ["h2"],
    timeoutMs: 5000,
  });
  assert.deepEqual(
    results.map((r) => [r.conn, r.ok, r.alpn, r.via, r.response, r.error]),
    [1, 2, 3].map((n) => [n, true, "h2", "connectTls", `HELLO conn=${n}\nhi\nBYE\n`, undefined]),
  );
  assert.deepEqual(
    server.connections().map((c) => c.remote),
    results.map((r) => r.local),
  );
});

Deno.test("runDenoTlsClient() verifies the server's name", async (t) => {
  await using pki = await createTestPki();
  await using server = await startDenoTlsServer({ cert: pki.cert, key: pki.key });
  await t.step("a name in the certificate passes, through Deno.startTls", async () => {
    const [r] = await runDenoTlsClient({
      port: server.port,
      ca: pki.caCert,
      serverName: "localhost",
      request: "QUIT\n",
      timeoutMs: 5000,
    });
    assert.equal(r.ok, true, r.error);
    assert.equal(r.via, "startTls");
  });
  await t.step("another name fails the handshake", async () => {
    const [r] = await runDenoTlsClient({
      port: server.port,
      ca: pki.caCert,
      serverName: "wrong.example",
      request: "QUIT\n",
      timeoutMs: 5000,
    });
    assert.equal(r.ok, false);
    assert.match(r.error ?? "", /NotValidForName|certificate/i);
  });
  await t.step("a CA that did not sign the server fails the handshake", async () => {
    await using other = await createTestPki();
    const [r] = await runDenoTlsClient({
      port: server.port,
      ca: other.caCert,
      request: "QUIT\n",
      timeoutMs: 5000,
    });
    assert.equal(r.ok, false);
    assert.match(r.error ?? "", /UnknownIssuer|certificate/i);
  });
});

Deno.test("runDenoTlsClient() gives up at the deadline and keeps the partial response", async () => {
  await using pki = await createTestPki();
  await using server = await startDenoTlsServer({ cert: pki.cert, key: pki.key });
  // INFO without QUIT: the server keeps the connection open, so only the deadline ends it.
  const [r] = await runDenoTlsClient({
    port: server.port,
    ca: pki.caCert,
    request: "ECHO still here\n",
    timeoutMs: 500,
  });
  assert.equal(r.ok, false);
  assert.match(r.error ?? "", /^Timed out after 500 ms/);
  assert.equal(r.response, "HELLO conn=1\nstill here\n");
});

Deno.test("deno_tls_client.ts prints one JSON line per connection", async () => {
  await using pki = await createTestPki();
  await using server = await startDenoTlsServer({ cert: pki.cert, key: pki.key });
  const r = await run(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-read",
      here("deno_tls_client.ts"),
      "--connect",
      server.address,
      "--ca",
      pki.caCert,
      "--count",
      "2",
    ],
    timeoutMs: 20_000,
  });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.conn, l.ok]), [[1, true], [2, true]]);
  assert.match(lines[1].response, /^HELLO conn=2\nHTTP\/1\.0 200 OK\r\n/);
  assert.match(lines[1].response, /deno-tls-server conn=2/);
});

Deno.test("runDenoTlsClient() refuses a host that is not a loopback address", async () => {
  await assert.rejects(runDenoTlsClient({ host: "192.0.2.1", port: 1, ca: "x" }), RangeError);
  await assert.rejects(
    runDenoTlsClient({ port: 1, ca: "/nonexistent/ca.pem" }),
    /Cannot read the CA certificate/,
  );
});
