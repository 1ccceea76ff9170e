import { run } from "../harness/process/mod.ts";

/** Options for {@linkcode dumpDom}. */
export interface ChromiumOptions {
  /** The chromium binary. @default {"chromium" (Debian's package), from PATH} */
  chromium?: string;
  /** Deadline in milliseconds. @default {60000} */
  timeoutMs?: number;
  /** Window size, "W,H" (the page's layout depends on it). @default {"1400,1000"} */
  windowSize?: string;
  /** Aborting kills the browser. */
  signal?: AbortSignal;
}

/** Raised when no chromium can be started: says what to install. */
export class ChromiumMissingError extends Error {
  constructor(binary: string, cause?: unknown) {
    super(
      `Cannot start "${binary}": install Debian's chromium ("apt-get install -y chromium") ` +
        `to run the HTML report's browser test`,
      { cause },
    );
    this.name = "ChromiumMissingError";
  }
}

/** Find the chromium binary on PATH, or throw {@linkcode ChromiumMissingError}. */
export async function findChromium(name = "chromium"): Promise<string> {
  if (name.includes("/")) return name;
  for (const dir of (Deno.env.get("PATH") ?? "").split(":").filter(Boolean)) {
    try {
      const info = await Deno.stat(`${dir}/${name}`);
      if (info.isFile) return `${dir}/${name}`;
    } catch {
      // not in this directory
    }
  }
  throw new ChromiumMissingError(name);
}

// Flags that keep a headless chromium off the network and out of the user's profile: the page
// under test must render from disk alone.
function flags(profile: string, windowSize: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    // Let scripts and layout settle before the DOM is read.
    "--virtual-time-budget=3000",
    `--window-size=${windowSize}`,
    `--user-data-dir=${profile}`,
  ];
}

async function withChromium<T>(
  options: ChromiumOptions,
  fn: (binary: string, base: string[]) => Promise<T>,
): Promise<T> {
  const binary = await findChromium(options.chromium);
  const profile = await Deno.makeTempDir({ prefix: "tls-harness-chromium-" });
  try {
    return await fn(binary, flags(profile, options.windowSize ?? "1400,1000"));
  } finally {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

/**
 * Open a page in headless chromium and return the DOM after its scripts ran
 * (`--dump-dom`). `url` is a `file://` URL, with a `#fragment` if wanted.
 *
 * @throws {ChromiumMissingError} when chromium is not installed; an Error with chromium's
 * stderr when it exits non-zero.
 * @example
 * ```ts ignore
 * import { dumpDom } from "./headless_chromium.ts";
 * const dom = await dumpDom("file:///tmp/report.html#r-1", { timeoutMs: 30_000 });
 * ```
 */
export async function dumpDom(url: string, options: ChromiumOptions = {}): Promise<string> {
  return await withChromium(options, async (binary, base) => {
    const r = await run(binary, {
      args: [...base, "--dump-dom", url],
      timeoutMs: options.timeoutMs ?? 60_000,
      signal: options.signal,
    });
    if (r.code !== 0 || !r.stdout.includes("<html")) {
      throw new Error(`chromium --dump-dom ${url} failed (exit ${r.code}): ${r.stderr.trim()}`);
    }
    return r.stdout;
  });
}
