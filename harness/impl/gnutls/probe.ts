import { run } from "../../process/mod.ts";
import type { Capability, ToolLaunch } from "./draft_interface.ts";

/**
 * The long options a GnuTLS tool's `--help` lists ("resume", "x509cafile"…), sorted. Both help
 * styles seen are read: 3.7.1's libopts (autogen) layout and the hand-written one of 3.7.9 on;
 * both put each option on a line of its own as `   -r, --resume  …` or `       --noticket  …`.
 *
 * @example
 * ```ts
 * import { helpOptions } from "./probe.ts";
 * console.log(helpOptions("   -r, --resume               Establish a session and resume\n"));
 * ```
 */
export function helpOptions(help: string): string[] {
  const found = new Set<string>();
  for (const line of help.split("\n")) {
    const m = /^\s+(?:-\S,\s+)?--([a-z0-9][a-z0-9-]*)(?:\[?=|\s|$)/.exec(line);
    if (m) found.add(m[1]);
  }
  return [...found].sort();
}

/** Options a tool must list for this folder to drive it, per capability. */
export const REQUIRED_OPTIONS = {
  /** gnutls-cli: connect to a port, trust the test CA, resume in-process, refuse tickets. */
  "cli-client": ["port", "x509cafile", "resume", "noticket", "priority", "inline-commands"],
  /** gnutls-serv: echo mode on a port, the test leaf, no tickets / no session cache. */
  "cli-server": ["port", "echo", "x509certfile", "x509keyfile", "noticket", "nodb", "priority"],
} as const;

/**
 * The capabilities two help texts support: "cli-client" when gnutls-cli lists every option in
 * {@linkcode REQUIRED_OPTIONS}, "cli-server" likewise for gnutls-serv. Never "session-file": no
 * gnutls-cli from 3.7.1 to 3.8.13 can write or read a session to a file (its only session
 * persistence is `--resume` inside one process), and never "api"/"tcp-peer": GnuTLS's session API
 * is not OpenSSL's.
 *
 * @example
 * ```ts
 * import { capabilitiesFromHelp } from "./probe.ts";
 * console.log(capabilitiesFromHelp("", "")); // []
 * ```
 */
export function capabilitiesFromHelp(cliHelp: string, servHelp: string): Capability[] {
  const out: Capability[] = [];
  const has = (help: string, names: readonly string[]) => {
    const listed = new Set(helpOptions(help));
    return names.every((n) => listed.has(n));
  };
  if (has(cliHelp, REQUIRED_OPTIONS["cli-client"])) out.push("cli-client");
  if (has(servHelp, REQUIRED_OPTIONS["cli-server"])) out.push("cli-server");
  return out;
}

/** Options for {@linkcode probeGnutls}. */
export interface ProbeGnutlsOptions {
  /** Deadline per tool run, in milliseconds. @default {15000} */
  timeoutMs?: number;
  /** Aborting stops the probe. */
  signal?: AbortSignal;
}

/**
 * Run both tools' `--help` and derive the build's capabilities. A tool that exits non-zero (a
 * missing library: the loader exits 127) contributes nothing, so a half-broken build is reported
 * as lacking the capability; a tool whose file is gone throws the process layer's ProcessError.
 *
 * @example
 * ```ts
 * import { probeGnutls } from "./probe.ts";
 * import { fetchedGnutls } from "./fetch.ts";
 * const [build] = await fetchedGnutls(`${Deno.env.get("HOME")}/.cache/tls-session-harness`);
 * if (build) console.log(await probeGnutls(build));
 * ```
 */
export async function probeGnutls(
  build: { cli: { "gnutls-cli": ToolLaunch; "gnutls-serv": ToolLaunch } },
  options: ProbeGnutlsOptions = {},
): Promise<Capability[]> {
  const help = async (tool: ToolLaunch) => {
    const r = await run(tool.command, {
      args: [...tool.args, "--help"],
      env: tool.env,
      timeoutMs: options.timeoutMs ?? 15_000,
      signal: options.signal,
    });
    // 3.7.1 (libopts) exits 0 after --help; so do the later ones. Anything else means it did
    // not really run (a loader error prints to stderr and exits 127).
    return r.code === 0 ? r.stdout + r.stderr : "";
  };
  const [cli, serv] = await Promise.all([
    help(build.cli["gnutls-cli"]),
    help(build.cli["gnutls-serv"]),
  ]);
  return capabilitiesFromHelp(cli, serv);
}
