/**
 * `deno task bundle`: build the CLI into one JavaScript file that runs with `deno run -A` on a
 * machine that has Deno and openssl but not this repository.
 *
 * What goes in:
 * - the CLI (`cli.ts`) and everything it imports, bundled by esbuild;
 * - every scenario file under `scenarios/`, imported statically (they replace the run-time
 *   scan of `scenarios/`, see harness/cli/embedded_scenarios.ts);
 * - the files the harness starts as separate processes — the FFI driver
 *   (harness/ffi/driver.ts), bundled on its own, and the mutant shim — and
 *   `expected_deviations.json`, as text. On its first start the bundle writes
 *   them to `$XDG_CACHE_HOME/tls-session-harness/bundle-<hash>/` (or `~/.cache/…`), and every
 *   `import.meta.url` of the bundled modules points there, so the harness finds them where it
 *   looks for them in the repository.
 *
 * ```sh
 * deno task bundle                      # dist/tls-session-harness.js
 * deno run -A dist/tls-session-harness.js run --filter sanity
 * ```
 * @module
 */
import * as esbuild from "esbuild";
import { findScenarioFiles } from "./harness/scenario/mod.ts";
import { toHex } from "./harness/encoding/mod.ts";

const ROOT = decodeURIComponent(new URL(".", import.meta.url).pathname);

/** Options for {@linkcode bundle}. */
export interface BundleOptions {
  /** Where the bundle goes. @default {"dist/tls-session-harness.js" in the repository} */
  outFile?: string;
}

/** What {@linkcode bundle} wrote. */
export interface BundleResult {
  /** The bundle's path. */
  outFile: string;
  /** Its size in bytes. */
  bytes: number;
  /** The scenario files compiled in (repository-relative). */
  scenarios: string[];
  /** The files written next to the bundle at run time (repository-relative). */
  assets: string[];
}

function rel(path: string): string {
  return path.startsWith(ROOT) ? path.slice(ROOT.length) : path;
}

// Every bundled module shares the bundle's one `import.meta`: `main` must stay true only for
// the entry point (a helper's `if (import.meta.main)` would otherwise run), and `url` must name
// the module's own place in the asset tree, not the bundle's.
// `found` collects the files modules locate with `new URL("<literal>", import.meta.url)`: they are
// read or started at run time, so the bundle must carry them.
function importMetaPlugin(
  entry: string,
  rewriteUrl: boolean,
  found?: Set<string>,
): esbuild.Plugin {
  return {
    name: "import-meta",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        let text = await Deno.readTextFile(args.path);
        for (
          const m of text.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)
        ) {
          found?.add(decodeURIComponent(new URL(m[1], `file://${args.path}`).pathname));
        }
        if (args.path !== entry) text = text.replaceAll("import.meta.main", "false");
        if (rewriteUrl) {
          text = text.replaceAll(
            "import.meta.url",
            `__tshAssetUrl(${JSON.stringify(rel(args.path))})`,
          );
        }
        return { contents: text, loader: "ts" };
      });
    },
  };
}

async function bundleText(
  entry: string,
  plugins: esbuild.Plugin[],
  banner = "",
): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "esnext",
    external: ["node:*", "npm:*"],
    banner: banner ? { js: banner } : undefined,
    logLevel: "silent",
    plugins,
  });
  return result.outputFiles[0].text;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return toHex(new Uint8Array(digest)).slice(0, 16);
}

