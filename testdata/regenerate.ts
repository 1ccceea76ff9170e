/**
 * Capture real OpenSSL outputs as fixtures for the parsers and the session codec:
 * `deno run -A testdata/regenerate.ts [--cache-dir D] [--builds system,1.1.1,…] [--out DIR]`.
 *
 * For every build (the system one and every fetched one, or those named by `--builds`), runs a
 * fixed set of `s_server` / `s_client` scenarios of that same build against each other on
 * 127.0.0.1 and writes into `testdata/<version>/`:
 * - client and server stdout / stderr transcripts (volatile fields normalised, see README.md);
 * - the `-sess_out` session files, byte-exact (never normalised);
 * - `openssl sess_id -in F -text -noout` of each session file, from the same build;
 * - the `s_server -www` pages.
 * `testdata/manifest.json` lists every file with its build, scenario and role. Builds that are
 * not regenerated keep their entries, so one version can be redone alone.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type ChildProcess, run, spawn } from "../harness/process/mod.ts";
import { createTestPki, type TestPki } from "../harness/pki/mod.ts";
import { makePrivateTempDir } from "../harness/temp_dir/mod.ts";
import { cacheDir as defaultCacheDir, opensslArgv, type OpensslBuild, opensslVersionId, resolveBuilds } from "../harness/openssl/mod.ts";

/** The port every real port is replaced with in text transcripts. */
export const NORMALISED_PORT = 4433;
/** Placeholder for the test PKI's temp folder in text transcripts. */
export const PKI_PLACEHOLDER = "{pki}";
/** Placeholder for the per-run work folder (session files) in text transcripts. */
export const WORK_PLACEHOLDER = "{work}";
/** Placeholder for the harness cache folder (fetched builds) in text transcripts. */
export const CACHE_PLACEHOLDER = "{cache}";
/** Thread ids in OpenSSL 3.x error lines (hex) are replaced with this. */
export const THREAD_ID_HEX = "00007F0000000000";
/** Thread ids in OpenSSL 1.1.1 error lines (decimal) are replaced with this. */
export const THREAD_ID_DEC = "140000000000000";

/** What a fixture file holds. */
export type FixtureKind =
  | "s_client-stdout"
  | "s_client-stderr"
  | "s_server-stdout"
  | "s_server-stderr"
  | "session-pem"
  | "sess_id-text"
  | "www-page";

/** One file in `testdata/manifest.json`. */
export interface FixtureEntry {
  /** Build id = folder name ("1.1.1w", "3.0.19", …); its exact version is in `builds`. */
  build: string;
  /** Scenario name (see {@linkcode SCENARIOS}). */
  scenario: string;
  /** What the file holds. */
  kind: FixtureKind;
  /** Which client connection of the scenario it belongs to (1-based); absent for the server. */
  connection?: number;
  /** Path relative to testdata/. */
  file: string;
  /** Whether volatile fields were normalised (text transcripts) or the bytes are raw. */
  normalised: boolean;
  /** What the scenario asked of this side; tests compare parsed output against these. */
  params: ConnectionParams;
}

/** The manifest's description of one scenario: what each side was asked to do. */
export interface ScenarioParams {
  /** The server's settings (`expectHandshake` is "fail" when any connection should fail). */
  server: ConnectionParams;
  /** Each client connection in order (connection N is `connections[N - 1]`). */
  connections: ConnectionParams[];
}

/** What one client connection of a scenario was set up to do. */
export interface ConnectionParams {
  /**
   * Protocol forced on the server; the client forces it too, except with failure
   * "version-mismatch", where it offers only TLS 1.2.
   */
  protocol: "TLSv1.3" | "TLSv1.2";
  /** `s_server -num_tickets` (TLS 1.3), when given. */
  numTickets?: number;
  /** `s_server -no_ticket` was given. */
  noTicket?: boolean;
  /** The client resumed with `-sess_in` (from connection `resumeFrom`). */
  resumeFrom?: number;
  /** Whether the handshake is meant to succeed. */
  expectHandshake: "ok" | "fail";
  /** Why it is meant to fail. */
  failure?: "wrong-ca" | "version-mismatch";
  /** Served with `s_server -www`. */
  www?: boolean;
}

