import assert from "node:assert/strict";
import { formatMarkdownReport } from "./markdown.ts";
import { result, sampleReport, SYSTEM } from "../../testing/report/test_results.ts";
import { countResults } from "./report_data.ts";

Deno.test("formatMarkdownReport() shows a matrix by man page with a column per build", () => {
  const md = formatMarkdownReport(sampleReport());
  assert.match(
    md,
    /^\*\*FAILED\*\*: 9 passed, 1 failed, 1 errored, 1 skipped, 1 xfailed, 0 xpassed/m,
  );
  assert.match(md, /^### SSL_get_session\(3\)$/m);
  assert.match(md, /^\| scenario \| claims \| `system` \| `1\.1\.1w` \| cross pairs \|$/m);
  assert.match(md, /^\| `get_session\/last_ticket_wins` \| GS-9 \| ✓ \| ✓ \| 2 ✓ \|$/m);
  assert.match(md, /^\| `get_session\/unclean_shutdown` \| GS-12 \| ⚠ \| ✗ₓ \| 1 – \|$/m);
  assert.match(md, /^\| `set_session\/tls13_sess_in_resumes` \| SS-1, SS-4 \| ✓ \| {2}\| 1 ✗ \|$/m);
  assert.match(md, /^Legend: ✓ pass/m);
  // the sections come in reading order
  const order = ["## Matrix", "## Client × server", "## Failures", "## Claims"].map((h) =>
    md.indexOf(`\n${h}\n`)
  );
  assert.ok(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1])), String(order));
});

Deno.test("formatMarkdownReport() gives each failure its message, check and repro.sh, and a pass none", () => {
  const md = formatMarkdownReport(sampleReport());
  const failures = md.slice(md.indexOf("## Failures"), md.indexOf("## Expected deviations"));
  assert.match(failures, /### ✗ fail: `set_session\/tls13_sess_in_resumes` \[system -> 1\.1\.1w\]/);
  assert.match(
    failures,
    /- claim \*\*SS-4\*\* \(SSL_set_session\(3\)\): the saved session resumes/,
  );
  assert.match(
    failures,
    /Reproduce: save as `repro\.sh`.*\n\n```sh\n#!\/usr\/bin\/env bash\n# Replays set_session/,
  );
  assert.doesNotMatch(md, /-passing/, "a pass carries no repro text");
  assert.match(failures, /<details><summary>s_client \(exit 0\)<\/summary>/);
  assert.match(failures, /### ⚠ error: `get_session\/unclean_shutdown` \[system\]/);
  assert.doesNotMatch(failures, /xfail/);
  assert.match(
    md,
    /## Expected deviations \(xfail\)\n\n- `get_session\/unclean_shutdown` on `1\.1\.1w`: 1\.1\.1 keeps/,
  );
});

Deno.test("formatMarkdownReport() ends with the claims table", () => {
  const md = formatMarkdownReport(sampleReport());
  assert.match(md, /^\| \*\*GS-9\*\* \| ✓ pass \(4 pass\) \| `get_session\/last_ticket_wins` \|/m);
  assert.match(md, /^\| \*\*SS-4\*\* \| ✗ fail \(1 fail, 1 pass\) \|/m);
  assert.doesNotMatch(md, /^\| \*\*GS-1\*\* \|/m, "only the claims the run cites");
  assert.match(md, /^\d+ more claim\(s\) of the catalogue are not cited by this run/m);
});

Deno.test("formatMarkdownReport() escapes pipes in cells", () => {
  const data = sampleReport();
  data.results[0].claims = ["GS-9|x"];
  assert.match(formatMarkdownReport(data), /GS-9\\\|x/);
});

Deno.test("formatMarkdownReport() stays under 60 KB whatever fails: detail first, then one line each", () => {
  const data = sampleReport();
  const huge = "x".repeat(300) + "\n";
  const builds = Array.from({ length: 12 }, (_, i) => ({
    id: `3.${i}.0`,
    version: `OpenSSL 3.${i}.0`,
    path: `/c/3.${i}/openssl`,
  }));
  for (let s = 0; s < 60; s++) {
    for (const c of builds) {
      for (const v of builds) {
        data.results.push(result(`get_session/huge_${s}`, s % 7 ? "fail" : "error", c, v, {
          message: `Expectation failed for GS-9 on scenario ${s}\n${huge.repeat(50)}`,
          failedExpectation: {
            claim: "GS-9",
            description: "the session file holds the last ticket",
            passed: false,
            actual: "a".repeat(5000),
            expected: '"last"',
          },
          repro: [
            "openssl s_server -accept 127.0.0.1:0",
            "openssl s_client -connect 127.0.0.1:PORT",
          ],
          peers: [{
            role: "s_client",
            command: "openssl s_client",
            exitCode: 1,
            stdout: huge.repeat(2000),
            stderr: huge.repeat(500),
          }],
        }));
      }
    }
  }
  data.summary.counts = countResults(data.results);
  const md = formatMarkdownReport(data);
  const size = new TextEncoder().encode(md).length;
  assert.ok(size < 60_000, `${size} bytes`);
  assert.ok(data.results.length > 8000);
  const failures = md.slice(md.indexOf("## Failures"), md.indexOf("## Expected deviations"));
  assert.match(failures, /^### ⚠ error: `get_session\/huge_0` \[3\.0\.0\]$/m, "full detail first");
  assert.ok(failures.split("\n### ").length > 3, "several failures in full");
  assert.match(failures, /^- ✗ fail: `get_session\/huge_\d+` \[[\d.]+ -> [\d.]+\] — GS-9: /m);
  assert.match(failures, /… and \d+ more not listed here/);
  assert.match(md, /## Claims/, "the claims table is still there");
});

Deno.test("formatMarkdownReport() gives a variant its own row, named scenario[variant]", () => {
  const data = sampleReport();
  data.results.push(
    result("get_session/last_ticket_wins", "fail", SYSTEM, SYSTEM, { variant: "tls12" } as never),
  );
  data.summary.counts = countResults(data.results);
  const md = formatMarkdownReport(data);
  assert.match(md, /^\| `get_session\/last_ticket_wins` \| GS-9 \| ✓ \| ✓ \| 2 ✓ \|$/m);
  assert.match(md, /^\| `get_session\/last_ticket_wins\[tls12\]` \| GS-9 \| ✗ \| {2}\| — \|$/m);
  assert.match(md, /^### ✗ fail: `get_session\/last_ticket_wins\[tls12\]` \[system\]$/m);
});
