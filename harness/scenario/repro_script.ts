/**
 * A result's `repro.sh`: the steps of a scenario that did not pass, spelled out as plain `openssl`
 * commands a person can run in a fresh `bash` — no Deno, no harness, no internal wrapper. It makes
 * the test CA and leaf with the commands the harness uses (or reuses the run's, kept by
 * `--keep-artifacts`), starts each server on a port the kernel chooses (read from its `ACCEPT`
 * line), holds each client's stdin open as the harness did (a fifo, closed once the server's
 * barrier line shows every ticket was read), and ends by printing the lines the checks judged.
 * Pure: text in, text out.
 *
 * @example
 * ```ts
 * import { reproScript } from "./repro_script.ts";
 * const launch = { command: "/usr/bin/openssl", args: [], env: {} };
 * const text = reproScript({
 *   scenario: "mine/resumes",
 *   file: "mine.ts",
 *   client: "system",
 *   server: "system",
 *   dir: "/tmp/run/s",
 *   pki: { caCert: "/tmp/run/pki/ca.pem", cert: "/tmp/run/pki/leaf.pem", key: "/tmp/run/pki/leaf.key", chain: "/tmp/run/pki/chain.pem" },
 *   steps: [
 *     { role: "s_server", launch, args: ["s_server", "-accept", "127.0.0.1:0"], port: 4433 },
 *     { role: "s_client", launch, args: ["s_client", "-connect", "127.0.0.1:4433"], close: "clean" },
 *   ],
 * });
 * console.log(text.startsWith("#!/usr/bin/env bash"));
 * ```
 * @module
 */
import { shellQuote } from "../process/mod.ts";
import { TEST_PKI_RECIPE } from "../pki/mod.ts";
import type { ExpectationRecord } from "./expectations.ts";

/** One step of a scenario, as {@linkcode reproScript} replays it. */
export type ReproStep =
  | {
    /** An `openssl` command: "s_server", "s_client" or "sess_id". */
    role: "s_server" | "s_client" | "sess_id";
    /** How the build is started (program, its arguments, environment additions). */
    launch: { command: string; args: string[]; env: Record<string, string> };
    /** The arguments after `openssl`. */
    args: string[];
    /** A server's port in the run (what its clients' `-connect` named). */
    port?: number;
    /** How a client's connection ended (killed with SIGKILL or SIGTERM). @default {"clean"} */
    close?: "clean" | "kill" | "term";
  }
  | {
    /** What ran ("ffi driver", "deno server", …): not an `openssl` command. */
    role: string;
    /** What the step was, for the comment that says it cannot be spelled out. */
    opaque: string;
  };

/** What {@linkcode reproScript} needs to know of a result. */
export interface ReproInput {
  /** Scenario name (with its variant, if any). */
  scenario: string;
  /** The scenario file. */
  file: string;
  /** Client build id. */
  client: string;
  /** Server build id. */
  server: string;
  /** Why it did not pass. */
  message?: string;
  /** The failed check, when the verdict came from one. */
  failed?: ExpectationRecord;
  /** The scenario's directory in the run (its paths become the script's work dir). */
  dir: string;
  /** The run's PKI paths (they become the script's PKI dir). */
  pki: { caCert: string; cert: string; key: string; chain: string };
  /** The steps, in the order they started. */
  steps: readonly ReproStep[];
}

/**
 * Lines each kind of step's verdicts are read from: the handshake line, verification, tickets,
 * the session block's fields, errors; a server's per-connection lines; a `sess_id` printout
 * (without hex dumps). Printed at the end of the script, with each step's exit status.
 */
export const JUDGED_LINES: Readonly<Record<"s_server" | "s_client" | "sess_id", string>> = {
  s_client: "^(New|Reused), |^Verification|Verify return code|Post-Handshake New Session Ticket|" +
    "^ *(Protocol|Cipher|Session-ID|Session-ID-ctx|Resumption PSK|TLS session ticket lifetime hint|" +
    "Max Early Data|Early data was) *:|:error:|errno=|^HTTP/|^(Reused|New) session",
  s_server: "Reused session-id|^CIPHER is|:error:|^ERROR|errno=",
  sess_id: "^ *[A-Z][A-Za-z -]+:",
};

/** The harness's barrier and `-www` request, replayed (see `SServer.awaitPostHandshake`). */
const HANDSHAKE_LINE = "^(New|Reused), [^(]";

/**
 * The text of a `repro.sh` for one result. Steps it cannot spell out as `openssl` commands (the
 * FFI driver, Deno TLS peers, a client of such a peer) are named in a comment and echoed when
 * the script reaches them, with the harness command that replays the whole scenario.
 */