/** One scenario: a server and one or two client connections in sequence. */
export interface Scenario {
  /** File name prefix. */
  name: string;
  /** Protocol forced on the server (and the client, unless it is a version mismatch). */
  protocol: "TLSv1.3" | "TLSv1.2";
  /** `s_server -num_tickets`. @default {not given: the build's default} */
  numTickets?: number;
  /** `s_server -no_ticket`. @default {false} */
  noTicket?: boolean;
  /** `s_server -www`: each client sends `GET /` and the page is kept. @default {false} */
  www?: boolean;
  /** Client connections, in order; a `resume` one uses the previous one's `-sess_out` file. */
  clients: { resume?: boolean; failure?: "wrong-ca" | "version-mismatch" }[];
}

/** The scenarios captured for every build. */
export const SCENARIOS: readonly Scenario[] = [
  ...[0, 1, 2, 3].map((n): Scenario => ({
    name: `tls13-tickets-${n}`,
    protocol: "TLSv1.3",
    numTickets: n,
    clients: [{}],
  })),
  { name: "tls13-resume", protocol: "TLSv1.3", numTickets: 2, clients: [{}, { resume: true }] },
  {
    name: "tls12-session-id",
    protocol: "TLSv1.2",
    noTicket: true,
    clients: [{}, { resume: true }],
  },
  { name: "tls12-ticket", protocol: "TLSv1.2", clients: [{}, { resume: true }] },
  { name: "fail-wrong-ca", protocol: "TLSv1.3", clients: [{ failure: "wrong-ca" }] },
  {
    name: "fail-version-mismatch",
    protocol: "TLSv1.3",
    clients: [{ failure: "version-mismatch" }],
  },
  {
    name: "www-tls13",
    protocol: "TLSv1.3",
    numTickets: 2,
    www: true,
    clients: [{}, { resume: true }],
  },
  { name: "www-tls12", protocol: "TLSv1.2", www: true, clients: [{}, { resume: true }] },
];

const TICKET_LINE = /^Post-Handshake New Session Ticket arrived/;
const SETTLE_MS = 250;

interface Context {
  build: OpensslBuild;
  buildId: string;
  outDir: string;
  work: string;
  pki: TestPki;
  otherPki: TestPki;
  stdbuf: boolean;
  cache: string;
  entries: FixtureEntry[];
  signal?: AbortSignal;
}

/** Options for {@linkcode regenerate}. */
export interface RegenerateOptions {
  /** Cache directory of fetched builds. @default {cacheDir()} */
  cacheDir?: string;
  /** Build specs as for `resolveBuilds`. @default {["all"]} */
  builds?: string[];
  /** Output folder. @default {this file's folder} */
  outDir?: string;
  /** Progress lines. */
  onProgress?: (message: string) => void;
  /** Aborting stops between steps and kills running peers. */
  signal?: AbortSignal;
}

/**
 * Capture the fixtures of every selected build and rewrite `manifest.json`.
 *
 * @example
 * ```ts
 * import { regenerate } from "./regenerate.ts";
 * await regenerate({ builds: ["system"], onProgress: (m) => console.log(m) });
 * ```
 */
