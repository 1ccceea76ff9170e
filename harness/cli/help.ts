/** Help texts: constants, so tests can pin them and the README can quote them. */
import { MUTANTS } from "../mutate/mod.ts";

export const MAIN_HELP =
  `tls-session-harness: verify OpenSSL's documented session behaviour by running real TLS peers

Usage: deno task harness <command> [options]

Commands:
  run [paths…]      Run scenarios (default: every file under scenarios/) and report
  list [paths…]     List scenarios with their claims and tags (runs nothing)
  claims [paths…]   Claim → scenarios → status table (runs the scenarios, or reads --from FILE)
  builds fetch [SPEC…|all]
                    Fetch builds of every implementation (OpenSSL, BoringSSL, wolfSSL, GnuTLS)
                    from Debian's archive into the cache (cached ones are not downloaded again)
  builds list [SPEC…]
                    List usable builds of every implementation with their capabilities
  openssl fetch     Fetch OpenSSL builds (the same as "builds fetch openssl:…")
  openssl list      List usable OpenSSL builds and the s_client/s_server options they support
  report merge A.json B.json …
                    Merge JSON reports (e.g. the shards of a CI matrix) into one report
  report diff BASE.json NEW.json
                    What changed between two reports (status, observed values, results)
  report readme REPORT.json [--write README.md | --check README.md]
                    The README's generated tables (findings, interop) from a JSON report
  matrix            Fetch every build, run every client × server pair, write reports/
  mutate [paths…]   Run each scenario against peers with its behaviour removed: must fail

Options:
  -h, --help        Show help (also after any command: "run --help")

Exit codes: 0 everything passed, 1 something failed or errored, 2 usage or configuration error.
`;

const SELECT_OPTIONS =
  `Selecting scenarios (each repeatable; a scenario must match every kind given):
  --filter PATTERN  scenario[variant] contains PATTERN (* matches anything): 'x[tls1.2/*]'
  --tag TAG         Scenario has this tag
  --claim ID        Scenario cites this claim (e.g. GS-9)`;

const RUN_OPTIONS = `Running:
  --build SPEC      Build(s) to run: IMPL or IMPL:VERSION (openssl:3.5, boringssl:14, wolfssl:5.7,
                    gnutls:3.8, rustls) or all (see "builds list"); repeatable
  --openssl SPEC    The same as --build openssl:SPEC: system (default), a version (1.1.1, 3.5,
                    4.0.3), all, or a path to an openssl binary or install prefix; repeatable
  --pairs MODE      same (default): each build against itself; all: every client × server pair
  --jobs N          Scenarios run at once (default: twice the cores)
  --timeout SECONDS Deadline per scenario and per build probe (default: 60)
  --deviations FILE Expected deviations (default: expected_deviations.json)
  --keep-artifacts DIR  Keep each scenario's files (session files hold secrets) under DIR
  --cache-dir DIR   Build cache, also holding the test PKI (a CA and a leaf) and the system
                    openssl's version line, each reused for a day at most, and each
                    scenario's last duration (the slow ones start first)
                    (default: $XDG_CACHE_HOME/tls-session-harness)
  --shard I/N       Run only part I of N (1-based) of the scenario × pair tasks, dealt
                    round-robin in a stable order; merge the parts with "report merge"`;

export const RUN_HELP = `Usage: deno task harness run [paths…] [options]

Runs scenario files (or every scenario file under the given folders; default: scenarios/),
a sanity scenario first, and reports each result and a claims table.

${SELECT_OPTIONS}

${RUN_OPTIONS}

Reporting:
  --reporter NAME   pretty (default), json, junit, markdown or html; repeatable
  --out FILE        Write the reporter of the same position to FILE ("-" or none: stdout); repeatable
  --html FILE       Also write the self-contained HTML report to FILE
  --baseline FILE   Then compare with the JSON report FILE, as "report diff FILE <this run>"
                    does, and print the diff (to stderr when a report goes to stdout)
  --map OLD=NEW     (with --baseline) Compare FILE's build OLD with this run's NEW; repeatable
  --keep-secrets    Leave master keys, PSKs, session ids, session files and private keys in
                    the reports (default: replaced by <secret …> placeholders); files are 0600

Exit codes: 0 everything passed, 1 something failed or errored, 2 usage or configuration error.
With --baseline, a run that passed exits as the diff does: 1 when something regressed.
`;

