/**
 * The machine's apt configuration, read without apt: its sources files (deb822 and one-line),
 * the Debian archive they name, and the one-line sources entry a private apt state uses.
 *
 * @module
 */

/** Debian's archive keyring: private states keep signature checks on against it. */
export const DEBIAN_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

/**
 * The one-line sources file for a suite: signature checks stay on, against Debian's keyring.
 *
 * @example
 * ```ts
 * import { sourcesLine } from "./apt_sources.ts";
 * console.log(sourcesLine("http://mirror.example/debian", "trixie"));
 * ```
 */
export function sourcesLine(archive: string, suite: string): string {
  return `deb [signed-by=${DEBIAN_KEYRING}] ${archive.replace(/\/+$/, "")} ${suite} main`;
}

/** One entry of an apt sources file (classic one-line or deb822 stanza). */
export interface AptSource {
  /** "deb" and/or "deb-src". */
  types: string[];
  /** Archive URLs. */
  uris: string[];
  /** Suites ("bookworm", "bookworm-updates", …). */
  suites: string[];
  /** Components ("main", …). */
  components: string[];
  /** The Signed-By keyring, if given. */
  signedBy?: string;
  /** False when the stanza says `Enabled: no`. */
  enabled: boolean;
}

/**
 * Parse a deb822 `.sources` file. Comment lines (`#`) are skipped without ending a stanza (the
 * commented-out snapshot URLs on these machines sit inside stanzas); continuation lines start
 * with a space or tab.
 *
 * @param file Named in errors.
 * @throws {SyntaxError} naming the file and line when a line is neither a field, a comment, a
 * continuation nor blank.
 * @example
 * ```ts
 * import { parseDeb822Sources } from "./apt_sources.ts";
 * const [s] = parseDeb822Sources("Types: deb\nURIs: http://mirror.example/debian\nSuites: trixie\n");
 * console.log(s.uris[0]);
 * ```
 */
