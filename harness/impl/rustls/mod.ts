/**
 * rustls, as Deno's own TLS (`Deno.listenTls` / `Deno.connectTls`), as an implementation: one
 * built-in build, the Deno running the harness. Its peers run inside the harness process
 * (`servers/`, `ctx.denoServer()` / `ctx.denoClient()`): it has `tcp-peer` and nothing else
 * (no CLI tool, no session file, no C API to drive through FFI).
 *
 * @example
 * ```ts
 * import { rustls } from "./mod.ts";
 * const [build] = await rustls.list({ cacheDir: "/tmp" });
 * console.log(build.id, build.capabilities); // rustls ["tcp-peer"]
 * ```
 * @module
 */
import { type Build, type Implementation, resolveListed } from "../interface/mod.ts";

/**
 * The one rustls build: this Deno. Its version names Deno, which bundles rustls (Deno does not
 * report the rustls version it links).
 *
 * @example
 * ```ts
 * import { rustlsBuild } from "./mod.ts";
 * console.log(rustlsBuild().version); // e.g. "Deno 2.9.6 (rustls)"
 * ```
 */
export function rustlsBuild(): Build {
  const deno = Deno.version.deno;
  return {
    implementation: "rustls",
    id: "rustls",
    version: `Deno ${deno} (rustls)`,
    family: /^\d+\.\d+/.exec(deno)?.[0] ?? deno,
    source: "builtin",
    path: Deno.execPath(),
    capabilities: ["tcp-peer"],
    missing: {
      "cli-client": "Deno's TLS has no command-line tool: its peers run in the harness",
      "cli-server": "Deno's TLS has no command-line tool: its peers run in the harness",
      "session-file": "a Deno TLS client keeps no session across connections or in a file",
      api: "rustls inside Deno has no C API to drive through FFI",
    },
  };
}

/** rustls behind the engine's interface: nothing to fetch, one build. */
export const rustls: Implementation = {
  name: "rustls",
  title: "Deno (rustls)",
  versions: [],
  fetch: () => Promise.resolve([rustlsBuild()]),
  list: () => Promise.resolve([rustlsBuild()]),
  resolve: (version, o) => resolveListed(rustls, version, o),
};
