/** Help texts: constants, so tests can pin them and the README can quote them. */
import { MUTANTS } from "../mutate/mod.ts";

export const MAIN_HELP =
  `tls-session-harness: verify OpenSSL's documented session behaviour by running real TLS peers

Usage: deno task harness <command> [options]

Commands:
  run [paths…]      Run scenarios (default: every file under scenarios/) and report
  list [paths…]     List scenarios with their claims and tags (runs nothing)
  claims [paths…]   Claim → scenarios → status table (runs the scenarios, or reads --from FILE)
  openssl fetch     Fetch OpenSSL builds from Debian's archive into the cache
  openssl list      List usable OpenSSL builds and what they support
  report merge A.json B.json …
                    Merge JSON reports (e.g. the shards of a CI matrix) into one report
  matrix            Fetch every build, run every client × server pair, write reports/
  mutate [paths…]   Run each scenario against peers with its behaviour removed: must fail

Options:
  -h, --help        Show help (also after any command: "run --help")

Exit codes: 0 everything passed, 1 something failed or errored, 2 usage or configuration error.
`;

const SELECT_OPTIONS =
  `Selecting scenarios (each repeatable; a scenario must match every kind given):
  --filter PATTERN  Scenario name contains PATTERN (* in it matches anything)
  --tag TAG         Scenario has this tag
  --claim ID        Scenario cites this claim (e.g. GS-9)`;

const RUN_OPTIONS = `Running:
  --openssl SPEC    Build(s) to run: system (default), a version (1.1.1, 3.5, 4.0.3), all,
                    or a path to an openssl binary or install prefix; repeatable
  --pairs MODE      same (default): each build against itself; all: every client × server pair
  --jobs N          Scenarios run at once (default: number of cores)
  --timeout SECONDS Deadline per scenario (default: 60)
  --deviations FILE Expected deviations (default: expected_deviations.json)
  --keep-artifacts DIR  Keep each scenario's files (session files hold secrets) under DIR
  --cache-dir DIR   OpenSSL build cache (default: $XDG_CACHE_HOME/tls-session-harness)
  --shard I/N       Run only part I of N (1-based) of the scenario × pair tasks, dealt
                    round-robin in a stable order; merge the parts with "report merge"`;

export const RUN_HELP = `Usage: deno task harness run [paths…] [options]

Runs scenario files (or every scenario file under the given folders; default: scenarios/),
a sanity scenario first, and reports each result and a claims table.

${SELECT_OPTIONS}

${RUN_OPTIONS}

Reporting:
  --reporter NAME   pretty (default), json, junit, markdown or html; repeatable
  --out FILE        Write the reporter of the same position to FILE (default: stdout); repeatable
  --html FILE       Also write the self-contained HTML report to FILE
  --keep-secrets    Leave master keys, PSKs, session ids, session files and private keys in
                    the reports (default: replaced by <secret …> placeholders); files are 0600

Exit codes: 0 everything passed, 1 something failed or errored, 2 usage or configuration error.
`;

export const LIST_HELP = `Usage: deno task harness list [paths…] [options]

Lists scenarios (name, claims, tags, file) after loading and validating them.

${SELECT_OPTIONS}

  --json            Print JSON instead of a table
`;

export const CLAIMS_HELP = `Usage: deno task harness claims [paths…] [options]

Prints claim → scenarios → status for every claim in the catalogue. Without --from it runs the
selected scenarios first (same options as "run"); with --from it reads a JSON report.

  --from FILE       Read results from a JSON report (from "run --reporter json --out FILE")

${SELECT_OPTIONS}

${RUN_OPTIONS}
`;

export const OPENSSL_HELP = `Usage: deno task harness openssl <fetch|list> [options]

  fetch [VERSION…|all]  Fetch Debian's builds (1.1.1, 3.0, 3.5, 3.6, 4.0; default: all) into the
                        cache; never touches the system's packages; idempotent
  list                  Every usable build: exact version, how it is launched, options it supports

Options:
  --cache-dir DIR   Cache directory (default: $XDG_CACHE_HOME/tls-session-harness or ~/.cache/…)
  --openssl SPEC    (list) Also list this build (a path); repeatable
  --json            (list) Print JSON
`;

export const REPORT_HELP = `Usage: deno task harness report merge A.json B.json … [options]

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

export const MATRIX_HELP = `Usage: deno task matrix [options]   (deno task harness matrix)

Fetches every OpenSSL build (cached after the first time), runs every scenario on every
client × server pair (run --openssl all --pairs all), writes report.json, report.md and
report.html into the output folder and prints a client × server summary.

  --out-dir DIR     Where the reports go (default: reports/)
  --cache-dir DIR   OpenSSL build cache (default: $XDG_CACHE_HOME/tls-session-harness)
  Any other "run" option (--jobs, --timeout, --filter, --shard, …) is passed on.

Exit codes: 0 everything passed (skips and expected failures included), 1 a result failed,
errored or unexpectedly passed, 2 usage or configuration error.
`;

/** Help for `harness mutate`, with every mutant the harness knows when the CLI starts. */
export const MUTATE_HELP = `Usage: deno task harness mutate [paths…] [options]

Runs each scenario against the mutants it declares (peers with exactly the behaviour it checks
removed) and reports, per scenario and mutant, whether it failed ("killed") or still passed
("survived"). Every scenario should be killed; a survivor cannot see what it claims to verify.

  --filter PATTERN, --tag TAG, --claim ID   select scenarios (repeatable)
  --openssl SPEC    the build to mutate (default: system)
  --jobs N          scenarios at once (default: number of cores)
  --timeout SECONDS deadline per scenario (default: 60)
  --reporter NAME   pretty (default) or json: { "scenarios": [ { "scenario", "mutant", "killed" } ] }
  --out FILE        write the report to FILE

Mutants:
${MUTANTS.map((m) => `  ${m.name.padEnd(24)}${m.removes}`).join("\n")}

Exit codes: 0 every scenario killed, 1 a survivor (or a scenario with no mutant), 2 usage error.
`;
