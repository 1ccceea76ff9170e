import { toHex } from "../encoding/mod.ts";
import { run } from "../process/mod.ts";
import { opensslArgv, type OpensslBuild } from "./build.ts";
import { cacheDir as defaultCacheDir } from "../cache_dir/mod.ts";

/**
 * Options the harness cares about, by command, as `-help` spells them (without the dash). Not a
 * limit on what is probed (every option is), but the ones {@linkcode BuildCapabilities.features}
 * answers for directly. Some differ by version (as probed on Debian's builds): `-ktls` and
 * `-no_ems` appear in 3.5, `-ignore_unexpected_eof` in 3.0, `-ech_*` in 4.0; `-enable_ktls`
 * (upstream 3.0 built with KTLS) is in none of Debian's builds.
 *
 * @example
 * ```ts
 * import { PROBED_OPTIONS } from "./probe.ts";
 * console.log(PROBED_OPTIONS.s_server.includes("num_tickets")); // true
 * ```
 */
export const PROBED_OPTIONS = {
  s_client: [
    "sess_out",
    "sess_in",
    "tls1_2",
    "tls1_3",
    "no_ticket",
    "reconnect",
    "ign_eof",
    "brief",
    "quiet",
    "early_data",
    "keylogfile",
    "no_ems",
    "ignore_unexpected_eof",
    "enable_ktls",
    "ktls",
    "ech_config_list",
  ],
  s_server: [
    "num_tickets",
    "no_ticket",
    "naccept",
    "tls1_2",
    "tls1_3",
    "ign_eof",
    "brief",
    "quiet",
    "www",
    "context",
    "early_data",
    "max_early_data",
    "stateless",
    "anti_replay",
    "no_anti_replay",
    "no_cache",
    "ext_cache",
    "keylogfile",
    "no_ems",
    "ignore_unexpected_eof",
    "enable_ktls",
    "ktls",
  ],
} as const;

/** A command whose options are probed. */
export type ProbedCommand = keyof typeof PROBED_OPTIONS;

/** What one build's `s_client` and `s_server` accept. */
export interface BuildCapabilities {
  /** The build's `openssl` binary. */
  path: string;
  /** Its `openssl version`, exactly. */
  version: string;
  /** Every `s_client` option listed by `s_client -help`, without the dash, sorted. */
  sClient: string[];
  /** Every `s_server` option listed by `s_server -help`, without the dash, sorted. */
  sServer: string[];
  /**
   * For each of {@linkcode PROBED_OPTIONS}: whether the command has it, keyed
   * `"s_client -sess_out"`, `"s_server -num_tickets"`, ….
   */
  features: Record<string, boolean>;
}

/** Options for {@linkcode probeBuild}. */
export interface ProbeOptions {
  /** Cache directory (results go to `<cache>/probes/`). @default {cacheDir()} */
  cacheDir?: string;
  /** Ignore a cached result and probe again. @default {false} */
  refresh?: boolean;
  /** Aborting stops the probe. */
  signal?: AbortSignal;
}

const FORMAT = 1;

/**
 * Which options a build's `s_client` and `s_server` support, read from their `-help` output
 * (which goes to stderr in most versions) and cached as JSON under `<cache>/probes/`, keyed by
 * the binary's path and exact version, so a rebuilt or re-fetched binary is probed again.
 *
 * @throws {Error} when `-help` lists no options (the build does not run, or prints something
 * this parser does not know), with the command line and output.
 * @example
 * ```ts
 * import { probeBuild } from "./probe.ts";
 * import { systemBuild } from "./build.ts";
 * const caps = await probeBuild(await systemBuild());
 * console.log(caps.features["s_server -num_tickets"], caps.sClient.includes("sess_out"));
 * ```
 */
