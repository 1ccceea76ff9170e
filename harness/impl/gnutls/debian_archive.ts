import { run } from "../../process/mod.ts";

// This file repeats, in small, what harness/openssl/fetch.ts does for OpenSSL (private apt state,
// archive URL from the host's sources). It is kept here so the GnuTLS folder depends only on the
// process layer while the engine is refactored; a shared Debian helper should replace both.

const KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

/**
 * The first enabled `deb` archive URL serving a Debian suite (not a security archive) in apt
 * sources text, deb822 (`URIs:` / `Suites:`) or one-line (`deb [opts] URI suite …`) style.
 * Comment lines are skipped: the commented-out snapshot URLs on these machines are not reachable.
 *
 * @example
 * ```ts
 * import { archiveFromSources } from "./debian_archive.ts";
 * const text = "Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\n";
 * console.log(archiveFromSources(text)); // http://mirror.example/debian
 * ```
 */
export function archiveFromSources(text: string): string | undefined {
  const suite = /^(bullseye|bookworm|trixie|forky|sid|stable|testing|unstable)(-updates)?$/;
  const usable = (uri: string, suites: string[]) =>
    /^https?:\/\//.test(uri) && !/security/.test(uri) && suites.some((s) => suite.test(s));
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of stanza.split("\n")) {
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (m) fields.set(m[1].toLowerCase(), m[2].trim());
    }
    if (fields.has("uris")) {
      if (/^(no|false|0)$/i.test(fields.get("enabled") ?? "yes")) continue;
      if (!(fields.get("types") ?? "").split(/\s+/).includes("deb")) continue;
      const suites = (fields.get("suites") ?? "").split(/\s+/);
      const uri = fields.get("uris")!.split(/\s+/).find((u) => usable(u, suites));
      if (uri) return uri.replace(/\/+$/, "");
    }
    for (const line of stanza.split("\n")) {
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line.trim());
      if (m && usable(m[1], [m[2]])) return m[1].replace(/\/+$/, "");
    }
  }
  return undefined;
}

/**
 * The Debian archive to download from: `$TLS_HARNESS_DEBIAN_ARCHIVE`, else the first Debian
 * archive in `/etc/apt/sources.list.d/*` and `/etc/apt/sources.list`.
 *
 * @param options.aptDir The apt configuration folder. @default {"/etc/apt"}
 * @throws {Error} naming the folder and the variable to set when no archive is found.
 * @example
 * ```ts
 * import { debianArchive } from "./debian_archive.ts";
 * console.log(await debianArchive());
 * ```
 */
export async function debianArchive(options: { aptDir?: string } = {}): Promise<string> {
  const override = Deno.env.get("TLS_HARNESS_DEBIAN_ARCHIVE");
  if (override) return override.replace(/\/+$/, "");
  const aptDir = options.aptDir ?? "/etc/apt";
  const files: string[] = [];
  try {
    for await (const e of Deno.readDir(`${aptDir}/sources.list.d`)) {
      if (/\.(sources|list)$/.test(e.name)) files.push(`${aptDir}/sources.list.d/${e.name}`);
    }
  } catch { /* no parts folder */ }
  files.sort().push(`${aptDir}/sources.list`);
  for (const file of files) {
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch {
      continue;
    }
    const url = archiveFromSources(text);
    if (url) return url;
  }
  throw new Error(
    `No Debian archive found in the apt sources under "${aptDir}": set ` +
      `TLS_HARNESS_DEBIAN_ARCHIVE to a Debian mirror URL`,
  );
}

/** Options for {@linkcode PrivateApt} commands. */
export interface AptOptions {
  /** Working directory (where `download` writes the .deb files). */
  cwd?: string;
  /** Deadline in milliseconds. @default {300000} */
  timeoutMs?: number;
  /** Aborting kills apt. */
  signal?: AbortSignal;
}

