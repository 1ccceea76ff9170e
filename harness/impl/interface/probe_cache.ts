import type { Build } from "./build.ts";
import type { Capability } from "./capability.ts";

/** What a probe found out about a build. */
export interface ProbeFindings {
  /** Its capabilities. */
  capabilities: Capability[];
  /** The dialect of its CLI tools, when it has any. */
  cliDialect?: string;
  /** The format of its CLI client's session files, when it has `session-file`. */
  sessionFileFormat?: string;
  /** Why a capability is absent (what the probe saw). */
  missing?: Partial<Record<Capability, string>>;
}

/** The fields {@linkcode probeOnce} keeps in a manifest, beside the implementation's own. */
interface ProbeRecord {
  /** When the probe ran (ISO 8601). */
  probed_at?: string;
  /** A digest of what the probe depended on (see {@linkcode probeOnce}'s `key`). */
  probe_key?: string;
}

/**
 * A build with its probed capabilities, probing it only once: the findings are written into its
 * manifest (`build.json`, with a `probed_at` field), and a later call reads them from there. A
 * probe that throws is not cached (a timeout on a loaded machine must not stick): the build comes
 * back with `probeError` naming the build and the failure, and no capability.
 *
 * @param manifest The build's `build.json` (`undefined`: nothing to cache in; probe every time).
 * @param key What the findings depend on besides the build's files (a symbol map: code that
 * changes with the checkout); a cached result made under another key is probed again.
 * @example
 * ```ts ignore
 * import { probeOnce } from "./probe_cache.ts";
 * const probed = await probeOnce(`${dir}/build.json`, build, async () => ({
 *   capabilities: ["api", "tcp-peer"],
 * }));
 * ```
 */
export async function probeOnce<B extends Build>(
  manifest: string | undefined,
  build: B,
  probe: () => Promise<ProbeFindings>,
  key = "",
): Promise<B> {
  const digest = key ? fnv1a(key) : undefined;
  let stored: (Record<string, unknown> & ProbeRecord) | undefined;
  if (manifest) {
    try {
      stored = JSON.parse(await Deno.readTextFile(manifest));
    } catch { /* no manifest, or unreadable: probe */ }
    if (
      stored?.probed_at && Array.isArray(stored.capabilities) && stored.probe_key === digest
    ) {
      return { ...build, ...pick(stored as Partial<ProbeFindings>) };
    }
  }
  let found: ProbeFindings;
  try {
    found = await probe();
  } catch (e) {
    return {
      ...build,
      capabilities: [],
      probeError: `probing build "${build.id}" (${build.implementation}) failed: ${
        (e as Error).message ?? String(e)
      }`,
    };
  }
  if (manifest && stored) {
    const next = {
      ...stored,
      ...found,
      probed_at: new Date().toISOString(),
      ...(digest ? { probe_key: digest } : {}),
    };
    const tmp = `${manifest}.${Deno.pid}.tmp`;
    try {
      await Deno.writeTextFile(tmp, JSON.stringify(next, null, 2) + "\n");
      await Deno.rename(tmp, manifest);
    } catch {
      // A read-only cache still runs: the probe is repeated next time.
      await Deno.remove(tmp).catch(() => {});
    }
  }
  return { ...build, ...found };
}

function pick(o: Partial<ProbeFindings>): ProbeFindings {
  return {
    capabilities: o.capabilities ?? [],
    ...(o.cliDialect !== undefined ? { cliDialect: o.cliDialect } : {}),
    ...(o.sessionFileFormat !== undefined ? { sessionFileFormat: o.sessionFileFormat } : {}),
    ...(o.missing !== undefined ? { missing: o.missing } : {}),
  };
}

/** A short, stable digest of a string (FNV-1a, 32 bits, hex): a cache key, not a checksum. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