export async function probeBuild(
  build: OpensslBuild,
  options: ProbeOptions = {},
): Promise<BuildCapabilities> {
  const dir = `${defaultCacheDir(options.cacheDir)}/probes`;
  const file = `${dir}/${await probeKey(build)}.json`;
  if (!options.refresh) {
    const cached = await readCached(file, build);
    if (cached) return cached;
  }
  const sClient = await helpOptions(build, "s_client", options.signal);
  const sServer = await helpOptions(build, "s_server", options.signal);
  const caps = capabilities(build, sClient, sServer);
  await Deno.mkdir(dir, { recursive: true });
  // Write then rename, so a concurrent reader never sees half a file.
  const tmp = `${file}.${crypto.randomUUID()}.tmp`;
  await Deno.writeTextFile(tmp, JSON.stringify({ format: FORMAT, ...caps }, null, 2) + "\n");
  await Deno.rename(tmp, file);
  return caps;
}

/**
 * Whether a build's command has an option (given with or without its dash).
 *
 * @example
 * ```ts
 * import { hasOption, probeBuild } from "./probe.ts";
 * import { systemBuild } from "./build.ts";
 * const caps = await probeBuild(await systemBuild());
 * if (hasOption(caps, "s_server", "-num_tickets")) console.log("can set the ticket count");
 * ```
 */
export function hasOption(
  caps: BuildCapabilities,
  command: ProbedCommand,
  option: string,
): boolean {
  const name = option.replace(/^-/, "");
  return (command === "s_client" ? caps.sClient : caps.sServer).includes(name);
}

/**
 * The option names listed in an OpenSSL `-help` text: lines that start with a space and a dash
 * (1.1.1 lists them flat, 3.x under section headings; continuation lines have no dash).
 *
 * @example
 * ```ts
 * import { parseHelpOptions } from "./probe.ts";
 * console.log(parseHelpOptions(" -help   Display this summary\n -naccept +int  Terminate\n"));
 * // ["help", "naccept"]
 * ```
 */
export function parseHelpOptions(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split("\n")) {
    const m = /^ {1,2}-([A-Za-z0-9][\w-]*)(?:\s|$)/.exec(line);
    if (m) out.add(m[1]);
  }
  return [...out].sort();
}

function capabilities(
  build: OpensslBuild,
  sClient: string[],
  sServer: string[],
): BuildCapabilities {
  const features: Record<string, boolean> = {};
  for (const command of ["s_client", "s_server"] as const) {
    const list = command === "s_client" ? sClient : sServer;
    for (const o of PROBED_OPTIONS[command]) features[`${command} -${o}`] = list.includes(o);
  }
  return { path: build.path, version: build.version, sClient, sServer, features };
}

async function helpOptions(
  build: OpensslBuild,
  command: ProbedCommand,
  signal?: AbortSignal,
): Promise<string[]> {
  const argv = opensslArgv(build, [command, "-help"]);
  const r = await run(argv.command, {
    args: argv.args,
    env: argv.env,
    timeoutMs: 15_000,
    signal,
  });
  const found = parseHelpOptions(`${r.stderr}\n${r.stdout}`);
  if (found.length === 0) {
    throw new Error(
      `Cannot probe "${command}" of OpenSSL build "${build.id}": "-help" listed no options ` +
        `(exit code ${r.code}): ${r.argv.join(" ")}\n${r.stderr}${r.stdout}`,
    );
  }
  return found;
}

async function probeKey(build: OpensslBuild): Promise<string> {
  const data = new TextEncoder().encode(`${build.path}\0${build.version}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  return toHex(digest.slice(0, 12));
}

async function readCached(
  file: string,
  build: OpensslBuild,
): Promise<BuildCapabilities | undefined> {
  let v: BuildCapabilities & { format?: number };
  try {
    v = JSON.parse(await Deno.readTextFile(file));
  } catch {
    return undefined; // missing or damaged: probe again
  }
  if (
    v.format !== FORMAT || v.path !== build.path || v.version !== build.version ||
    !Array.isArray(v.sClient) || !Array.isArray(v.sServer)
  ) {
    return undefined;
  }
  // Recompute features, so a longer PROBED_OPTIONS list needs no re-probe.
  return capabilities(build, v.sClient, v.sServer);
}
