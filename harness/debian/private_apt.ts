/**
 * apt-get and apt-cache under a private state: their own sources file, package lists, archive
 * cache and an empty status file, so the host's packages are never touched (nothing is
 * installed, and apt does not think an older library is "installed"), while apt still checks
 * the archive's signatures.
 *
 * @module
 */
import { run } from "../process/mod.ts";
import { archiveForSuite, readHostSources, sourcesLine } from "./apt_sources.ts";

const UPDATE_TIMEOUT_MS = 180_000;
const DOWNLOAD_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 60_000;

/** Options for {@linkcode openPrivateApt}. */
export interface PrivateAptOptions {
  /** The Debian archive URL (see `debianArchiveUrl`). */
  archiveUrl: string;
  /**
   * The apt configuration folder whose sources say where `-security` suites live.
   * @default {"/etc/apt"}
   */
  aptDir?: string;
  /**
   * Appended to every error, saying what the user can do instead
   * (e.g. "Pass your own build with --openssl PATH").
   */
  hint?: string;
}

/** One line of `apt-cache madison`: a version of a package and where it comes from. */
export interface AptVersion {
  /** The package name. */
  package: string;
  /** The Debian version ("3.0.17-1~deb12u2"). */
  version: string;
  /** The suite/component that holds it ("bookworm-updates/main"). */
  from: string;
}

/** A private apt state over one or more suites, kept under `<cache>/apt/<name>`. */
export interface PrivateApt {
  /** The suites its sources file lists. */
  suites: readonly string[];
  /** Its folder. */
  dir: string;
  /** The `-o` options every apt call gets. */
  options: readonly string[];
  /** `apt-get update` of its lists. */
  update(o?: { signal?: AbortSignal; what?: string }): Promise<void>;
  /** `apt-cache madison` of some packages, from the lists of the last update. */
  madison(packages: string[], o?: { signal?: AbortSignal }): Promise<AptVersion[]>;
  /**
   * `apt-get download` into a folder: names, or `name=version` for an exact version; returns
   * the `.deb` files written.
   */
  download(packages: string[], into: string, o?: { signal?: AbortSignal; what?: string }): Promise<
    string[]
  >;
}

/**
 * The folder name of a private state: the suite, or the suites joined with "+"
 * (`bookworm+bookworm-updates+bookworm-security`), so one-suite states keep their old place.
 *
 * @example
 * ```ts
 * import { stateName } from "./private_apt.ts";
 * console.log(stateName(["bookworm", "bookworm-security"])); // bookworm+bookworm-security
 * ```
 */
export function stateName(suites: readonly string[]): string {
  return suites.join("+");
}

/**
 * Create (or reuse) the private apt state of some suites under `<cache>/apt/<name>`. Nothing is
 * downloaded until {@linkcode PrivateApt.update}.
 *
 * @example
 * ```ts
 * import { openPrivateApt } from "./private_apt.ts";
 * const apt = await openPrivateApt("/tmp/cache", ["bookworm", "bookworm-updates"], {
 *   archiveUrl: "http://mirror.example/debian",
 * });
 * await apt.update();
 * console.log(await apt.madison(["openssl"]));
 * ```
 */
export async function openPrivateApt(
  cache: string,
  suites: readonly string[],
  options: PrivateAptOptions,
): Promise<PrivateApt> {
  if (suites.length === 0) throw new RangeError("A private apt state needs at least one suite");
  const dir = `${cache}/apt/${stateName(suites)}`;
  await Deno.mkdir(`${dir}/lists/partial`, { recursive: true });
  await Deno.mkdir(`${dir}/cache/archives/partial`, { recursive: true });
  await Deno.writeTextFile(`${dir}/status`, "");
  const host = suites.some((s) => s.endsWith("-security"))
    ? await readHostSources(options.aptDir)
    : [];
  const archives = suites.map((s) =>
    s.endsWith("-security") ? archiveForSuite(host, s, options.archiveUrl) : options.archiveUrl
  );
  const lines = suites.map((s, i) => sourcesLine(archives[i], s));
  await Deno.writeTextFile(`${dir}/sources.list`, lines.join("\n") + "\n");
  const raw = [
    `Dir::Etc::SourceList=${dir}/sources.list`,
    "Dir::Etc::SourceParts=/dev/null",
    // Host pins must not change which version is the candidate.
    "Dir::Etc::Preferences=/dev/null",
    "Dir::Etc::PreferencesParts=/dev/null",
    `Dir::State::Lists=${dir}/lists`,
    `Dir::Cache=${dir}/cache`,
    `Dir::State::Status=${dir}/status`,
    "Acquire::Languages=none",
    // Without this, a failed download of an index is only a warning and exit code 0.
    "APT::Update::Error-Mode=any",
  ];
  // As root, apt drops to the "_apt" user, who cannot write into a private cache folder.
  if (Deno.uid() === 0) raw.push("APT::Sandbox::User=root");
  const opts = raw.flatMap((o) => ["-o", o]);
  const hint = options.hint ? `. ${options.hint}` : "";
  const where = [...new Set(archives)].join(", ");
  return {
    suites,
    dir,
    options: opts,
    async update(o = {}) {
      await aptTool("apt-get", ["-q", ...opts, "update"], {
        timeoutMs: UPDATE_TIMEOUT_MS,
        signal: o.signal,
        what: `update the package lists of ${suites.map((s) => `"${s}"`).join(", ")} from ` +
          `${where}${o.what ? ` for ${o.what}` : ""} (is the archive reachable from here?)`,
        hint,
      });
    },
    async madison(packages, o = {}) {
      const out = await aptTool("apt-cache", [...opts, "madison", ...packages], {
        timeoutMs: QUERY_TIMEOUT_MS,
        signal: o.signal,
        what: `list the versions of ${packages.join(", ")}`,
        hint,
      });
      return parseMadison(out);
    },
    async download(packages, into, o = {}) {
      await Deno.mkdir(into, { recursive: true });
      const before = new Set<string>();
      for await (const e of Deno.readDir(into)) before.add(e.name);
      await aptTool("apt-get", ["-q", ...opts, "download", ...packages], {
        cwd: into,
        timeoutMs: DOWNLOAD_TIMEOUT_MS,
        signal: o.signal,
        what: `download ${packages.join(", ")} from ${suites.map((s) => `"${s}"`).join(", ")}${
          o.what ? ` for ${o.what}` : ""
        }`,
        hint,
      });
      const debs: string[] = [];
      for await (const e of Deno.readDir(into)) {
        if (e.name.endsWith(".deb") && !before.has(e.name)) debs.push(`${into}/${e.name}`);
      }
      return debs.sort();
    },
  };
}

