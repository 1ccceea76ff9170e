/**
 * The server-implementation grid of the CLI interop scenarios (IX-1, IX-4) from a run's JSON
 * report: one row per server build, one column per scenario variant, each cell the verdicts of
 * every client build that ran against it (CLI or tcp-peer clients; unsupported pairs are left
 * out), and the peer that served (`ctx.tlsServer()`, recorded as `measured server=…`).
 *
 * @example
 * ```sh
 * deno task harness run scenarios/interop/cli_client_resumes_openssl_session.ts \
 *   scenarios/interop/cli_client_resumes_openssl_session_id.ts --build openssl:system \
 *   --build boringssl:14 --build gnutls:3.8 --build wolfssl:5.7 --build rustls --pairs all \
 *   --reporter json --out /tmp/servers.json
 * deno run --allow-read scenarios/interop/_server_grid.ts /tmp/servers.json
 * ```
 * @module
 */
import type { InteropReport } from "./_interop_table.ts";
import { readMeasured } from "./_measured.ts";

const COLUMNS: readonly [string, string][] = [
  ["interop/cli_client_resumes_openssl_session[1.3]", "TLS 1.3 ticket (IX-1)"],
  ["interop/cli_client_resumes_openssl_session[1.2]", "TLS 1.2 ticket, no cache (IX-1)"],
  ["interop/cli_client_resumes_openssl_session_id", "TLS 1.2 session ID, no tickets (IX-4)"],
];

/** A report's results with the server's implementation (JSON `server.implementation`). */
type Result = InteropReport["results"][number] & {
  server: { implementation?: string };
  message?: string;
};

/** One cell: "pass ×N" when every client passed, else each status with its clients. */
function cellOf(results: Result[]): string {
  const ran = results.filter((r) => r.status !== "unsupported");
  if (ran.length === 0) {
    const why = results[0]?.message?.replace(/^Unsupported: /, "") ?? "";
    const option = /cannot honour ([^(;]+)/.exec(why)?.[1]?.trim();
    return option ? `unsupported (${option})` : "unsupported";
  }
  const by = new Map<string, string[]>();
  for (const r of ran) by.set(r.status, [...by.get(r.status) ?? [], r.client.id]);
  if (by.size === 1 && by.has("pass")) return `pass ×${ran.length}`;
  return [...by].map(([s, ids]) => s === "pass" ? `pass ×${ids.length}` : `${s}: ${ids.join(", ")}`)
    .join("; ");
}

/**
 * The Markdown grid of a report.
 *
 * @example
 * ```ts
 * import { serverGrid } from "./_server_grid.ts";
 * console.log(serverGrid({ results: [] }).split("\n")[0]);
 * ```
 */
export function serverGrid(report: InteropReport): string {
  const rows = new Map<string, { peers: Set<string>; cells: Map<string, Result[]> }>();
  for (const r of report.results as Result[]) {
    const key = r.variant ? `${r.scenario}[${r.variant}]` : r.scenario;
    if (!COLUMNS.some(([k]) => k === key)) continue;
    // A client without a CLI is unsupported whatever the server: it says nothing of the server.
    if (r.status === "unsupported" && /^Unsupported: client build/.test(r.message ?? "")) continue;
    const label = `${r.server.implementation ?? "openssl"} ${r.server.id}`;
    let row = rows.get(label);
    if (!row) rows.set(label, row = { peers: new Set(), cells: new Map() });
    const peer = readMeasured(r.notes).server;
    if (typeof peer === "string") row.peers.add(peer);
    row.cells.set(key, [...row.cells.get(key) ?? [], r]);
  }
  const header = ["server build", "peer", ...COLUMNS.map(([, title]) => title)];
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const [label, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    const cells = COLUMNS.map(([k]) => cellOf(row.cells.get(k) ?? []));
    lines.push(`| ${[label, [...row.peers].join(", ") || "-", ...cells].join(" | ")} |`);
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const [file] = Deno.args;
  if (!file) throw new TypeError("Usage: _server_grid.ts REPORT.json");
  // A script run by hand to print the README's grid: its output is the point.
  // deno-lint-ignore no-console
  console.log(serverGrid(JSON.parse(await Deno.readTextFile(file))));
}