export function reproScript(input: ReproInput): string {
  const clientLaunch = input.steps.find((s): s is Extract<ReproStep, { args: string[] }> =>
    "args" in s && s.role === "s_client"
  )?.launch;
  const launches = new Map<string, string>();
  const launchVar = (launch: { command: string; args: string[]; env: Record<string, string> }) => {
    const key = JSON.stringify(launch);
    let name = launches.get(key);
    if (!name) {
      name = `openssl${launches.size + 1}`;
      launches.set(key, name);
    }
    return name;
  };
  const pkiLaunch = clientLaunch ??
    input.steps.flatMap((s) => "args" in s ? [s.launch] : [])[0] ??
    { command: "openssl", args: [], env: {} };
  const pkiVar = launchVar(pkiLaunch);
  const subst = new Map<string, string>([
    [input.pki.caCert, `"$pki"/ca.pem`],
    [input.pki.cert, `"$pki"/leaf.pem`],
    [input.pki.key, `"$pki"/leaf.key`],
    [input.pki.chain, `"$pki"/chain.pem`],
    [`${input.dir}/`, `"$work"/`],
  ]);
  const serverVars = new Map<number, { port: string; stdin: string; www: boolean }>();
  const body: string[] = [];
  const judged: string[] = [];
  const servers: string[] = [];
  const sessionInputs = new Set<string>();
  const written = new Set<string>();
  let opaque = 0;
  // Every fifo fd the script holds: each child closes them all (an inherited write end would
  // keep its own stdin from ever reaching EOF).
  const fds: string[] = [];
  const closeFds = () => fds.map((fd) => ` {${fd}}>&-`).join("");
  input.steps.forEach((step, i) => {
    const n = i + 1;
    const out = `step${n}.${step.role}`;
    if (!("args" in step)) {
      opaque++;
      body.push(
        `# step ${n}: ${step.role}: ${step.opaque}. Not an openssl command: replay it with the harness.`,
        `echo "step ${n} (${step.role}) is not replayed here: run ${rerunCommand(input)}" >&2`,
        "",
      );
      return;
    }
    const v = launchVar(step.launch);
    for (const [flag, set] of [["-sess_in", sessionInputs], ["-sess_out", written]] as const) {
      const at = step.args.indexOf(flag);
      const file = at >= 0 ? step.args[at + 1] : undefined;
      if (file?.startsWith(`${input.dir}/`)) {
        const name = file.slice(input.dir.length + 1);
        if (set === written || !written.has(name)) set.add(name);
      }
    }
    if (step.role === "s_server") {
      const ports = { port: `port${n}`, stdin: `in${n}`, www: step.args.includes("-www") };
      if (step.port !== undefined) serverVars.set(step.port, ports);
      servers.push(out);
      body.push(
        `# step ${n}: s_server. Its stdin stays open while it serves (at EOF it would stop), and`,
        "# the kernel picks its port (it prints ACCEPT 127.0.0.1:<port>), as in the run.",
        `mkfifo ${out}.in && exec {${ports.stdin}}<>${out}.in`,
        `stdbuf -oL -eL "\${${v}[@]}" ${
          renderArgs(step.args, subst)
        } <${out}.in >${out}.out 2>${out}.err${(fds.push(ports.stdin), closeFds())} &`,
        `pids+=($!)`,
        `${ports.port}=$(await_port ${out}.out $!) || exit 2`,
        "",
      );
      judged.push(`judged ${n} s_server ${out} ${shellQuote(JUDGED_LINES.s_server)}`);
      return;
    }
    if (step.role === "sess_id") {
      body.push(
        `# step ${n}: sess_id: what this build reads in a session file.`,
        `"\${${v}[@]}" ${renderArgs(step.args, subst)} >${out}.out 2>${out}.err${closeFds()}`,
        `echo $? >${out}.code`,
        "",
      );
      judged.push(`judged ${n} sess_id ${out} ${shellQuote(JUDGED_LINES.sess_id)}`);
      return;
    }
    const connect = step.args[step.args.indexOf("-connect") + 1] ?? "";
    const port = Number(/:(\d+)$/.exec(connect)?.[1]);
    const target = serverVars.get(port);
    if (!target) {
      opaque++;
      body.push(
        `# step ${n}: s_client to port ${port}, a peer this script does not start (a Deno TLS server?).`,
        `echo "step ${n} (s_client to a peer this script does not start) is not replayed here: run ${
          rerunCommand(input)
        }" >&2`,
        "",
      );
      return;
    }
    const local = new Map(subst).set(connect, `127.0.0.1:"$${target.port}"`);
    const lines = [
      `# step ${n}: s_client. Its stdin stays open until the server's barrier line (sent after`,
      "# its tickets) shows it read every post-handshake message, as the harness did; then",
      target.www
        ? "# it sends GET / and the -www server answers with its status page and closes."
        : step.close === "kill" || step.close === "term"
        ? `# it is killed (SIG${step.close === "kill" ? "KILL" : "TERM"}: no close_notify).`
        : "# its stdin is closed: it sends close_notify and exits.",
      `mkfifo ${out}.in && exec {in${n}}<>${out}.in`,
      `stdbuf -oL -eL "\${${v}[@]}" ${
        renderArgs(step.args, local)
      } <${out}.in >${out}.out 2>${out}.err${(fds.push(`in${n}`), closeFds())} &`,
      "pid=$!",
      // -quiet prints no handshake line: the barrier alone says the handshake completed.
      step.args.includes("-quiet")
        ? "if true; then"
        : `if await_line ${out}.out ${shellQuote(HANDSHAKE_LINE)} "$pid"; then`,
    ];
    if (target.www) {
      lines.push(`  printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&"$in${n}"`);
    } else {
      lines.push(
        `  printf 'repro-barrier-${n}\\n' >&"$${target.stdin}"`,
        `  await_line ${out}.out '^repro-barrier-${n}$' "$pid"`,
      );
    }
    fds.pop();
    // A -www server closes after its page: the client's stdin stays open until it exits.
    const end = [`exec {in${n}}>&-`, `await_exit "$pid" >${out}.code`];
    if (target.www) end.reverse();
    // Killed at once, and reaped here, where bash's "Killed" notice can be silenced.
    if ((step.close === "kill" || step.close === "term") && !target.www) {
      const signal = step.close === "kill" ? "KILL" : "TERM";
      end.splice(
        1,
        1,
        `{ kill -${signal} "$pid"; wait "$pid"; } 2>/dev/null; echo $? >${out}.code`,
      );
      end.reverse();
    }
    lines.push("fi", ...end, "");
    body.push(...lines);
    judged.push(`judged ${n} s_client ${out} ${shellQuote(JUDGED_LINES.s_client)}`);
  });

  const launchLines = [...launches].map(([key, name]) => {
    const l = JSON.parse(key) as { command: string; args: string[]; env: Record<string, string> };
    const env = Object.entries(l.env).map(([k, val]) => `${k}=${val}`);
    const argv = [...(env.length ? ["env", ...env] : []), l.command, ...l.args];
    return `${name}=(${argv.map(shellQuote).join(" ")})`;
  });
  const pkiFiles = Object.entries(TEST_PKI_RECIPE.files).map(([name, text]) =>
    `  printf '%s' ${shellQuote(text)} >"$pki"/${name}`
  );
  const pkiCommands = TEST_PKI_RECIPE.commands.map((args) =>
    `  (cd "$pki" && "\${${pkiVar}[@]}" ${args.map(shellQuote).join(" ")}) >/dev/null 2>&1 || ` +
    `{ echo "repro.sh: making the test PKI failed: openssl ${args[0]}" >&2; exit 2; }`
  );
  const inputs = [...sessionInputs].map((name) =>
    `if [ -f "$here"/${shellQuote(name)} ]; then cp "$here"/${shellQuote(name)} "$work"/; else ` +
    `echo "repro.sh: needs ${name}, which the scenario wrote itself: run with --keep-artifacts DIR ` +
    `and use DIR/…/repro.sh" >&2; exit 2; fi`
  );
  const failed = input.failed
    ? `# The failed check: ${input.failed.claim} "${input.failed.description}": expected ${input.failed.expected}, got ${input.failed.actual}`
    : undefined;

  return [
    "#!/usr/bin/env bash",
    `# Replays ${input.scenario} (client ${input.client} → server ${input.server}) from ${input.file}`,
    "# with plain openssl commands: bash repro.sh (needs bash, coreutils and the builds below).",
    ...comment(`It did not pass: ${input.message ?? "(no message)"}`),
    ...(failed ? comment(failed.slice(2)) : []),
    ...(opaque
      ? comment(
        `${opaque} step(s) are not openssl commands and are not replayed here; the whole ` +
          `scenario replays with: ${rerunCommand(input)}`,
      )
      : []),
    "set -u",
    'here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)',
    'work=$(mktemp -d "${TMPDIR:-/tmp}/repro.XXXXXX") || exit 2',
    "pids=()",
    'cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }',
    "trap cleanup EXIT",
    'cd "$work" || exit 2',
    "",
    "# await_line FILE REGEX PID: until a line of FILE matches, while PID runs (10 s at most).",
    "await_line() {",
    "  local i",
    "  for ((i = 0; i < 200; i++)); do",
    '    grep -qE -- "$2" "$1" 2>/dev/null && return 0',
    '    kill -0 "$3" 2>/dev/null || { grep -qE -- "$2" "$1" 2>/dev/null; return; }',
    "    sleep 0.05",
    "  done",
    '  echo "repro.sh: no line matching $2 in $1 after 10 s" >&2',
    "  return 1",
    "}",
    "# await_exit PID: its exit status, once it ends (killed after 10 s).",
    "await_exit() {",
    "  local i",
    '  for ((i = 0; i < 200; i++)); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done',
    '  kill -0 "$1" 2>/dev/null && { echo "repro.sh: pid $1 still running after 10 s: killed" >&2; kill -KILL "$1"; }',
    '  wait "$1" 2>/dev/null; echo $?',
    "}",
    "# await_port FILE PID: the port of the server's ACCEPT line.",
    "await_port() {",
    '  await_line "$1" \'^ACCEPT .*:[0-9]+\' "$2" || { cat "${1%.out}.err" >&2; return 1; }',
    "  sed -nE 's/^ACCEPT .*:([0-9]+).*/\\1/p' \"$1\" | head -n 1",
    "}",
    "# judged N ROLE NAME REGEX: a step's exit status and the lines its verdicts are read from.",
    "judged() {",
    '  echo "step $1 ($2): exit $(cat "$3.code" 2>/dev/null || echo "(killed by repro.sh)")"',
    `  grep -E -- "$4" "$3.out" | grep -vE '^ {4}[0-9a-f]{4} - ' | sed 's/^/  /'`,
    "  grep -E ':error:|errno=' \"$3.err\" | sed 's/^/  stderr: /'",
    "  true",
    "}",
    "",
    "# The builds, launched as the harness launches them.",
    ...launchLines,
    "",
    "# The test CA and leaf: the run's, when --keep-artifacts kept them beside this script's",
    "# directory; otherwise new ones, made with the harness's own commands.",
    "pki=$here/../pki",
    'if [ ! -f "$pki/ca.pem" ] || [ ! -f "$pki/leaf.pem" ] || [ ! -f "$pki/leaf.key" ]; then',
    "  pki=$work/pki",
    '  mkdir -m 700 "$pki" || exit 2',
    ...pkiFiles,
    ...pkiCommands,
    '  cat "$pki"/leaf.pem "$pki"/ca.pem >"$pki"/chain.pem',
    "fi",
    ...(inputs.length
      ? ["", "# Session files the scenario wrote itself (kept by --keep-artifacts).", ...inputs]
      : []),
    "",
    ...body,
    "# Servers stop here; their lines are complete (line-buffered).",
    'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done',
    "wait 2>/dev/null",
    "pids=()",
    "",
    ...(failed ? [`echo ${shellQuote(failed.slice(2))}`] : []),
    `echo "The lines the checks judged, per step:"`,
    ...judged,
    "",
  ].join("\n");
}

