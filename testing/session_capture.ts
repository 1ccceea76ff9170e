/**
 * Test helper: capture real session files from the system `openssl` (s_server -www + s_client
 * -sess_out), so the codec's live tests (harness/session/live_openssl_test.ts) do not depend on
 * committed fixtures alone. It lives here, not in harness/session/, because it spawns
 * processes (through harness/process only) and the codec folder stays pure.
 *
 * @module
 */
import { run } from "../harness/process/mod.ts";
import { type OpensslBuild, opensslBuild, spawnOpenssl } from "../harness/openssl/mod.ts";
import type { TestPki } from "../harness/pki/mod.ts";

/** One way to make a session; every field maps to s_server / s_client options. */
export interface CaptureCase {
  /** Name used for the output file. */
  name: string;
  /** Extra s_server arguments (e.g. ["-tls1_2"], ["-early_data"]). @default {[]} */
  serverArgs?: string[];
  /** Extra s_client arguments (e.g. ["-servername", "localhost"]). @default {[]} */
  clientArgs?: string[];
  /**
   * Run s_server without -www (needed for -early_data): the client quits with "Q" once its
   * first ticket arrived. Use with `-num_tickets 1` so that ticket is the one saved.
   * @default {false}
   */
  interactive?: boolean;
}

/** The default set of cases: one per field the codec must see populated. */
export const CAPTURE_CASES: readonly CaptureCase[] = [
  { name: "tls13" },
  {
    name: "tls13_alpn_sni",
    serverArgs: ["-alpn", "h2,http/1.1"],
    clientArgs: ["-servername", "localhost", "-alpn", "h2"],
  },
  {
    name: "tls13_early_data",
    serverArgs: ["-early_data", "-num_tickets", "1"],
    interactive: true,
  },
  { name: "tls12_ticket", serverArgs: ["-tls1_2"] },
  { name: "tls12_no_ticket", serverArgs: ["-tls1_2", "-no_ticket"] },
  {
    name: "tls12_psk",
    serverArgs: ["-tls1_2", "-psk", "0102030405060708", "-psk_hint", "hint-1", "-nocert"],
    clientArgs: ["-psk", "0102030405060708", "-psk_identity", "client-id", "-cipher", "PSK"],
  },
  {
    name: "tls12_maxfrag",
    serverArgs: ["-tls1_2"],
    clientArgs: ["-maxfraglen", "1024", "-servername", "localhost"],
  },
];

/** Options for {@linkcode captureSession}. */
export interface CaptureOptions {
  /** The `openssl` binary. @default {"openssl"} */
  openssl?: string;
  /** Deadline for the whole capture in milliseconds. @default {15000} */
  timeoutMs?: number;
  /** Aborting kills both peers. */
  signal?: AbortSignal;
}

/**
 * Run one `s_server -www` / `s_client -sess_out` exchange and return the session file's path
 * (inside `dir`). The client sends one GET so that TLS 1.3 tickets arrive before the server
 * closes; `-ign_eof` keeps the client reading until then.
 */
export async function captureSession(
  pki: TestPki,
  dir: string,
  kase: CaptureCase,
  options: CaptureOptions = {},
): Promise<string> {
  const openssl = options.openssl ?? "openssl";
  const timeoutMs = options.timeoutMs ?? 15_000;
  const out = `${dir}/${kase.name}.pem`;
  const usesPsk = (kase.serverArgs ?? []).includes("-nocert");
  const build: OpensslBuild = opensslBuild({
    id: "capture",
    version: "",
    path: openssl,
    source: "path",
    launch: { command: openssl, args: [], env: {} },
  });
  await using server = spawnOpenssl(build, [
    "s_server",
    "-accept",
    "127.0.0.1:0",
    ...(kase.interactive ? [] : ["-www"]),
    "-naccept",
    "1",
    ...(usesPsk ? [] : ["-cert", pki.cert, "-key", pki.key]),
    ...(kase.serverArgs ?? []),
  ], { stdin: kase.interactive, signal: options.signal });
  const accept = await server.waitForLine(/^ACCEPT /, { timeoutMs, signal: options.signal });
  const port = /:(\d+)\s*$/.exec(accept)?.[1];
  if (!port) throw server.error(`no port in ${JSON.stringify(accept)}`);
  const clientArgs = [
    "s_client",
    "-connect",
    `127.0.0.1:${port}`,
    "-ign_eof",
    "-sess_out",
    out,
    ...(usesPsk ? [] : ["-CAfile", pki.caCert]),
    ...(kase.clientArgs ?? []),
  ];
  let client;
  if (kase.interactive) {
    // The barrier the peer layer uses: a line written to the server's stdin reaches the client
    // after every ticket sent before it, and s_client writes -sess_out before printing a ticket.
    const c = spawnOpenssl(build, clientArgs.filter((a) => a !== "-ign_eof"), {
      stdin: true,
      signal: options.signal,
    });
    try {
      await c.waitForLine(/^(New|Reused), /, { timeoutMs, signal: options.signal });
      await server.write("capture-barrier\n");
      await c.waitForLine((l) => l === "capture-barrier", { timeoutMs, signal: options.signal });
      await c.write("Q\n");
      client = await c.wait({ timeoutMs, signal: options.signal });
    } finally {
      await c.kill();
    }
  } else {
    client = await run(openssl, {
      args: clientArgs,
      input: "GET / HTTP/1.0\r\n\r\n",
      timeoutMs,
      signal: options.signal,
    });
  }
  await server.wait({ timeoutMs, signal: options.signal });
  if (client.code !== 0) {
    throw new Error(
      `s_client failed for case "${kase.name}" (exit ${client.code}): ${client.stderr}`,
    );
  }
  return out;
}

/** `openssl sess_id -text -noout` of a file, as text (PEM or DER input). */
export async function sessIdText(
  file: string,
  options: { openssl?: string; inform?: "PEM" | "DER" } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = await run(options.openssl ?? "openssl", {
    args: ["sess_id", "-inform", options.inform ?? "PEM", "-in", file, "-text", "-noout"],
    timeoutMs: 10_000,
  });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}