export function parseDeb822Sources(text: string, file = "<sources>"): AptSource[] {
  const out: AptSource[] = [];
  let fields = new Map<string, string>();
  let last: string | undefined;
  const flush = () => {
    if (fields.size === 0) return;
    const words = (k: string) => (fields.get(k) ?? "").split(/\s+/).filter(Boolean);
    out.push({
      types: words("types"),
      uris: words("uris"),
      suites: words("suites"),
      components: words("components"),
      signedBy: fields.get("signed-by")?.trim() || undefined,
      enabled: !/^(no|false|0)$/i.test((fields.get("enabled") ?? "yes").trim()),
    });
    fields = new Map();
    last = undefined;
  };
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (line.startsWith("#")) continue;
    if (/^[ \t]/.test(line)) {
      if (!last) {
        throw new SyntaxError(
          `${file}:${i + 1}: expected a "Field: value" line before a continuation line`,
        );
      }
      fields.set(last, `${fields.get(last)}\n${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z0-9-]+)\s*:(.*)$/.exec(line);
    if (!m) {
      throw new SyntaxError(`${file}:${i + 1}: expected "Field: value", found "${line}"`);
    }
    last = m[1].toLowerCase();
    fields.set(last, m[2].trim());
  }
  flush();
  return out;
}

/**
 * Parse a classic one-line-per-source `sources.list`
 * (`deb [options] URI suite component…`).
 *
 * @param file Named in errors.
 * @throws {SyntaxError} naming the file and line for a line that is not a source.
 * @example
 * ```ts
 * import { parseSourcesList } from "./apt_sources.ts";
 * const [s] = parseSourcesList("deb http://mirror.example/debian bookworm main\n");
 * console.log(s.suites); // ["bookworm"]
 * ```
 */
export function parseSourcesList(text: string, file = "<sources.list>"): AptSource[] {
  const out: AptSource[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const m = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)(.*)$/.exec(line);
    if (!m) {
      throw new SyntaxError(
        `${file}:${i + 1}: expected "deb [options] URI suite component…", found "${line}"`,
      );
    }
    const opts = new Map(
      (m[2] ?? "").trim().split(/\s+/).filter(Boolean).map((o) => {
        const eq = o.indexOf("=");
        return [o.slice(0, eq < 0 ? undefined : eq), eq < 0 ? "" : o.slice(eq + 1)] as const;
      }),
    );
    out.push({
      types: [m[1]],
      uris: [m[3]],
      suites: [m[4]],
      components: m[5].trim().split(/\s+/).filter(Boolean),
      signedBy: opts.get("signed-by"),
      enabled: true,
    });
  }
  return out;
}

const DEBIAN_SUITE =
  /^(buster|bullseye|bookworm|trixie|forky|duke|sid|stable|testing|unstable|oldstable|experimental)(-updates|-backports|-proposed-updates)?$/;

/**
 * The Debian archive URL among apt sources: the first enabled binary source that serves a Debian
 * suite (not a security or third-party repository) over http(s).
 *
 * @example
 * ```ts
 * import { parseDeb822Sources, pickDebianArchive } from "./apt_sources.ts";
 * const text = "Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\n";
 * console.log(pickDebianArchive(parseDeb822Sources(text))); // http://mirror.example/debian
 * ```
 */
export function pickDebianArchive(sources: AptSource[]): string | undefined {
  for (const s of sources) {
    if (!s.enabled || !s.types.includes("deb")) continue;
    if (!s.suites.some((suite) => DEBIAN_SUITE.test(suite))) continue;
    const uri = s.uris.find((u) => /^https?:\/\//.test(u) && !/security/.test(u));
    if (uri) return uri.replace(/\/+$/, "");
  }
  return undefined;
}

/**
 * Every source in the host's apt configuration: `<aptDir>/sources.list.d/*.sources` (deb822)
 * and `*.list`, then `<aptDir>/sources.list`, in the order apt reads them.
 *
 * @param aptDir The apt configuration folder. @default {"/etc/apt"}
 * @throws {SyntaxError} naming the file and line of a line that is not a source.
 * @example
 * ```ts
 * import { readHostSources } from "./apt_sources.ts";
 * for (const s of await readHostSources()) console.log(s.uris, s.suites);
 * ```
 */
export async function readHostSources(aptDir = "/etc/apt"): Promise<AptSource[]> {
  const sources: AptSource[] = [];
  const partsDir = `${aptDir}/sources.list.d`;
  const parts: string[] = [];
  try {
    for await (const e of Deno.readDir(partsDir)) parts.push(e.name);
  } catch { /* no parts folder */ }
  for (const name of parts.sort()) {
    const file = `${partsDir}/${name}`;
    if (name.endsWith(".sources")) {
      sources.push(...parseDeb822Sources(await Deno.readTextFile(file), file));
    } else if (name.endsWith(".list")) {
      sources.push(...parseSourcesList(await Deno.readTextFile(file), file));
    }
  }
  try {
    const file = `${aptDir}/sources.list`;
    sources.push(...parseSourcesList(await Deno.readTextFile(file), file));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return sources;
}

/** Options for {@linkcode debianArchiveUrl}. */
export interface DebianArchiveOptions {
  /** The apt configuration folder. @default {"/etc/apt"} */
  aptDir?: string;
  /** Reads an environment variable. @default {Deno.env.get} */
  getEnv?: (name: string) => string | undefined;
  /** What to tell the user besides the variable, when nothing is found. */
  hint?: string;
}

/**
 * The Debian archive to fetch from: `$TLS_HARNESS_DEBIAN_ARCHIVE` if set, else the first Debian
 * archive in the host's apt sources ({@linkcode readHostSources}).
 *
 * @throws {Error} saying what to set when no Debian archive is configured.
 * @example
 * ```ts
 * import { debianArchiveUrl } from "./apt_sources.ts";
 * console.log(await debianArchiveUrl());
 * ```
 */
export async function debianArchiveUrl(options: DebianArchiveOptions = {}): Promise<string> {
  const getEnv = options.getEnv ?? ((name: string) => Deno.env.get(name));
  const override = getEnv("TLS_HARNESS_DEBIAN_ARCHIVE");
  if (override) return override.replace(/\/+$/, "");
  const aptDir = options.aptDir ?? "/etc/apt";
  const url = pickDebianArchive(await readHostSources(aptDir));
  if (!url) {
    throw new Error(
      `No Debian archive found in the apt sources under "${aptDir}": set ` +
        `TLS_HARNESS_DEBIAN_ARCHIVE to a Debian mirror URL, or ${
          options.hint ?? "pass your own build with --openssl PATH"
        }`,
    );
  }
  return url;
}

/**
 * The archive that serves one suite: the host's own source for it when it has one (this is how
 * `bookworm-security` is found on its own host), else, for a `-security` suite, the archive's
 * `-security` sibling (Debian's layout: `…/debian` and `…/debian-security`), else the archive.
 *
 * @example
 * ```ts
 * import { archiveForSuite } from "./apt_sources.ts";
 * console.log(archiveForSuite([], "bookworm-security", "http://mirror.example/debian"));
 * // http://mirror.example/debian-security
 * ```
 */
export function archiveForSuite(
  sources: readonly AptSource[],
  suite: string,
  archive: string,
): string {
  for (const s of sources) {
    if (!s.enabled || !s.types.includes("deb") || !s.suites.includes(suite)) continue;
    const uri = s.uris.find((u) => /^https?:\/\//.test(u));
    if (uri) return uri.replace(/\/+$/, "");
  }
  const base = archive.replace(/\/+$/, "");
  return suite.endsWith("-security") ? `${base}-security` : base;
}