/**
 * apt-get with a private state for one suite under `<dir>`: its own one-line sources file, lists,
 * archive cache and an empty status file, so nothing the host has installed changes what is
 * downloaded and nothing is installed; apt still checks the archive's signatures.
 */
export class PrivateApt {
  /** The suite ("bullseye", "trixie", "sid"…). */
  readonly suite: string;
  /** The state folder. */
  readonly dir: string;
  #options: string[];

  /**
   * @param dir State folder (created on first use).
   * @param suite Debian suite.
   * @param archive Archive URL.
   */
  constructor(dir: string, suite: string, archive: string) {
    this.suite = suite;
    this.dir = dir;
    const o = [
      `Dir::Etc::SourceList=${dir}/sources.list`,
      "Dir::Etc::SourceParts=/dev/null",
      "Dir::Etc::Preferences=/dev/null",
      "Dir::Etc::PreferencesParts=/dev/null",
      `Dir::State::Lists=${dir}/lists`,
      `Dir::Cache=${dir}/cache`,
      `Dir::State::Status=${dir}/status`,
      "Acquire::Languages=none",
      // Without this a failed index download is only a warning and exit code 0.
      "APT::Update::Error-Mode=any",
    ];
    // As root apt drops to "_apt", who cannot write into a private cache folder.
    if (Deno.uid() === 0) o.push("APT::Sandbox::User=root");
    this.#options = o.flatMap((x) => ["-o", x]);
    this.#archive = archive;
  }
  #archive: string;

  /** Write the state files and run `apt-get update` for the suite. */
  async update(options: AptOptions = {}): Promise<void> {
    await Deno.mkdir(`${this.dir}/lists/partial`, { recursive: true });
    await Deno.mkdir(`${this.dir}/cache/archives/partial`, { recursive: true });
    await Deno.writeTextFile(`${this.dir}/status`, "");
    await Deno.writeTextFile(
      `${this.dir}/sources.list`,
      `deb [signed-by=${KEYRING}] ${this.#archive} ${this.suite} main\n`,
    );
    await this.#apt("apt-get", ["update"], options, `update the lists of "${this.suite}"`);
  }

  /** The candidate version of each package (`apt-cache policy`), after {@linkcode update}. */
  async candidates(packages: string[], options: AptOptions = {}): Promise<Map<string, string>> {
    const out = await this.#apt("apt-cache", ["policy", ...packages], options, "read versions");
    const found = new Map<string, string>();
    let current: string | undefined;
    for (const line of out.split("\n")) {
      const name = /^(\S+):$/.exec(line);
      if (name) current = name[1];
      const cand = /^\s+Candidate:\s+(\S+)/.exec(line);
      if (cand && current && cand[1] !== "(none)") found.set(current, cand[1]);
    }
    return found;
  }

  /** `apt-get download` the packages into `options.cwd`. */
  async download(packages: string[], options: AptOptions): Promise<void> {
    await this.#apt(
      "apt-get",
      ["download", ...packages],
      options,
      `download ${packages.join(", ")} from "${this.suite}"`,
    );
  }

  async #apt(tool: string, args: string[], o: AptOptions, what: string): Promise<string> {
    let detail: string;
    try {
      const r = await run(tool, {
        args: ["-q", ...this.#options, ...args],
        cwd: o.cwd,
        timeoutMs: o.timeoutMs ?? 300_000,
        signal: o.signal,
        env: { LC_ALL: "C" },
      });
      if (r.code === 0) return r.stdout;
      const lines = (r.stderr + r.stdout).split("\n").filter((l) => /^(E|W|Err):/.test(l));
      detail = (lines.length ? lines : r.stderr.trim().split("\n")).slice(-4).join("; ");
    } catch (e) {
      if (o.signal?.aborted) throw e;
      detail = (e as Error).message;
    }
    throw new Error(
      `Cannot ${what} from ${this.#archive} (private apt state "${this.dir}"): ${detail}`,
    );
  }
}