export async function regenerate(options: RegenerateOptions = {}): Promise<FixtureEntry[]> {
  const outDir = options.outDir ?? new URL(".", import.meta.url).pathname.replace(/\/$/, "");
  const progress = options.onProgress ?? (() => {});
  const cache = defaultCacheDir(options.cacheDir);
  const builds = await resolveBuilds(options.builds ?? ["all"], { cacheDir: cache });
  const stdbuf = (await run("stdbuf", { args: ["--version"], timeoutMs: 5000 }).catch(() => null))
    ?.code === 0;
  if (!stdbuf) progress("stdbuf not found: transcripts are read only after each peer exits");

  const manifestFile = `${outDir}/manifest.json`;
  let previous: FixtureEntry[] = [];
  let previousBuilds: { id: string; version: string }[] = [];
  try {
    const old = JSON.parse(await Deno.readTextFile(manifestFile));
    previous = old.fixtures ?? [];
    previousBuilds = old.builds ?? [];
  } catch { /* first run */ }

  await using pki = await createTestPki({ signal: options.signal });
  await using otherPki = await createTestPki({ signal: options.signal });
  const done = new Set<string>();
  const captured = new Map<string, string>();
  const entries: FixtureEntry[] = [];
  for (const build of builds) {
    const buildId = build.source === "fetched" ? build.id : versionId(build.version);
    if (done.has(buildId)) {
      progress(`${buildId}: same version as a build already captured; skipped`);
      continue;
    }
    done.add(buildId);
    captured.set(buildId, build.version);
    const dir = `${outDir}/${buildId}`;
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await Deno.mkdir(dir, { recursive: true });
    await using work = await makePrivateTempDir({ prefix: "tls-harness-fixtures-" });
    const ctx: Context = {
      build,
      buildId,
      outDir,
      work: work.path,
      pki,
      otherPki,
      stdbuf,
      cache,
      entries,
      signal: options.signal,
    };
    for (const scenario of SCENARIOS) {
      options.signal?.throwIfAborted();
      const t = performance.now();
      await runScenario(ctx, scenario);
      progress(`${buildId}: ${scenario.name} (${Math.round(performance.now() - t)} ms)`);
    }
  }
  const kept = previous.filter((e) => !done.has(e.build));
  const fixtures = [...kept, ...entries].sort((a, b) =>
    a.build.localeCompare(b.build, "en", { numeric: true }) || a.file.localeCompare(b.file)
  );
  const versions = new Map(previousBuilds.map((b) => [b.id, b.version]));
  for (const [id, version] of captured) versions.set(id, version);
  const ids = new Set(fixtures.map((f) => f.build));
  const manifest = {
    about: "Real OpenSSL outputs; see README.md. Regenerate: deno run -A testdata/regenerate.ts",
    normalisation: {
      port: NORMALISED_PORT,
      pkiDir: PKI_PLACEHOLDER,
      otherPkiDir: `${PKI_PLACEHOLDER}-other`,
      workDir: WORK_PLACEHOLDER,
      cacheDir: CACHE_PLACEHOLDER,
      threadIdHex: THREAD_ID_HEX,
      threadIdDecimal: THREAD_ID_DEC,
      lineEndings: "LF (a CR before LF is dropped: output is read line by line)",
    },
    builds: [...versions].filter(([id]) => ids.has(id)).map(([id, version]) => ({ id, version }))
      .sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true })),
    scenarios: Object.fromEntries(SCENARIOS.map((s) => [s.name, scenarioParams(s)])),
    fixtures,
  };
  await Deno.writeTextFile(manifestFile, formatManifest(manifest));
  return entries;
}

/** JSON with one fixture per line: small, and diffs stay readable. */
function formatManifest(manifest: { fixtures: FixtureEntry[] }): string {
  const { fixtures, ...rest } = manifest;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, "");
  const lines = fixtures.map((f) => `    ${JSON.stringify(f)}`).join(",\n");
  return `${head},\n  "fixtures": [\n${lines}\n  ]\n}\n`;
}

function versionId(version: string): string {
  return opensslVersionId(version) ?? "unknown";
}

function peer(ctx: Context, args: string[], stdin: boolean): ChildProcess {
  const argv = opensslArgv(ctx.build, args);
  return ctx.stdbuf
    ? spawn("stdbuf", {
      args: ["-oL", "-eL", argv.command, ...argv.args],
      env: argv.env,
      stdin,
      signal: ctx.signal,
    })
    : spawn(argv.command, { args: argv.args, env: argv.env, stdin, signal: ctx.signal });
}

