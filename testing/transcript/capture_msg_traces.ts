/**
 * Capture the `-msg` fixtures of `harness/transcript/testdata/msg/`: for each build, a full
 * handshake and its resumption in TLS 1.3 (stateless ticket), TLS 1.2 (ticket) and TLS 1.2
 * (session ID), with both peers printing `-msg`. Run it from the repository root:
 *
 * ```sh
 * deno run -A testing/transcript/capture_msg_traces.ts --builds system,1.1.1,3.5,4.0
 * ```
 *
 * Volatile bytes are normalised so that a regeneration only shows what changed in the format:
 * each case is captured twice and every dumped byte that differs between the two runs (randoms,
 * key shares, session IDs, tickets, encrypted records) is written as `00`; lengths and the
 * structure stay as printed. Paths and the port become `{pki}`, `{work}` and `4433`.
 * @module
 */
import { parseArgs } from "node:util";
import {
  type OpensslBuild,
  resolveBuilds,
  runSClient,
  SServer,
  type SServerOptions,
} from "../../harness/openssl/mod.ts";
import { createTestPki } from "../../harness/pki/mod.ts";
import { makePrivateTempDir } from "../../harness/temp_dir/mod.ts";
import type { ChildProcess } from "../../harness/process/mod.ts";

/** One case: a server's options and the protocol both peers are held to. */
export interface MsgCase {
  /** File name prefix. */
  name: string;
  /** Options of the server (`-msg` is added). */
  server: SServerOptions;
}

/** The cases captured for every build. */
export const MSG_CASES: readonly MsgCase[] = [
  { name: "tls13-resume", server: { tls: "1.3", numTickets: 2 } },
  { name: "tls12-ticket", server: { tls: "1.2" } },
  { name: "tls12-session-id", server: { tls: "1.2", noTicket: true } },
];

/** The folder the fixtures live in. */
export const MSG_FIXTURES = new URL("../../harness/transcript/testdata/msg/", import.meta.url);

interface Capture {
  client1: string;
  client2: string;
  server: string;
}

async function captureOnce(build: OpensslBuild, c: MsgCase, pki: {
  caCert: string;
  cert: string;
  key: string;
  chain: string;
  dir: string;
}): Promise<Capture> {
  await using work = await makePrivateTempDir({ prefix: "tls-harness-msg-" });
  const children: ChildProcess[] = [];
  const host = {
    dir: work.path,
    pki,
    signal: AbortSignal.timeout(30_000),
    stepTimeoutMs: 10_000,
    track: (child: ChildProcess) => void children.push(child),
  };
  await using server = await SServer.start(build, host, { ...c.server, msg: true });
  const first = await runSClient(build, host, server, {
    tls: c.server.tls,
    sessOut: "s.pem",
    msg: true,
  });
  const second = await runSClient(build, host, server, { tls: c.server.tls, sessIn: "s.pem" });
  if (first.reused !== false || second.reused !== true) {
    throw new Error(
      `${build.id} ${c.name}: expected New then Reused, got ${first.reused}, ${second.reused}`,
    );
  }
  const clean = (text: string) =>
    text.replaceAll(pki.dir, "{pki}").replaceAll(work.path, "{work}")
      .replace(new RegExp(`(?<=[:\\s])${server.port}\\b`, "g"), "4433");
  return {
    client1: clean(first.result.stdout),
    client2: clean(second.result.stdout),
    server: clean(server.process.stdoutLines.join("\n") + "\n"),
  };
}

const DUMP_ROW = /^ {4}[0-9a-f]{2}(?: [0-9a-f]{2})*$/;

/** Rows of hex dumps that differ between two captures of the same case become zeros. */
export function normaliseDumps(a: string, b: string): string {
  const la = a.split("\n");
  const lb = b.split("\n");
  if (la.length !== lb.length) return a;
  return la.map((row, i) => {
    if (!DUMP_ROW.test(row) || !DUMP_ROW.test(lb[i]) || row.length !== lb[i].length) return row;
    const ba = row.trim().split(" ");
    const bb = lb[i].trim().split(" ");
    return "    " + ba.map((x, k) => (x === bb[k] ? x : "00")).join(" ");
  }).join("\n");
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { builds: { type: "string" } } });
  const builds = await resolveBuilds((values.builds ?? "system").split(","));
  await using pki = await createTestPki();
  for (const build of builds) {
    const id = build.source === "system" ? /OpenSSL (\S+)/.exec(build.version)![1] : build.id;
    const dir = new URL(`${id}/`, MSG_FIXTURES);
    await Deno.mkdir(dir, { recursive: true });
    for (const c of MSG_CASES) {
      const a = await captureOnce(build, c, pki);
      const b = await captureOnce(build, c, pki);
      for (const role of ["client1", "client2", "server"] as const) {
        await Deno.writeTextFile(
          new URL(`${c.name}.${role}.txt`, dir),
          normaliseDumps(a[role], b[role]),
        );
      }
      // deno-lint-ignore no-console
      console.log(`${id}: ${c.name}`);
    }
  }
}
