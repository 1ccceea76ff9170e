import { parseArgs } from "node:util";
import {
  fetchBuilds,
  fetchDocs,
  hasOption,
  probeBuild,
  PROBED_OPTIONS,
  resolveBuilds,
} from "../openssl/mod.ts";
import { OPENSSL_HELP } from "./help.ts";
import { type CliIo, ExitCode } from "./io.ts";

/** `openssl fetch [VERSION…|all]`, `openssl docs [VERSION…|all]` and `openssl list`. */
export async function opensslCommand(
  args: string[],
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      "cache-dir": { type: "string" },
      openssl: { type: "string", multiple: true },
      json: { type: "boolean" },
      "no-docs": { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  const [sub, ...rest] = positionals;
  if (values.help || sub === undefined) {
    await io.stdout(OPENSSL_HELP);
    return values.help ? ExitCode.ok : ExitCode.usage;
  }
  if (sub === "fetch") {
    const versions = rest.length ? rest : ["all"];
    try {
      const builds = await fetchBuilds(versions, {
        cacheDir: values["cache-dir"],
        docs: !values["no-docs"],
        signal,
        onProgress: (msg) => void io.stderr(`${msg}\n`),
      });
      for (const b of builds) await io.stdout(`${b.id}\t${b.version}\t${b.path}\n`);
      return ExitCode.ok;
    } catch (e) {
      await io.stderr(`error: ${(e as Error).message}\n`);
      return ExitCode.usage;
    }
  }
  if (sub === "docs") {
    try {
      const builds = await fetchDocs(rest.length ? rest : ["all"], {
        cacheDir: values["cache-dir"],
        signal,
        onProgress: (msg) => void io.stderr(`${msg}\n`),
      });
      for (const b of builds) await io.stdout(`${b.id}\t${b.version}\n`);
      return ExitCode.ok;
    } catch (e) {
      await io.stderr(`error: ${(e as Error).message}\n`);
      return ExitCode.usage;
    }
  }
  if (sub === "list") {
    let builds;
    try {
      builds = await resolveBuilds(["all", ...(values.openssl ?? [])], {
        cacheDir: values["cache-dir"],
        signal,
      });
    } catch (e) {
      await io.stderr(`error: ${(e as Error).message}\n`);
      return ExitCode.usage;
    }
    // Options each build supports, probed from its -help output once and cached.
    const probes = await Promise.all(
      builds.map((b) => probeBuild(b, { cacheDir: values["cache-dir"], signal })),
    );
    if (values.json) {
      const listed = builds.map((b, i) => ({ ...b, capabilities: probes[i] }));
      await io.stdout(JSON.stringify({ builds: listed }, null, 2) + "\n");
    } else {
      for (const [i, b] of builds.entries()) {
        const launch = [b.launch.command, ...b.launch.args].join(" ");
        const env = Object.entries(b.launch.env).map(([k, v]) => `${k}=${v} `).join("");
        const has = (cmd: "s_client" | "s_server") =>
          PROBED_OPTIONS[cmd].filter((o) => hasOption(probes[i], cmd, o)).map((o) => `-${o}`)
            .join(" ");
        await io.stdout(
          `${b.id}\t${b.version}\n  source: ${b.source}\n  launch: ${env}${launch}\n` +
            `  s_client: ${has("s_client")}\n  s_server: ${has("s_server")}\n`,
        );
      }
    }
    return ExitCode.ok;
  }
  await io.stderr(`error: unknown openssl command "${sub}": use fetch, docs or list\n`);
  return ExitCode.usage;
}