async function runScenario(ctx: Context, s: Scenario): Promise<void> {
  const serverArgs = [
    "s_server",
    "-accept",
    "127.0.0.1:0",
    "-cert",
    ctx.pki.cert,
    "-key",
    ctx.pki.key,
    "-naccept",
    String(s.clients.length),
    s.protocol === "TLSv1.3" ? "-tls1_3" : "-tls1_2",
    ...(s.numTickets !== undefined ? ["-num_tickets", String(s.numTickets)] : []),
    ...(s.noTicket ? ["-no_ticket"] : []),
    ...(s.www ? ["-www"] : []),
  ];
  // s_server ends everything on EOF from its stdin, so the pipe stays open until it exits.
  await using server = peer(ctx, serverArgs, true);
  const accept = await server.waitForLine(/^ACCEPT /, { timeoutMs: 10_000, signal: ctx.signal });
  const port = Number(/:(\d+)$/.exec(accept)?.[1]);
  if (!port) throw server.error(`cannot read the port from "${accept}"`);

  const base = `${ctx.buildId}/${s.name}`;
  const params = scenarioParams(s);
  for (const [i, c] of s.clients.entries()) {
    const n = i + 1;
    const sessOut = `${ctx.work}/${s.name}.${n}.pem`;
    const clientProtocol = c.failure === "version-mismatch"
      ? "-tls1_2"
      : s.protocol === "TLSv1.3"
      ? "-tls1_3"
      : "-tls1_2";
    const clientArgs = [
      "s_client",
      "-connect",
      `127.0.0.1:${port}`,
      "-servername",
      "localhost",
      "-CAfile",
      c.failure === "wrong-ca" ? ctx.otherPki.caCert : ctx.pki.caCert,
      "-verify_return_error",
      clientProtocol,
      "-sess_out",
      sessOut,
      ...(c.resume ? ["-sess_in", `${ctx.work}/${s.name}.${n - 1}.pem`] : []),
    ];
    await using client = peer(ctx, clientArgs, true);
    if (c.failure) {
      await client.closeStdin();
      await client.wait({ timeoutMs: 10_000, signal: ctx.signal });
    } else {
      await client.waitForLine(/^(New|Reused), /, { timeoutMs: 10_000, signal: ctx.signal });
      // TLS 1.3 tickets come after the handshake: s_client must stay up until they arrived
      // (a resumed TLS 1.3 handshake gets at least one new ticket).
      const want = s.protocol === "TLSv1.3" ? (c.resume ? 1 : s.numTickets ?? 2) : 0;
      await waitForCount(client, TICKET_LINE, want, ctx.signal);
      await delay(SETTLE_MS);
      if (s.www) {
        await client.write("GET / HTTP/1.0\r\n\r\n");
        // The server answers and closes; s_client exits on the close.
        await client.wait({ timeoutMs: 10_000, signal: ctx.signal });
      } else {
        await client.write("Q\n");
        await client.wait({ timeoutMs: 10_000, signal: ctx.signal });
      }
    }
    const result = await client.finished;
    const who = `client${s.clients.length > 1 ? n : ""}`;
    const add = async (
      suffix: string,
      kind: FixtureKind,
      data: string | Uint8Array,
      normalised: boolean,
    ) => {
      const file = `${base}.${who}.${suffix}`;
      if (typeof data === "string") await Deno.writeTextFile(`${ctx.outDir}/${file}`, data);
      else await Deno.writeFile(`${ctx.outDir}/${file}`, data);
      ctx.entries.push({
        build: ctx.buildId,
        scenario: s.name,
        kind,
        connection: n,
        file,
        normalised,
        params: params.connections[i],
      });
    };
    if (s.www) {
      await add("www.txt", "www-page", normalise(ctx, port, wwwPage(result.stdout)), true);
    } else {
      await add("stdout.txt", "s_client-stdout", normalise(ctx, port, result.stdout), true);
    }
    await add("stderr.txt", "s_client-stderr", normalise(ctx, port, result.stderr), true);
    let pem: Uint8Array | undefined;
    try {
      pem = await Deno.readFile(sessOut);
    } catch { /* no session: failed handshake, or TLS 1.3 without tickets */ }
    if (pem && pem.length > 0) {
      await add("sess.pem", "session-pem", pem, false);
      const argv = opensslArgv(ctx.build, ["sess_id", "-in", sessOut, "-text", "-noout"]);
      const text = await run(argv.command, {
        args: argv.args,
        env: argv.env,
        timeoutMs: 10_000,
        signal: ctx.signal,
      });
      if (text.code !== 0) throw new Error(`sess_id failed for ${base}: ${text.stderr}`);
      await add("sess_id.txt", "sess_id-text", text.stdout, false);
    }
  }

  // -naccept makes the server exit after the last connection; a failed handshake may not count.
  const result = await server.wait({ timeoutMs: 3000, signal: ctx.signal }).catch(async () =>
    await server.kill()
  );
  for (
    const [stream, kind] of [["stdout", "s_server-stdout"], ["stderr", "s_server-stderr"]] as const
  ) {
    const file = `${base}.server.${stream}.txt`;
    await Deno.writeTextFile(`${ctx.outDir}/${file}`, normalise(ctx, port, result[stream]));
    ctx.entries.push({
      build: ctx.buildId,
      scenario: s.name,
      kind,
      file,
      normalised: true,
      params: params.server,
    });
  }
}

