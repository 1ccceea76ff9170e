import { run } from "../../process/mod.ts";
import { REQUIRED_FALLBACKS, REQUIRED_SYMBOLS } from "../../ffi/symbols.ts";
import type { WolfsslBuild, WolfsslCapability } from "./build.ts";
import type { SymbolMap } from "./symbols.ts";

/** What a probe saw. */
export interface ProbeResult {
  /** Capabilities the build has. */
  capabilities: WolfsslCapability[];
  /** OpenSSL names whose wolfSSL function the library does not export (or that map to null). */
  missing: string[];
  /** Driver-required OpenSSL names among them: why "api" is absent. */
  missingRequired: string[];
}

/**
 * Capabilities from the set of exported wolfSSL names: "api" needs every symbol the driver
 * requires (`REQUIRED_SYMBOLS`) mapped and exported, or mapped to null where the driver has a
 * fallback (`REQUIRED_FALLBACKS`); "tcp-peer" is the same driver pumping its
 * memory BIOs through a socket, so it needs nothing more.
 *
 * @example
 * ```ts
 * import { capabilitiesFrom } from "./probe.ts";
 * import { wolfsslSymbolMap } from "./symbols.ts";
 * console.log(capabilitiesFrom(wolfsslSymbolMap("4.6"), new Set()).missingRequired.length > 0);
 * ```
 */
export function capabilitiesFrom(map: SymbolMap, exported: ReadonlySet<string>): ProbeResult {
  const missing = Object.entries(map)
    .filter(([, e]) => e === null || !exported.has(e.name))
    .map(([k]) => k);
  // A required name mapped to null is fine where the driver has a fallback for it (4.6.0's
  // missing CRYPTO_get_ex_new_index: frees are then unobservable, not the whole API).
  const missingRequired = REQUIRED_SYMBOLS.filter((s) =>
    !(s in map) || (missing.includes(s) && !(map[s] === null && s in REQUIRED_FALLBACKS))
  );
  const capabilities: WolfsslCapability[] = missingRequired.length === 0 ? ["api", "tcp-peer"] : [];
  return { capabilities, missing, missingRequired };
}

/**
 * Load the build's library in a Deno started as its launch (one library per process) and see
 * which mapped functions it exports; then {@linkcode capabilitiesFrom}.
 *
 * @example
 * ```ts ignore
 * import { fetchedWolfssl } from "./fetch.ts";
 * import { probeBuild } from "./probe.ts";
 * const [b] = await fetchedWolfssl(`${Deno.env.get("HOME")}/.cache/tls-session-harness`);
 * console.log((await probeBuild(b)).capabilities);
 * ```
 */
export async function probeBuild(
  build: WolfsslBuild,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ProbeResult> {
  const names = [
    ...new Set(Object.values(build.ffi.symbols).flatMap((e) => e ? [e.name] : [])),
  ];
  // Every symbol optional and declared as a no-argument function: only presence is tested,
  // nothing is called but wolfSSL_Init.
  const code = `
    const names = ${JSON.stringify(names)};
    const defs = Object.fromEntries(names.map((n) => [n, { parameters: [], result: "void", optional: true }]));
    const l = Deno.dlopen(${JSON.stringify(build.ffi.libssl)}, defs);
    console.log(JSON.stringify(names.filter((n) => l.symbols[n] != null)));
  `;
  const f = build.ffi.launch;
  const r = await run(f.command, {
    args: [...f.args, "eval", "--no-config", code],
    env: { ...f.env, DENO_NO_UPDATE_CHECK: "1" },
    timeoutMs: options.timeoutMs ?? 30_000,
    signal: options.signal,
  });
  if (r.code !== 0) {
    throw new Error(
      `Probing "${build.ffi.libssl}" failed (exit code ${r.code}): ${r.stderr.trim()}`,
    );
  }
  return capabilitiesFrom(build.ffi.symbols, new Set(JSON.parse(r.stdout) as string[]));
}
