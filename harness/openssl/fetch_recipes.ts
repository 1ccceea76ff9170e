import { type PackageSet, TRIXIE_LIBC6 } from "../debian/mod.ts";

/**
 * The version labels {@linkcode fetchBuilds} knows how to get, oldest first: one build per
 * version family, the version each family's suite holds now.
 *
 * @example
 * ```ts
 * import { FETCHABLE_LABELS } from "./fetch_recipes.ts";
 * console.log(FETCHABLE_LABELS.join(", ")); // 1.1.1, 3.0, 3.5, 3.6, 4.0
 * ```
 */
export const FETCHABLE_LABELS = ["1.1.1", "3.0", "3.5", "3.6", "4.0"] as const;

/** One of {@linkcode FETCHABLE_LABELS}. */
export type FetchLabel = typeof FETCHABLE_LABELS[number];

export type { PackageSet };

/** How one version label is put together from Debian's archive. */
export interface BuildRecipe {
  /** The package sets; the first holds the `openssl` binary and its libraries. */
  sets: PackageSet[];
  /**
   * Whether the build must run under the dynamic loader of the extracted `libc6` (it needs a
   * newer glibc than the host's).
   */
  loader: boolean;
}

/**
 * Where each version comes from. Builds from trixie and later need glibc ≥ 2.38, which bookworm
 * lacks, so they carry trixie's `libc6` and run under its loader; trixie's libzstd/zlib come
 * along because bookworm's libzstd is older than libcrypto asks for.
 *
 * @example
 * ```ts
 * import { BUILD_RECIPES } from "./fetch_recipes.ts";
 * console.log(BUILD_RECIPES["3.5"].sets.map((s) => `${s.suite}: ${s.packages.join(" ")}`));
 * ```
 */
export const BUILD_RECIPES: Readonly<Record<FetchLabel, BuildRecipe>> = {
  "1.1.1": {
    sets: [{ suite: "bullseye", packages: ["openssl", "libssl1.1"], into: "root" }],
    loader: false,
  },
  "3.0": {
    sets: [{ suite: "bookworm", packages: ["openssl", "libssl3"], into: "root" }],
    loader: false,
  },
  "3.5": {
    sets: [
      { suite: "trixie", packages: ["openssl", "libssl3t64", "libzstd1", "zlib1g"], into: "root" },
      TRIXIE_LIBC6,
    ],
    loader: true,
  },
  "3.6": {
    sets: [
      { suite: "sid", packages: ["openssl", "libssl3t64"], into: "root" },
      { suite: "trixie", packages: ["libzstd1", "zlib1g"], into: "root" },
      TRIXIE_LIBC6,
    ],
    loader: true,
  },
  "4.0": {
    sets: [
      { suite: "experimental", packages: ["openssl", "libssl4"], into: "root" },
      { suite: "trixie", packages: ["libzstd1", "zlib1g"], into: "root" },
      TRIXIE_LIBC6,
    ],
    loader: true,
  },
};

/**
 * The suites that hold point releases of a family at the same time, searched together when an
 * exact version (`3.0.17`) is asked for. Only families listed here take exact versions.
 *
 * @example
 * ```ts
 * import { POINT_RELEASE_SUITES } from "./fetch_recipes.ts";
 * console.log(POINT_RELEASE_SUITES["3.0"]); // ["bookworm", "bookworm-updates", "bookworm-security"]
 * ```
 */
export const POINT_RELEASE_SUITES: Readonly<Partial<Record<FetchLabel, readonly string[]>>> = {
  "3.0": ["bookworm", "bookworm-updates", "bookworm-security"],
};

/** What one fetch spec asks for: a family's current build, or an exact point release. */
export interface FetchTarget {
  /** The cache folder name and progress label: the family label, or the exact version. */
  label: string;
  /** The family. */
  family: FetchLabel;
  /** The exact upstream version asked for ("3.0.17"), for a point release. */
  exact?: string;
}

/**
 * The family of an exact version ("3.0.17" → "3.0", "1.1.1w" → "1.1.1"), when it is one the
 * harness can fetch point releases of.
 *
 * @example
 * ```ts
 * import { pointReleaseFamily } from "./fetch_recipes.ts";
 * console.log(pointReleaseFamily("3.0.17"), pointReleaseFamily("3.5.1")); // 3.0 undefined
 * ```
 */
export function pointReleaseFamily(version: string): FetchLabel | undefined {
  const m = /^(\d+\.\d+)\.\d+[a-z]?$/.exec(version);
  const family = m?.[1] as FetchLabel | undefined;
  return family && POINT_RELEASE_SUITES[family] ? family : undefined;
}

/**
 * Turn fetch specs (labels, exact versions, "all") into targets, families first in label order,
 * then exact versions in the order given.
 *
 * @throws {RangeError} for a spec that is neither, listing what is accepted.
 * @example
 * ```ts
 * import { fetchTargets } from "./fetch_recipes.ts";
 * console.log(fetchTargets(["3.0.17", "3.5"]).map((t) => t.label)); // ["3.5", "3.0.17"]
 * ```
 */
export function fetchTargets(specs: readonly string[]): FetchTarget[] {
  const families = new Set<FetchLabel>();
  const exact: FetchTarget[] = [];
  for (const v of specs) {
    if (v === "all") {
      for (const l of FETCHABLE_LABELS) families.add(l);
    } else if ((FETCHABLE_LABELS as readonly string[]).includes(v)) {
      families.add(v as FetchLabel);
    } else if (pointReleaseFamily(v)) {
      if (!exact.some((t) => t.label === v)) {
        exact.push({ label: v, family: pointReleaseFamily(v)!, exact: v });
      }
    } else {
      const points = Object.keys(POINT_RELEASE_SUITES).map((f) => `"${f}.N"`).join(", ");
      throw new RangeError(
        `Unknown OpenSSL version to fetch: "${v}": expected one of ${
          FETCHABLE_LABELS.map((l) => `"${l}"`).join(", ")
        }, "all", or a point release (${points})`,
      );
    }
  }
  return [
    ...FETCHABLE_LABELS.filter((l) => families.has(l)).map((l) => ({ label: l, family: l })),
    ...exact,
  ];
}
