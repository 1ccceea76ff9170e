/**
 * Unpacking `.deb` files without installing them.
 *
 * @module
 */
import { aptTool } from "./private_apt.ts";

const EXTRACT_TIMEOUT_MS = 60_000;

/** Options for {@linkcode extractDebs}. */
export interface ExtractOptions {
  /** Aborting stops the extraction. */
  signal?: AbortSignal;
  /** Appended to errors: what the user can do instead. */
  hint?: string;
}

/**
 * Unpack `.deb` files into one folder with `dpkg -x` (files only: no maintainer scripts run,
 * nothing is registered with dpkg). Symlinks inside the packages are kept as symlinks.
 *
 * @example
 * ```ts
 * import { extractDebs } from "./extract.ts";
 * await extractDebs(["/tmp/debs/libssl-doc_3.0.20-1~deb12u2_all.deb"], "/tmp/x");
 * ```
 */
export async function extractDebs(
  debs: readonly string[],
  into: string,
  options: ExtractOptions = {},
): Promise<void> {
  await Deno.mkdir(into, { recursive: true });
  for (const deb of debs) {
    await aptTool("dpkg", ["-x", deb, into], {
      timeoutMs: EXTRACT_TIMEOUT_MS,
      signal: options.signal,
      what: `extract "${deb.slice(deb.lastIndexOf("/") + 1)}"`,
      hint: options.hint ? `. ${options.hint}` : "",
    });
  }
}
