import assert from "node:assert/strict";
import { createTestPki } from "../harness/pki/mod.ts";
import { run } from "../harness/process/mod.ts";
import {
  formatReadyLine,
  parseReadyLine,
  parseServerArgs,
  READY_LINE,
  SERVER_HELP,
  startDenoTlsServer,
  STOPPED_LINE,
} from "./deno_tls_server.ts";
import { here, spawnDenoServer, Talk, withDeadline } from "./_testing.ts";

Deno.test("parseReadyLine() reads host and port back from formatReadyLine()", () => {
  assert.deepEqual(parseReadyLine(formatReadyLine("127.0.0.1", 4433)), {
    host: "127.0.0.1",
    port: 4433,
  });
  assert.equal(formatReadyLine("::1", 80), "READY [::1]:80");
  assert.deepEqual(parseReadyLine("READY [::1]:80"), { host: "::1", port: 80 });
  assert.throws(() => parseReadyLine("ACCEPT 127.0.0.1:1"), SyntaxError);
  assert.ok(READY_LINE.test("READY 127.0.0.1:40123"));
  assert.ok(!READY_LINE.test("READY localhost:40123"));
});

Deno.test("parseServerArgs() reads every option and names the bad one", () => {
  assert.deepEqual(
    parseServerArgs([
      "--cert",
      "c.pem",
      "--key",
      "k.pem",
      "--host",
      "::1",
      "--port",
      "4433",
      "--alpn",
      "h2,http/1.1",
      "--max-connections",
      "3",
    ]),
    {
      help: false,
      options: {
        cert: "c.pem",
        key: "k.pem",
        host: "::1",
        port: 4433,
        alpn: ["h2", "http/1.1"],
        maxConnections: 3,
      },
    },
  );
  assert.deepEqual(parseServerArgs(["-h"]), { help: true });
  assert.throws(() => parseServerArgs(["--key", "k"]), /--cert FILE is required/);
  assert.throws(() => parseServerArgs(["--cert", "c", "--key", "k", "--port", "x"]), RangeError);
  assert.throws(
    () => parseServerArgs(["--cert", "c", "--key", "k", "--max-connections", "0"]),
    /--max-connections/,
  );
  assert.throws(() => parseServerArgs(["--cert", "c", "--key", "k", "--bogus"]), TypeError);
});

Deno.test("deno_tls_server.ts --help prints SERVER_HELP and exits 0", async () => {
  const r = await run(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", here("deno_tls_server.ts"), "--help"],
    timeoutMs: 20_000,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, SERVER_HELP);
});

Deno.test("deno_tls_server.ts refuses a bad option with exit code 2", async () => {
  const r = await run(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", here("deno_tls_server.ts"), "--port", "1"],
    timeoutMs: 20_000,
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--cert FILE is required/);
  assert.equal(r.stdout, "");
});

Deno.test("deno_tls_server.ts prints READY, answers HELLO/INFO/ECHO, and STOP exits 0", async () => {
  await using pki = await createTestPki();
  const { child, port } = await spawnDenoServer(pki);
  await using _child = child;
  assert.ok(port > 0);
  assert.deepEqual(child.stdoutLines, [formatReadyLine("127.0.0.1", port)]);
  {
    await using talk = await Talk.open(port, pki);
    assert.equal(await talk.line(), "HELLO conn=1");
    const info = JSON.parse((await talk.ask("INFO")) ?? "null");
    assert.equal(info.conn, 1);
    assert.equal(info.alpn, null);
    assert.equal(info.local, `127.0.0.1:${port}`);
    assert.deepEqual(Object.keys(info.handshake), ["alpnProtocol"]);
    assert.equal(await talk.ask("ECHO hello  world"), "hello  world");
    assert.equal(await talk.ask("echo lower case"), "lower case");
    assert.match((await talk.ask("FROB")) ?? "", /^ERR unknown command "FROB"$/);
    assert.equal(await talk.ask("QUIT"), "BYE");
    assert.equal(await talk.line(), null);
  }
  {
    await using talk = await Talk.open(port, pki);
    assert.equal(await talk.line(), "HELLO conn=2");
    assert.equal(await talk.ask("STOP"), "STOPPING");
  }
  const r = await child.wait({ timeoutMs: 10_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.killed, false);
  assert.deepEqual(r.stdout.trimEnd().split("\n"), [`READY 127.0.0.1:${port}`, STOPPED_LINE]);
  assert.match(r.stderr, /stopped \(stop-command\)/);
});

Deno.test("deno_tls_server.ts stops cleanly on SIGTERM with a connection open", async () => {
  await using pki = await createTestPki();
  const { child, port } = await spawnDenoServer(pki);
  await using _child = child;
  await using talk = await Talk.open(port, pki);
  assert.equal(await talk.line(), "HELLO conn=1");
  // ChildProcess.kill() sends SIGTERM first and SIGKILL only after its grace period.
  const r = await withDeadline(child.kill(), 10_000, "server exit after SIGTERM");
  assert.equal(r.signal, null, "the server should exit by itself, not die of the signal");
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^STOPPED$/m);
  assert.match(r.stderr, /stopped \(os-signal\)/);
  assert.equal(await talk.line(), null);
});