/**
 * Parse `apt-cache madison` output (`pkg | version | archive suite/component arch Packages`).
 *
 * @example
 * ```ts
 * import { parseMadison } from "./private_apt.ts";
 * const line = "   openssl | 3.0.17-1~deb12u2 | http://m.example/debian bookworm-updates/main amd64 Packages";
 * console.log(parseMadison(line)); // [{ package: "openssl", version: "3.0.17-1~deb12u2", from: "bookworm-updates/main" }]
 * ```
 */
export function parseMadison(text: string): AptVersion[] {
  const out: AptVersion[] = [];
  for (const line of text.split("\n")) {
    const parts = line.split("|").map((p) => p.trim());
    if (parts.length < 3 || !parts[0] || !parts[1]) continue;
    const where = parts[2].split(/\s+/);
    out.push({ package: parts[0], version: parts[1], from: where[1] ?? where[0] ?? "" });
  }
  return out;
}

/**
 * The upstream part of a Debian version: epoch and Debian revision removed
 * ("1:3.0.17-1~deb12u2" → "3.0.17", "1.1.1w-0+deb11u1" → "1.1.1w").
 *
 * @example
 * ```ts
 * import { upstreamVersion } from "./private_apt.ts";
 * console.log(upstreamVersion("3.6.5-1")); // 3.6.5
 * ```
 */
export function upstreamVersion(debianVersion: string): string {
  const noEpoch = debianVersion.replace(/^\d+:/, "");
  const dash = noEpoch.lastIndexOf("-");
  return dash < 0 ? noEpoch : noEpoch.slice(0, dash);
}

/** Run apt-get/apt-cache/dpkg with the C locale; stdout, or an Error naming what failed. */
export async function aptTool(
  command: string,
  args: string[],
  o: {
    cwd?: string;
    timeoutMs: number;
    signal?: AbortSignal;
    what: string;
    hint?: string;
  },
): Promise<string> {
  let detail: string;
  try {
    const r = await run(command, {
      args,
      cwd: o.cwd,
      timeoutMs: o.timeoutMs,
      signal: o.signal,
      env: { LC_ALL: "C" },
    });
    if (r.code === 0) return r.stdout;
    const lines = (r.stderr + r.stdout).trim().split("\n").filter((l) => /^(E|W|Err):/.test(l));
    detail = (lines.length ? lines : r.stderr.trim().split("\n")).slice(-4).join("; ");
  } catch (e) {
    if (o.signal?.aborted) throw e;
    detail = (e as Error).message;
  }
  throw new Error(`Cannot ${o.what}: ${detail}${o.hint ?? ""}`);
}

/**
 * Check that apt-get and dpkg can be run here.
 *
 * @throws {Error} saying which tool is missing, why it is needed, and `hint`.
 * @example
 * ```ts
 * import { requireAptTools } from "./private_apt.ts";
 * await requireAptTools({ what: "fetch OpenSSL 3.5" });
 * ```
 */
export async function requireAptTools(
  o: { what: string; hint?: string; signal?: AbortSignal },
): Promise<void> {
  for (const tool of ["apt-get", "dpkg"]) {
    try {
      await run(tool, { args: ["--version"], timeoutMs: 10_000, signal: o.signal });
    } catch (e) {
      if (o.signal?.aborted) throw e;
      throw new Error(
        `Cannot ${o.what}: "${tool}" is not available on this host (fetching uses ` +
          `Debian's apt)${o.hint ? `; ${o.hint}` : ""}`,
        { cause: e },
      );
    }
  }
}
