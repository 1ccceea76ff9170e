import assert from "node:assert/strict";
import { fetchedBuilds } from "../../openssl/builds.ts";
import { spawnOpenssl } from "../../openssl/mod.ts";
import { createTestPki, type TestPki } from "../../pki/mod.ts";
import { parseClientTranscript } from "../../transcript/mod.ts";
import { runBsslClient } from "./cli_client.ts";
import { startBsslServer } from "./cli_server.ts";
import { FETCHED, liveName } from "../../../testing/impl/boringssl_builds.ts";

const OPENSSL = new Map(
  (await fetchedBuilds()).map((b) => [b.id.replace(/^(\d+\.\d+)\..*$/, "$1"), b]),
);

/** `openssl s_server` of one build on a kernel-chosen 127.0.0.1 port. */
async function sServer(family: string, pki: TestPki, extra: string[]) {
  const child = spawnOpenssl(OPENSSL.get(family)!, [
    "s_server",
    "-accept",
    "127.0.0.1:0",
    "-cert",
    pki.cert,
    "-key",
    pki.key,
    ...extra,
  ], { stdin: true });
  const line = await child.waitForLine(/^ACCEPT\s+\S*:\d+\s*$/, { timeoutMs: 10_000 });
  return { child, port: Number(/:(\d+)\s*$/.exec(line)![1]) };
}

const CASES: {
  name: string;
  openssl: string;
  args: string[];
  tls: "1.2" | "1.3";
  reused: boolean;
}[] = [
  { name: "TLS 1.3 ticket", openssl: "3.0", args: [], tls: "1.3", reused: true },
  { name: "TLS 1.2 ticket", openssl: "3.0", args: [], tls: "1.2", reused: true },
  // The client closes without close_notify; OpenSSL 3.x then drops the session from its cache.
  { name: "TLS 1.2 session ID", openssl: "3.0", args: ["-no_ticket"], tls: "1.2", reused: false },
  {
    name: "TLS 1.2 session ID, -ignore_unexpected_eof",
    openssl: "3.0",
    args: ["-no_ticket", "-ignore_unexpected_eof"],
    tls: "1.2",
    reused: true,
  },
  {
    name: "TLS 1.2 session ID (1.1.1)",
    openssl: "1.1",
    args: ["-no_ticket"],
    tls: "1.2",
    reused: true,
  },
];

for (const family of ["13", "14"]) {
  for (const c of CASES) {
    Deno.test({
      name: liveName(
        `runBsslClient() -test-resumption against openssl ${c.openssl} s_server: ${c.name}`,
        family,
      ),
      ignore: !FETCHED.has(family) || !OPENSSL.has(c.openssl),
      async fn() {
        await using pki = await createTestPki();
        const server = await sServer(c.openssl, pki, c.args);
        await using _ = server.child;
        const r = await runBsslClient(FETCHED.get(family)!, server, {
          caFile: pki.caCert,
          tls: c.tls,
          resumeInProcess: true,
        });
        assert.equal(r.timedOut, false);
        assert.equal(r.connections.length, 2, r.result.stderr);
        assert.equal(r.reused, c.reused, r.evidence.join("\n"));
        if (!c.args.includes("-ignore_unexpected_eof") && c.openssl !== "1.1") {
          // Exit 1 after good handshakes: the server's answer to the missing close_notify.
          assert.equal(r.result.code, 1);
          assert.equal(r.errors.at(-1)?.message, "Error while reading: TLSV1_ALERT_DECODE_ERROR");
        }
      },
    });
  }
}

/** One `openssl s_client` connection; `request` is written, then stdin stays open `holdMs`. */
async function sClient(port: number, pki: TestPki, args: string[], request = "", holdMs = 400) {
  await using child = spawnOpenssl(OPENSSL.get("3.0")!, [
    "s_client",
    "-connect",
    `127.0.0.1:${port}`,
    "-CAfile",
    pki.caCert,
    ...args,
  ], { stdin: true });
  if (request) await child.write(request);
  await new Promise((r) => setTimeout(r, holdMs));
  await child.closeStdin();
  const r = await child.wait({ timeoutMs: 10_000 });
  return parseClientTranscript(r.stdout, { file: "s_client stdout" });
}

for (const family of ["13", "14"]) {
  Deno.test({
    name: liveName(
      "openssl 3.0 s_client resumes against bssl-tool server (TLS 1.3 -www, TLS 1.2 ID)",
      family,
    ),
    ignore: !FETCHED.has(family) || !OPENSSL.has("3.0"),
    async fn() {
      await using pki = await createTestPki();
      const sess = `${pki.dir}/s.pem`;
      {
        await using server = await startBsslServer(FETCHED.get(family)!, {
          cert: pki.chain,
          key: pki.key,
          www: true,
        });
        const first = await sClient(
          server.port,
          pki,
          ["-sess_out", sess],
          "GET / HTTP/1.0\r\n\r\n",
        );
        assert.equal(first.handshake?.reused, false);
        assert.equal(first.tickets.length, 2, "two tickets, sent with the page");
        assert.equal(first.tickets[0].ticketLifetimeHint, 172800);
        const second = await sClient(server.port, pki, ["-sess_in", sess]);
        assert.equal(second.handshake?.reused, true);
      }
      {
        await using server = await startBsslServer(FETCHED.get(family)!, {
          cert: pki.chain,
          key: pki.key,
        });
        const first = await sClient(server.port, pki, ["-tls1_2", "-no_ticket", "-sess_out", sess]);
        assert.equal(first.handshake?.reused, false);
        const second = await sClient(server.port, pki, ["-tls1_2", "-no_ticket", "-sess_in", sess]);
        assert.equal(second.handshake?.reused, true, "the server's session cache resumes the ID");
      }
    },
  });
}