/** The harness command that replays the whole scenario on the same pair. */
export function rerunCommand(
  input: Pick<ReproInput, "file" | "scenario" | "client" | "server">,
): string {
  const builds = input.client === input.server
    ? `--openssl ${input.client}`
    : `--openssl ${input.client} --openssl ${input.server} --pairs all`;
  return `deno task harness run ${input.file} --filter ${
    input.scenario.replace(/\[.*$/, "")
  } ${builds}`;
}

function comment(text: string): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "#";
  for (const w of words) {
    if (line.length + w.length + 1 > 100 && line !== "#") {
      lines.push(line);
      line = "#";
    }
    line += ` ${w}`;
  }
  lines.push(line);
  return lines;
}

/**
 * One argument, with the run's paths and ports turned into the script's variables: the literal
 * parts single-quoted, the variables in double quotes.
 */
function renderArg(arg: string, subst: ReadonlyMap<string, string>): string {
  for (const [literal, replacement] of subst) {
    const at = arg.indexOf(literal);
    if (at < 0) continue;
    const before = arg.slice(0, at);
    const after = arg.slice(at + literal.length);
    return (before ? shellQuote(before) : "") + replacement +
      (after ? renderArg(after, subst) : "");
  }
  return shellQuote(arg);
}

function renderArgs(args: readonly string[], subst: ReadonlyMap<string, string>): string {
  return args.map((a) => renderArg(a, subst)).join(" ");
}
