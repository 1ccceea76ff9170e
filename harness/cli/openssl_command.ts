import { parseArgs } from "node:util";
import { fetchBuilds } from "../openssl/fetch.ts";
import { resolveBuilds } from "../openssl/builds.ts";
import { OPENSSL_HELP } from "./help.ts";
import type { CliIo } from "./main.ts";

/** `openssl fetch [VERSION…|all]` and `openssl list`. */
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
    },
    allowPositionals: true,
    strict: true,
  });
  const [sub, ...rest] = positionals;
  if (values.help || sub === undefined) {
    await io.stdout(OPENSSL_HELP);
    return values.help ? 0 : 2;
  }
  if (sub === "fetch") {
    const versions = rest.length ? rest : ["all"];
    try {
      const builds = await fetchBuilds(versions, {
        cacheDir: values["cache-dir"],
        signal,
        onProgress: (msg) => void io.stderr(`${msg}\n`),
      });
      for (const b of builds) await io.stdout(`${b.id}\t${b.version}\t${b.path}\n`);
      return 0;
    } catch (e) {
      await io.stderr(`error: ${(e as Error).message}\n`);
      return 2;
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
      return 2;
    }
    if (values.json) {
      await io.stdout(JSON.stringify({ builds }, null, 2) + "\n");
    } else {
      for (const b of builds) {
        const launch = [b.launch.command, ...b.launch.args].join(" ");
        const env = Object.entries(b.launch.env).map(([k, v]) => `${k}=${v} `).join("");
        await io.stdout(
          `${b.id}\t${b.version}\n  source: ${b.source}\n  launch: ${env}${launch}\n`,
        );
      }
    }
    return 0;
  }
  await io.stderr(`error: unknown openssl command "${sub}": use fetch or list\n`);
  return 2;
}