Deno.test("deno_tls_server.ts with --max-connections 1 exits 0 after one connection", async () => {
  await using pki = await createTestPki();
  const { child, port } = await spawnDenoServer(pki, ["--max-connections", "1", "--alpn", "x,h2"]);
  await using _child = child;
  {
    await using talk = await Talk.open(port, pki, ["h2"]);
    assert.equal(await talk.line(), "HELLO conn=1");
    assert.equal(JSON.parse((await talk.ask("INFO")) ?? "null").alpn, "h2");
    assert.equal(await talk.ask("QUIT"), "BYE");
  }
  const r = await child.wait({ timeoutMs: 10_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /stopped \(max-connections\)/);
});

Deno.test("startDenoTlsServer() refuses a host that is not a loopback address", async () => {
  await using pki = await createTestPki();
  for (const host of ["0.0.0.0", "192.0.2.1", "localhost", "::"]) {
    await assert.rejects(
      startDenoTlsServer({ cert: pki.cert, key: pki.key, host }),
      RangeError,
      host,
    );
  }
  await assert.rejects(
    startDenoTlsServer({ cert: pki.dir + "/missing.pem", key: pki.key }),
    /Cannot read the certificate ".*missing.pem"/,
  );
});

Deno.test("startDenoTlsServer() serves in-process and records each connection", async (t) => {
  await using pki = await createTestPki();
  await using server = await startDenoTlsServer({ cert: pki.chain, key: pki.key });
  assert.equal(server.address, `127.0.0.1:${server.port}`);

  await t.step("GET / HTTP/1.0 answers a text page and closes", async () => {
    await using talk = await Talk.open(server.port, pki);
    assert.equal(await talk.line(), "HELLO conn=1");
    assert.equal(await talk.ask("GET / HTTP/1.0"), "HTTP/1.0 200 OK");
    const rest: string[] = [];
    for (let l = await talk.line(); l !== null; l = await talk.line()) rest.push(l);
    assert.ok(rest.includes("deno-tls-server conn=1"), rest.join("\n"));
  });

  await t.step("connections() lists what each connection did", async () => {
    await using talk = await Talk.open(server.port, pki);
    assert.equal(await talk.line(), "HELLO conn=2");
    assert.equal(await talk.ask("ECHO x"), "x");
    const infos = server.connections();
    assert.equal(infos.length, 2);
    assert.deepEqual(infos[0].commands, ["GET / HTTP/1.0"]);
    assert.equal(infos[1].open, true);
    assert.deepEqual(infos[1].commands, ["ECHO x"]);
    assert.deepEqual(infos[1].handshake, { alpnProtocol: null });
  });

  await t.step("stop() closes open connections and resolves finished", async () => {
    await using talk = await Talk.open(server.port, pki);
    assert.equal(await talk.line(), "HELLO conn=3");
    await withDeadline(server.stop(), 5000, "stop()");
    assert.equal(await server.finished, "stop-call");
    assert.equal(await talk.line(), null);
    assert.ok(server.connections().every((c) => !c.open));
  });
});

Deno.test("startDenoTlsServer() stops when its signal is aborted", async () => {
  await using pki = await createTestPki();
  const controller = new AbortController();
  await using server = await startDenoTlsServer({
    cert: pki.cert,
    key: pki.key,
    signal: controller.signal,
  });
  controller.abort();
  assert.equal(await withDeadline(server.finished, 5000, "stop on abort"), "abort");
  await assert.rejects(Talk.open(server.port, pki));
});