// Runs first in the bundle: writes the assets once per content hash (atomically, so bundles
// started side by side do not see half-written files) and maps a module path to its URL there.
function assetBanner(assets: Record<string, Asset>, hash: string): string {
  return `const __tshAssets = ${JSON.stringify(assets)};
const __tshRoot = (() => {
  const cache = Deno.env.get("XDG_CACHE_HOME") || ((Deno.env.get("HOME") || "/tmp") + "/.cache");
  const root = cache + "/tls-session-harness/bundle-${hash}/";
  for (const [path, { text, mode }] of Object.entries(__tshAssets)) {
    const file = root + path;
    try { if (Deno.readTextFileSync(file) === text) continue; } catch { /* not there yet */ }
    Deno.mkdirSync(file.slice(0, file.lastIndexOf("/")), { recursive: true });
    const tmp = file + "." + Deno.pid + ".tmp";
    Deno.writeTextFileSync(tmp, text, { mode });
    Deno.chmodSync(tmp, mode);
    Deno.renameSync(tmp, file);
  }
  return new URL("file://" + root);
})();
function __tshAssetUrl(path) { return new URL(path, __tshRoot).href; }
`;
}

/** A file the bundle writes out at run time: its text and permission bits. */
interface Asset {
  text: string;
  mode: number;
}

/**
 * Build the bundle.
 *
 * @example
 * ```ts ignore
 * import { bundle } from "./bundle.ts";
 * const { outFile, bytes } = await bundle({ outFile: "/tmp/tsh.js" });
 * ```
 */
export async function bundle(options: BundleOptions = {}): Promise<BundleResult> {
  const outFile = options.outFile ?? `${ROOT}dist/tls-session-harness.js`;
  try {
    const scenarioFiles = await findScenarioFiles(`${ROOT}scenarios`);
    const embedded = scenarioFiles.map((f, i) => `import * as m${i} from ${JSON.stringify(f)};`)
      .join("\n") +
      `\nexport const EMBEDDED_SCENARIOS = [${
        scenarioFiles.map((f, i) => `{ file: ${JSON.stringify(rel(f))}, module: m${i} }`).join(
          ", ",
        )
      }];\n`;
    const embeddedPath = `${ROOT}harness/cli/embedded_scenarios.ts`;
    const embedPlugin: esbuild.Plugin = {
      name: "embed-scenarios",
      setup(build) {
        build.onLoad(
          { filter: /embedded_scenarios\.ts$/ },
          (args) =>
            args.path === embeddedPath
              ? { contents: embedded, loader: "ts", resolveDir: ROOT }
              : undefined,
        );
      },
    };
    // First pass: find the files the modules locate at run time. Scripts (.ts) are bundled on
    // their own, as the processes they are started as; other files are carried as they are.
    const found = new Set<string>();
    await bundleText(`${ROOT}cli.ts`, [
      embedPlugin,
      importMetaPlugin(`${ROOT}cli.ts`, true, found),
    ]);
    const assets: Record<string, Asset> = {};
    for (const path of [...found].sort()) {
      const info = await Deno.stat(path).catch(() => undefined);
      if (!info?.isFile || !path.startsWith(ROOT)) continue; // folders (scenarios/) are embedded
      assets[rel(path)] = {
        text: path.endsWith(".ts")
          ? await bundleText(path, [importMetaPlugin(path, false)])
          : await Deno.readTextFile(path),
        mode: (info.mode ?? 0o644) & 0o777,
      };
    }
    const hash = await sha256(JSON.stringify(assets));
    const text = await bundleText(
      `${ROOT}cli.ts`,
      [embedPlugin, importMetaPlugin(`${ROOT}cli.ts`, true)],
      assetBanner(assets, hash),
    );
    await Deno.mkdir(outFile.slice(0, outFile.lastIndexOf("/")) || ".", { recursive: true });
    await Deno.writeTextFile(outFile, text);
    return {
      outFile,
      bytes: text.length,
      scenarios: scenarioFiles.map(rel),
      assets: Object.keys(assets),
    };
  } finally {
    await esbuild.stop();
  }
}

if (import.meta.main) {
  const r = await bundle({ outFile: Deno.args[0] });
  // deno-lint-ignore no-console
  console.log(
    `${r.outFile}: ${(r.bytes / 1024).toFixed(0)} KiB, ${r.scenarios.length} scenario files, ` +
      `${r.assets.length} assets (${r.assets.join(", ")})`,
  );
}