/**
 * What a scenario asks of each side, for the manifest.
 *
 * @example
 * ```ts
 * import { scenarioParams, SCENARIOS } from "./regenerate.ts";
 * console.log(scenarioParams(SCENARIOS[0]).connections[0]); // { protocol: "TLSv1.3", numTickets: 0, … }
 * ```
 */
export function scenarioParams(s: Scenario): ScenarioParams {
  const common = {
    protocol: s.protocol,
    ...(s.numTickets !== undefined ? { numTickets: s.numTickets } : {}),
    ...(s.noTicket ? { noTicket: true } : {}),
    ...(s.www ? { www: true } : {}),
  };
  return {
    server: { ...common, expectHandshake: s.clients.some((c) => c.failure) ? "fail" : "ok" },
    connections: s.clients.map((c, i) => ({
      ...common,
      ...(c.resume ? { resumeFrom: i } : {}),
      expectHandshake: c.failure ? "fail" : "ok",
      ...(c.failure ? { failure: c.failure } : {}),
    })),
  };
}

/** The HTTP response s_client printed: from the status line to the end of the page. */
function wwwPage(stdout: string): string {
  const start = stdout.search(/^HTTP\/1\.[01] /m);
  if (start < 0) throw new Error(`No HTTP response in the s_client output:\n${stdout}`);
  const page = stdout.slice(start);
  const end = page.search(/<\/BODY><\/HTML>\n/);
  return end < 0 ? page : page.slice(0, end + "</BODY></HTML>\n".length);
}

/** Replace the volatile fields of a text transcript (see README.md). */
function normalise(ctx: Context, port: number, text: string): string {
  let t = text;
  for (
    const [path, placeholder] of [
      [ctx.pki.dir, PKI_PLACEHOLDER],
      [ctx.otherPki.dir, PKI_PLACEHOLDER + "-other"],
      [ctx.work, WORK_PLACEHOLDER],
      [ctx.cache, CACHE_PLACEHOLDER],
    ] as const
  ) {
    t = t.replaceAll(path, placeholder);
  }
  t = t.replace(new RegExp(`(?<=[:\\s])${port}\\b`, "g"), String(NORMALISED_PORT));
  // Error lines start with the thread id: hex in 3.x ("40E7A1F7C07F0000:error:…"), decimal in
  // 1.1.1 ("140737353971520:error:…").
  t = t.replace(/^[0-9A-F]*[A-F][0-9A-F]*(?=:error:)/gm, THREAD_ID_HEX);
  t = t.replace(/^[0-9]{6,}(?=:error:)/gm, THREAD_ID_DEC);
  return t;
}

async function waitForCount(
  child: ChildProcess,
  pattern: RegExp,
  count: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (child.stdoutLines.filter((l) => pattern.test(l)).length < count) {
    signal?.throwIfAborted();
    if (child.exited) throw child.error(`exited after fewer than ${count} "${pattern.source}"`);
    if (Date.now() > deadline) {
      throw child.error(`timed out waiting for ${count} lines matching ${pattern}`);
    }
    await delay(20);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      "cache-dir": { type: "string" },
      builds: { type: "string" },
      out: { type: "string" },
    },
  });
  const entries = await regenerate({
    cacheDir: values["cache-dir"],
    builds: values.builds?.split(",").map((s) => s.trim()).filter(Boolean),
    outDir: values.out,
    // deno-lint-ignore no-console
    onProgress: (m) => console.log(m),
  });
  // deno-lint-ignore no-console
  console.log(`${entries.length} fixture files written`);
}