export const LIST_HELP = `Usage: deno task harness list [paths…] [options]

Lists scenarios (name, claims, tags, file) after loading and validating them, one line per
variant (scenario[variant]); --json adds each scenario's "variants" and the "dropped_variants"
its skipVariant dropped, with the reason.

${SELECT_OPTIONS}

  --json            Print JSON instead of a table
`;

export const CLAIMS_HELP = `Usage: deno task harness claims [paths…] [options]

Prints claim → scenarios → status for every claim in the catalogue. Without --from it runs the
selected scenarios first (same options as "run"); with --from it reads a JSON report. Each
claim also shows what every fetched build's own man page says of it, when its pages are cached.

  --from FILE       Read results from a JSON report (from "run --reporter json --out FILE")
  --docs            Run nothing: the claim × version table of doc drift (present, changed,
                    absent, no page) over the fetched builds (or --openssl SPEC…), with the
                    page's own words wherever they differ ("openssl docs" fills in pages)
  --reporter json   Print JSON instead of the table (claims with their "docs" per build)

${SELECT_OPTIONS}

${RUN_OPTIONS}
`;

export const OPENSSL_HELP = `Usage: deno task harness openssl <fetch|docs|list> [options]

  fetch [VERSION…|all]  Fetch Debian's builds (1.1.1, 3.0, 3.5, 3.6, 4.0; default: all) into the
                        cache, with their man pages; never touches the system's packages;
                        idempotent. An exact 3.0.N (e.g. 3.0.17: any 3.0.x bookworm,
                        bookworm-updates or bookworm-security hold) is a build of its own
  docs [VERSION…|all]   Fill in the man pages (libssl-doc of the same version, as text) of
                        builds already in the cache (default: all)
  list                  Every usable build: exact version, how it is launched, options it supports

Options:
  --cache-dir DIR   Cache directory (default: $XDG_CACHE_HOME/tls-session-harness or ~/.cache/…)
  --openssl SPEC    (list) Also list this build (a path); repeatable
  --json            (list) Print JSON
  --no-docs         (fetch) Do not fetch the man pages
`;

export const BUILDS_HELP = `Usage: deno task harness builds <fetch|list> [SPEC…|all] [options]

A SPEC is IMPL or IMPL:VERSION, or all (the default):
  openssl[:VERSION]   1.1.1, 3.0, 3.5, 3.6, 4.0 (or a point release: 3.0.17); list: also system
                      or a path
  boringssl[:VERSION] 10, 13, 14 (Android's BoringSSL: libssl.so.0 + bssl-tool)
  wolfssl[:VERSION]   4.6, 5.5, 5.7, 5.9 (its OpenSSL compatibility layer; no CLI)
  gnutls[:VERSION]    3.7.1, 3.7.9, 3.8.9, 3.8.13 (or a family: 3.8)
  rustls              Deno's own TLS (built in: nothing to fetch)

  fetch [SPEC…|all]   Fetch the builds from Debian's archive into the cache (private apt state;
                      the system's packages are never touched) and probe each once; builds
                      already in the cache are not downloaded again
  list [SPEC…|all]    Every usable build with its capabilities: cli-client, cli-server (with the
                      dialect their tools speak), session-file (with its format), api, tcp-peer

Options:
  --cache-dir DIR   Cache directory (default: $XDG_CACHE_HOME/tls-session-harness or ~/.cache/…)
  --json            (list) Print JSON: { "builds": [ { implementation, id, version, family,
                    source, path, capabilities, cliDialect, sessionFileFormat, … } ] }

Exit codes: 0 done, 1 a build's probe failed (listed with the reason), 2 bad spec or fetch error.
`;

export const REPORT_HELP = `Usage: deno task harness report merge A.json B.json … [options]
       deno task harness report diff BASE.json NEW.json [options]   (see "report diff --help")
       deno task harness report readme REPORT.json [options]        (see "report readme --help")

Merges JSON reports (from "run --reporter json --out FILE", e.g. one per --shard) into one:
results are keyed by scenario × client build × server build (a duplicate keeps its worst
status) and the summary is re-counted.

  --reporter NAME   json (default), pretty, junit, markdown or html; repeatable
  --out FILE        Write the reporter of the same position to FILE (default: stdout); repeatable
  --html FILE       Also write the self-contained HTML report to FILE
  --keep-secrets    Leave master keys, PSKs, session ids, session files and private keys in
                    the reports (default: replaced by <secret …> placeholders); files are 0600

Exit codes: 0 every merged result passed (skips and expected failures included), 1 a result
failed, errored or unexpectedly passed, 2 bad input (unreadable file, not a JSON report).
`;

