import { parseArgs } from "node:util";
import {
  type Build,
  CAPABILITIES,
  fetchBuildSpecs,
  IMPLEMENTATIONS,
  resolveBuildSpecs,
} from "../impl/mod.ts";
import { cacheDir } from "../openssl/mod.ts";
import { BUILDS_HELP } from "./help.ts";
import { asUsageAsync, type CliIo, ExitCode, UsageError } from "./io.ts";

/**
 * `builds fetch [SPEC…|all]` and `builds list [SPEC…] [--json]`: every implementation's builds,
 * through the registry (`harness/impl/`). A SPEC is `IMPL` or `IMPL:VERSION` (`openssl:3.5`,
 * `boringssl:14`, `wolfssl:5.7`, `gnutls:3.8`, `rustls`) or `all`.
 */
export async function buildsCommand(
  args: string[],
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      "cache-dir": { type: "string" },
      json: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  const [sub, ...specs] = positionals;
  if (values.help || sub === undefined) {
    await io.stdout(BUILDS_HELP);
    return values.help ? ExitCode.ok : ExitCode.usage;
  }
  const options = {
    cacheDir: cacheDir(values["cache-dir"]),
    signal,
    log: (line: string) => void io.stderr(`${line}\n`),
  };
  const wanted = specs.length ? specs : ["all"];
  if (sub === "fetch") {
    const builds = await asUsageAsync(fetchBuildSpecs(wanted, options));
    for (const b of builds) await io.stdout(`${buildLine(b)}\n`);
    return builds.some((b) => b.probeError) ? ExitCode.failed : ExitCode.ok;
  }
  if (sub === "list") {
    const builds = await asUsageAsync(resolveBuildSpecs(wanted, options));
    if (values.json) {
      await io.stdout(JSON.stringify({ builds: builds.map(listedBuild) }, null, 2) + "\n");
      return ExitCode.ok;
    }
    for (const impl of IMPLEMENTATIONS) {
      const mine = builds.filter((b) => b.implementation === impl.name);
      if (!mine.length) continue;
      await io.stdout(`${impl.title} (${impl.name})\n`);
      for (const b of mine) await io.stdout(`  ${buildLine(b)}\n`);
    }
    return ExitCode.ok;
  }
  throw new UsageError(`Unknown builds command "${sub}": use fetch or list`);
}

/**
 * A build's capabilities as `builds list` prints them: each with its dialect or format
 * (`cli-client:openssl`, `session-file:boringssl-pem`), in the interface's order.
 *
 * @example
 * ```ts
 * import { capabilityLabels } from "./builds_command.ts";
 * console.log(capabilityLabels({
 *   implementation: "gnutls", id: "gnutls-3.8.9", version: "gnutls-cli 3.8.9", family: "3.8",
 *   source: "fetched", capabilities: ["cli-server", "cli-client"], cliDialect: "gnutls",
 * })); // ["cli-client:gnutls", "cli-server:gnutls"]
 * ```
 */
export function capabilityLabels(b: Build): string[] {
  return CAPABILITIES.filter((c) => b.capabilities.includes(c)).map((c) => {
    const q = c === "session-file"
      ? b.sessionFileFormat
      : c.startsWith("cli-")
      ? b.cliDialect
      : undefined;
    return q ? `${c}:${q}` : c;
  });
}

function buildLine(b: Build): string {
  // A build that can do nothing says why (what its probe saw), once per distinct reason.
  const why = [...new Set(Object.values(b.missing ?? {}))].join("; ");
  const caps = b.probeError
    ? `probe failed: ${b.probeError}`
    : capabilityLabels(b).join(" ") || `no capability${why ? `: ${why}` : ""}`;
  return `${b.implementation}:${b.id}\t${b.version}\t${caps}`;
}

/** A build for `builds list --json`: everything but the symbol map's entries (counted). */
function listedBuild(b: Build): Record<string, unknown> {
  if (!b.ffi?.symbols) return { ...b };
  const { symbols, ...ffi } = b.ffi;
  return { ...b, ffi: { ...ffi, symbolMapEntries: Object.keys(symbols).length } };
}
