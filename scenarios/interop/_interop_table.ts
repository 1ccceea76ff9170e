/**
 * Build the Deno TLS interop table (scenarios/interop/INTEROP.md) from a run's JSON report: one
 * row per OpenSSL build, from the facts the `interop/*` scenarios recorded with
 * `recordMeasured` (so the table says what was seen even where a check failed).
 *
 * @example
 * ```sh
 * deno task harness run --tag deno --openssl all --reporter json --out /tmp/deno.json
 * deno run --allow-read --allow-write scenarios/interop/_interop_table.ts /tmp/deno.json \
 *   scenarios/interop/INTEROP.md
 * deno fmt scenarios/interop/INTEROP.md
 * ```
 * @module
 */
import { opensslVersionId } from "../../mod.ts";
import { readMeasured } from "./_measured.ts";

/** The parts of a JSON report (`--reporter json`) the table reads. */
export interface InteropReport {
  /** One record per scenario × variant × client build × server build. */
  results: {
    scenario: string;
    variant?: string;
    status: string;
    client: { id: string; version: string };
    server: { id: string; version: string };
    notes: string[];
  }[];
  /** The run's summary. */
  summary?: { started_at?: string; duration_ms?: number } & Record<string, unknown>;
}

/** The command that makes the report the table is built from. */
export const RUN_COMMAND =
  "deno task harness run --tag deno --openssl all --reporter json --out /tmp/deno.json";

/** Aligns the generated table the way `deno fmt --check` wants it. */
export const FMT_COMMAND = "deno fmt scenarios/interop/INTEROP.md";

/** The command that turns that report into the table. */
export const TABLE_COMMAND = "deno run --allow-read --allow-write " +
  "scenarios/interop/_interop_table.ts /tmp/deno.json scenarios/interop/INTEROP.md";

const SERVER_SIDE = "interop/deno_server_"; // s_client of the build against the Deno server
const CLIENT_SIDE = "interop/deno_client_"; // the Deno client against s_server of the build

interface Row {
  label: string;
  order: [number, number, number];
  facts: Record<string, unknown>;
  statuses: Record<string, string>;
}

/** "OpenSSL 3.0.19 27 Jan 2026 (Library: …)" → "3.0.19"; anything else as it is. */
function shortVersion(version: string): string {
  return opensslVersionId(version) ?? version;
}

function versionOrder(version: string): [number, number, number] {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

function rowsOf(report: InteropReport): Row[] {
  const rows = new Map<string, Row>();
  for (const r of report.results) {
    const side = r.scenario.startsWith(SERVER_SIDE)
      ? r.client
      : r.scenario.startsWith(CLIENT_SIDE)
      ? r.server
      : undefined;
    if (!side) continue;
    const short = shortVersion(side.version);
    const label = side.id === short ? short : `${short} (${side.id})`;
    let row = rows.get(label);
    if (!row) {
      row = { label, order: versionOrder(short), facts: {}, statuses: {} };
      rows.set(label, row);
    }
    // With --pairs all a build appears in several pairs: the first result of a scenario (of
    // each of its variants) wins.
    const key = r.variant ? `${r.scenario}[${r.variant}]` : r.scenario;
    if (row.statuses[key] !== undefined) continue;
    row.statuses[key] = r.status;
    const facts = readMeasured(r.notes);
    for (const [k, v] of Object.entries(facts)) if (!(k in row.facts)) row.facts[k] = v;
  }
  return [...rows.values()].sort((a, b) =>
    a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2] ||
    a.label.localeCompare(b.label)
  );
}

function yesNo(v: unknown): string {
  return v === true ? "yes" : v === false ? "no" : "?";
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return "?";
  if (Array.isArray(v)) return v.map(cell).join(" / ");
  return String(v);
}

function resumedVerdicts(v: unknown): string {
  if (!Array.isArray(v)) return "?";
  const reused = v.filter((x) => x === "Reused,").length;
  return reused === 0 ? `no (${v.length}× New,)` : `**yes** (${reused} of ${v.length} Reused,)`;
}

function ends(v: unknown): string {
  if (!Array.isArray(v) || v.length === 0) return "?";
  const distinct = [...new Set(v.map(String))];
  return distinct.length === 1 ? `${distinct[0]} (all ${v.length})` : distinct.join(", ");
}

function statusCell(statuses: Record<string, string>): string {
  const all = Object.entries(statuses);
  const bad = all.filter(([, s]) => s !== "pass");
  if (bad.length === 0) return `all ${all.length} pass`;
  return bad.map(([n, s]) => `${s}: ${n.replace(/^interop\//, "")}`).join("; ");
}

/**
 * The Markdown table for a report: one row per OpenSSL build (s_client of that build against
 * the Deno server; s_server of that build against the Deno client), followed by the commands
 * that regenerate it.
 *
 * @example
 * ```ts
 * import { interopTable } from "./_interop_table.ts";
 * const md = interopTable({ results: [] });
 * md.includes("| OpenSSL build |"); // true
 * ```
 */
