import assert from "node:assert/strict";
import type { RunEvent, ScenarioResult } from "../runner/mod.ts";
import { describeFailure, prettyReporter, terminalTail } from "./pretty.ts";
import { OLD, result, sampleReport, SYSTEM } from "../../testing/report/test_results.ts";

async function render(results: ScenarioResult[], tty = false): Promise<string> {
  async function* events(): AsyncGenerator<RunEvent> {
    yield {
      type: "run:start",
      total: results.length,
      jobs: 1,
      builds: [SYSTEM, OLD],
      startedAt: "",
    };
    for (const result of results) yield { type: "scenario:end", result };
    const counts = { pass: 0, fail: 0, error: 0, skip: 0, xfail: 0, xpass: 0 } as Record<
      string,
      number
    >;
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    yield {
      type: "run:end",
      results,
      counts: counts as never,
      durationMs: 1000,
      staleDeviations: [],
      interrupted: false,
    };
  }
  let out = "";
  for await (const chunk of prettyReporter(events(), { tty })) out += chunk;
  return out;
}

const PEM =
  "-----BEGIN SSL SESSION PARAMETERS-----\nMH8CAQECAgMDBALALAQg\nMIpoFTbgEcKx\n-----END SSL SESSION PARAMETERS-----";
const HEX = "    0000 - d3 dd 83 7e b5 38 31 8b-d3 f2 9a 24 2b d1 6d 6d   ...~.81....$+.mm\n" +
  "    0010 - 3f 2e 65 f8 38 63 4a 4e-ef f8 34 e3 d7 e1 49 1f   ?.e.8cJN..4...I.";

Deno.test("terminalTail() drops PEM blocks and hex dumps and keeps the last lines", () => {
  const text = ["line 1", PEM, HEX, ...Array.from({ length: 12 }, (_, i) => `tail ${i}`)].join(
    "\n",
  );
  const out = terminalTail(text);
  assert.doesNotMatch(out, /BEGIN|MH8C|d3 dd/);
  assert.match(out, /^… \d+ earlier line\(s\)\n/);
  assert.match(out, /tail 11$/);
  assert.match(
    terminalTail(`a\n${PEM}\n${HEX}\nb`),
    /^a\n\[PEM block, 4 line\(s\)\]\n\[hex dump, 2 line\(s\)\]\nb$/,
  );
});

Deno.test("describeFailure() shows the failed check, its values and the peers' last lines", () => {
  const r = sampleReport().results.find((x) => x.status === "fail")!;
  r.peers[0].stdout = `${PEM}\nNew, TLSv1.3\nReused session-id`;
  const text = describeFailure(r);
  assert.match(text, /^FAIL set_session\/tls13_sess_in_resumes \[system -> 1\.1\.1w\]/);
  assert.match(
    text,
    /failed check: claim SS-4: the saved session resumes\n {4}expected: true\n {4}actual: {3}false/,
  );
  assert.match(text, /stdout \(last lines\):\n {6}\[PEM block, 4 line\(s\)\]\n {6}New, TLSv1\.3/);
  assert.doesNotMatch(text, /MH8C/);
});

Deno.test("prettyReporter() prints a failure once for every pair, then what did not pass and the summary", async () => {
  const fail = (c: typeof SYSTEM, s: typeof SYSTEM) =>
    result("get_session/last_ticket_wins", "fail", c, s, {
      message: "Expectation failed for GS-9",
      failedExpectation: {
        claim: "GS-9",
        description: "last ticket",
        passed: false,
        actual: '"first"',
        expected: '"last"',
      },
    });
  const results = [
    fail(SYSTEM, SYSTEM),
    fail(OLD, OLD),
    result("get_session/unclean_shutdown", "error", SYSTEM, SYSTEM, {
      claims: ["GS-12"],
      message: "timed out",
    }),
    result("get_session/unclean_shutdown", "xfail", OLD, OLD, {
      claims: ["GS-12"],
      deviation: { reason: "1.1.1 keeps the session" },
    }),
    result("sanity/handshake", "pass", SYSTEM, SYSTEM, { claims: ["SN-5"] }),
  ];
  const out = await render(results);
  assert.equal(out.match(/^FAIL get_session\/last_ticket_wins/gm)?.length, 1, out);
  assert.match(out, /^FAIL get_session\/last_ticket_wins \[system, 1\.1\.1w\]/m);
  const tail = out.slice(out.indexOf("\nDid not pass:"));
  assert.match(tail, /^ {2}ERROR get_session\/unclean_shutdown \[system\] — timed out$/m);
  assert.match(tail, /^ {2}FAIL {2}get_session\/last_ticket_wins \[system, 1\.1\.1w\]/m);
  assert.match(
    tail,
    /^ {2}XFAIL get_session\/unclean_shutdown \[1\.1\.1w\] — 1\.1\.1 keeps the session$/m,
  );
  assert.match(
    tail,
    /\n\n1 passed, 2 failed, 1 errored, 0 skipped, 1 xfailed, 0 xpassed \(1\.0 s\)\n$/,
  );
  // the claims table lists the claims of the run only
  const claims = out.slice(out.indexOf("Claims of this run:"), out.indexOf("\nDid not pass:"));
  assert.deepEqual(
    claims.split("\n").slice(2).filter(Boolean).map((l) => l.split(" ")[0]),
    ["GS-9", "GS-12", "SN-5"].filter((id) => claims.includes(id)),
  );
  assert.doesNotMatch(claims, /GS-1 /);
  assert.match(claims, /^GS-9 /m);
});

Deno.test("prettyReporter() colours FAIL and ERROR differently on a terminal", async () => {
  if (Deno.env.get("NO_COLOR")) return; // NO_COLOR is honoured; the CI script sets it
  const out = await render([
    result("a/x", "fail", SYSTEM, SYSTEM),
    result("a/y", "error", SYSTEM, SYSTEM, { message: "boom" }),
  ], true);
  assert.ok(out.includes("\x1b[31mFAIL \x1b[0m"));
  assert.ok(out.includes("\x1b[1;35mERROR\x1b[0m"));
  assert.ok(out.includes("\x1b[31m1 failed\x1b[0m, \x1b[1;35m1 errored\x1b[0m"));
});

Deno.test('pretty "Did not pass" gives unsupported results that say only why one line per reason', async () => {
  const unsupported = (scenario: string, build = OLD, extra: Partial<ScenarioResult> = {}) =>
    result(scenario, "unsupported" as ScenarioResult["status"], build, build, {
      expectations: [],
      message: `Unsupported: client build "${build.id}" lacks "api"`,
      ...extra,
    });
  const out = await render([
    result("get_session/a", "pass", SYSTEM, SYSTEM),
    unsupported("get_session/a_api"),
    unsupported("get_session/b_api"),
    unsupported("get_session/b_api", SYSTEM),
    // Checks ran before the unsupported op: its own line, with its scenario and pair.
    unsupported("get_session/c_api", OLD, { notes: ["driver"], message: "Unsupported: FFI op x" }),
  ]);
  const section = out.slice(out.indexOf("Did not pass:"));
  assert.deepEqual(section.split("\n").filter((l) => l.startsWith("  UNSUP")), [
    "  UNSUP get_session/c_api [1.1.1w] — Unsupported: FFI op x",
    '  UNSUP 2 result(s) of 2 scenario(s) — Unsupported: client build "1.1.1w" lacks "api"',
    '  UNSUP 1 result(s) of 1 scenario(s) — Unsupported: client build "system" lacks "api"',
  ]);
});