export const REPORT_DIFF_HELP = `Usage: deno task harness report diff BASE.json NEW.json [options]

Compares two JSON reports result by result. A result is scenario × variant × client build ×
server build; a build of BASE stands for the build of NEW with the same id, else for the one
build of the same implementation and version family (3.0.19 and 3.0.20 are both 3.0; the
system build counts as the version it reports). Lists status changes (pass → fail is a
regression, xfail → pass is not), values a check observed that changed while it held (run-to-run
noise such as pointers, keys, ports and temp paths masked), and results in one report only.

  --map OLD=NEW     Compare BASE's build OLD with NEW's build NEW (ids or versions, e.g.
                    --map 3.0.20=3.5.9); repeatable; wins over matching by family
  --reporter NAME   pretty (default), json, markdown or html
  --out FILE        Write to FILE instead of stdout ("-": stdout)

Exit codes: 0 nothing regressed (improvements and one-sided results included), 1 a status got
worse or an observed value changed, 2 bad input (unreadable file, not a JSON report, bad --map).
`;

export const MATRIX_HELP = `Usage: deno task matrix [options]   (deno task harness matrix)

Fetches every build of every implementation (builds fetch all; cached after the first time),
runs every scenario on every client × server pair (run --build all --pairs all; a pair that
lacks a capability a scenario requires is "unsupported"), writes report.json, report.md and
report.html into the output folder and prints a client × server summary.

  --out-dir DIR     Where the reports go (default: reports/)
  --cache-dir DIR   Build cache (default: $XDG_CACHE_HOME/tls-session-harness)
  --build SPEC      Only these builds (repeatable; --openssl X as in "run"); default: all
  Any other "run" option (--jobs, --timeout, --filter, --shard, …) is passed on.

Exit codes: 0 everything passed (skips and expected failures included), 1 a result failed,
errored or unexpectedly passed, 2 usage or configuration error.
`;

/** Help for `harness mutate`, with every mutant the harness knows when the CLI starts. */
export const MUTATE_HELP = `Usage: deno task harness mutate [paths…] [options]

Runs each variant of each scenario against the mutants it declares (peers with exactly the
behaviour it checks removed; "mutantsFor" gives them per variant) and reports, per scenario
variant and mutant, whether a run would fail ("killed": fail, error, or xpass) or stay green
("survived": pass, or xfail when the build's expected deviation covers the failure). Every
scenario variant should be killed; a survivor cannot see what it claims to verify on that build.
A mutant that cannot be made for the build (CLI mutants on a non-OpenSSL build, an FFI mutant
whose functions the library lacks) is "n/a" (status unsupported), with the reason.

  --filter PATTERN, --tag TAG, --claim ID   select scenarios (repeatable)
  --build SPEC      the one build to mutate: openssl:3.5, boringssl:14, wolfssl:5.7, …
  --openssl SPEC    the same as --build openssl:SPEC (default: system)
  --deviations FILE expected deviations (default: expected_deviations.json)
  --jobs N          scenarios at once (default: twice the cores)
  --timeout SECONDS deadline per scenario and per build probe (default: 60)
  --reporter NAME   pretty (default) or json: { "scenarios": [ { "scenario", "variant", "mutant", "killed" } ] }
  --out FILE        write the report to FILE

Mutants:
${MUTANTS.map((m) => `  ${m.name.padEnd(24)}${m.removes}`).join("\n")}

Exit codes: 0 every scenario variant killed, 1 a survivor (or a scenario with no mutant), 2 usage
error (or no selected mutant can be made for the build).
`;

export const REPORT_README_HELP = `Usage: deno task harness report readme REPORT.json [options]

The README's generated tables from a JSON report (from "run --reporter json --out FILE"):
"findings", the expected deviations the run observed, one row per implementation, version
and deviation; "interop", the interop claims (DT, IX) per client build × server build. Each
goes between the lines <!-- generated: NAME --> and <!-- /generated --> of the file.

  --write FILE        Rewrite only the text between FILE's markers (idempotent)
  --check FILE        Exit 1 when FILE's generated text differs from the report's (stale)
  --deviations FILE   Expected deviations that say which side departs (default
                      expected_deviations.json)

Without --write or --check it prints the sections with their markers.

Exit codes: 0 written, printed or up to date, 1 --check found a stale section, 2 bad input
(unreadable file, not a JSON report, a marker missing or not closed).
`;