export function interopTable(report: InteropReport): string {
  const rows = rowsOf(report);
  const header = [
    "OpenSSL build",
    "tickets from the Deno server (DT-1)",
    "`-sess_in` resumes (DT-1)",
    "key exchange",
    "bytes read, full / resumed",
    "second use of a ticket (DT-2)",
    "fresh ticket after resuming",
    "`-sess_out` holds ticket # (GS-9)",
    "TLS 1.2 session ID, 2 uses",
    "Deno client resumes, TLS 1.3 (DT-3)",
    "Deno client resumes, TLS 1.2 (DT-3)",
    "control: `-sess_in` page says Reused (1.3 / 1.2)",
    "how `s_server -www` ends a Deno connection",
    "scenarios",
  ];
  const lines = [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
  ];
  for (const { label, facts: f, statuses } of rows) {
    const secondUse = f.secondUse === false
      ? "refused (full handshake)"
      : f.secondUse === true
      ? "**resumed**"
      : "?";
    const tls12 = Array.isArray(f.tls12Uses)
      ? f.tls12Uses.map((u) => u === true ? "Reused" : u === false ? "New" : "?").join(", ")
      : "?";
    const resumed = f.resumed === true
      ? `yes (${cell(f.resumedLine)})`
      : f.resumed === false
      ? "**no**"
      : "?";
    const keyExchange = typeof f.keyExchange === "string"
      ? f.keyExchange.split(",")[0]
      : cell(f.keyExchange);
    lines.push(
      `| ${
        [
          label,
          cell(f.tickets),
          resumed,
          keyExchange,
          cell(f.handshakeBytesRead),
          secondUse,
          yesNo(f.renewedResumes),
          cell(f.fileTicket),
          tls12,
          resumedVerdicts(f.denoClientTls13),
          resumedVerdicts(f.denoClientTls12),
          `${yesNo(f.controlTls13)} / ${yesNo(f.controlTls12)}`,
          ends(f.denoClientEndTls13),
          statusCell(statuses),
        ].join(" | ")
      } |`,
    );
  }
  const started = report.summary?.started_at ? ` (run started ${report.summary.started_at})` : "";
  const denos = [...new Set(rows.map((r) => r.facts.deno).filter((d) => typeof d === "string"))];
  const deno = denos.length ? `Deno ${denos.join(", ")}` : "Deno (version not recorded)";
  return [
    "# Deno TLS (rustls) against OpenSSL: what each build does",
    "",
    `Measured by the \`interop/*\` scenarios with ${deno}${started}; regenerate with:`,
    "",
    "```sh",
    RUN_COMMAND,
    TABLE_COMMAND,
    FMT_COMMAND,
    "```",
    "",
    "Rows are OpenSSL builds: `s_client` of that build against the Deno server " +
    "(`servers/deno_tls_server.ts`, rustls defaults), and the Deno client " +
    "(`servers/deno_tls_client.ts`, 3 connections in one process) against `s_server -www` of " +
    'that build. "?" means the scenario did not get that far (see the last column).',
    "",
    ...lines,
    "",
    "Columns:",
    "",
    "- _tickets_: `Post-Handshake New Session Ticket arrived:` blocks on a full handshake.",
    "- _`-sess_in` resumes_: the `Reused,` line, with the certificate absent and fewer bytes " +
    "read; _key exchange_: the full handshake's group (the resumption uses PSK with (EC)DHE).",
    "- _second use_: the same `-sess_in` file offered again after it resumed once; _fresh " +
    "ticket_: the resumed connection's own `-sess_out` file resumes.",
    "- _ticket #_: which ticket block (1 = first) the `-sess_out` file's ticket equals.",
    "- _TLS 1.2_: `s_client -tls1_2` (Deno has no version option); the `-sess_in` file used " +
    "twice.",
    "- _Deno client resumes_: the `New,`/`Reused,` line of each `s_server -www` page (the " +
    "server's side); TLS 1.2 forced with `s_server -tls1_2`. _control_: `s_client -sess_out` " +
    "then `-sess_in` against the same server.",
    "- _how `s_server -www` ends_: `close_notify` when the Deno client read to a clean end; " +
    "otherwise rustls' error (`UnexpectedEof`: closed without close_notify, after the whole " +
    "page).",
    "",
  ].join("\n");
}

if (import.meta.main) {
  const [input, output] = Deno.args;
  if (!input) {
    await Deno.stderr.write(
      new TextEncoder().encode("Usage: _interop_table.ts REPORT.json [OUT.md]\n"),
    );
    Deno.exitCode = 2;
  } else {
    const md = interopTable(JSON.parse(await Deno.readTextFile(input)) as InteropReport);
    if (output) await Deno.writeTextFile(output, md);
    else await Deno.stdout.write(new TextEncoder().encode(md));
  }
}
