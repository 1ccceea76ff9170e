import assert from "node:assert/strict";
import { liveChildCount } from "../process/mod.ts";
import { captureIo as captureCliIo } from "../../testing/cli/capture_io.ts";
import { REPORT_DIFF_HELP } from "./help.ts";
import { main } from "./main.ts";

const here = new URL("./testdata/", import.meta.url).pathname;
const captureIo = () => captureCliIo(here);

type Doc = { results: { status: string; expectations: { passed: boolean; actual: string }[] }[] };

Deno.test("main() report diff: exit 0 unchanged or better, 1 regressed, 2 bad input", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "tls-harness-diff-" });
  try {
    const base = `${dir}/base.json`;
    assert.equal(
      await main(["run", "passing.ts", "--reporter", "json", "--out", base], captureIo()),
      0,
    );
    const doc: Doc = JSON.parse(await Deno.readTextFile(base));
    const variant = async (name: string, edit: (d: Doc) => void) => {
      const d: Doc = structuredClone(doc);
      edit(d);
      await Deno.writeTextFile(`${dir}/${name}`, JSON.stringify(d));
      return `${dir}/${name}`;
    };
    const failed = await variant("failed.json", (d) => {
      for (const r of d.results) r.status = "fail";
    });
    const observed = await variant("observed.json", (d) => {
      const e = d.results.flatMap((r) => r.expectations).find((x) => x.passed)!;
      e.actual = `${e.actual} (changed)`;
    });

    await t.step("help", async () => {
      const io = captureIo();
      assert.equal(await main(["report", "diff", "--help"], io), 0);
      assert.equal(io.out, REPORT_DIFF_HELP);
    });
    await t.step("a report against itself: exit 0", async () => {
      const io = captureIo();
      assert.equal(await main(["report", "diff", base, base], io), 0);
      assert.match(io.out, /^NO REGRESSION: 0 regressed, .* \d+ unchanged$/m);
    });
    await t.step("pass → fail: exit 1, the regression listed; back again: exit 0", async () => {
      const io = captureIo();
      assert.equal(await main(["report", "diff", base, failed], io), 1);
      assert.match(io.out, /REGRESSED cli_test\/passing \[system\]: pass → fail/);
      assert.equal(await main(["report", "diff", failed, base], captureIo()), 0);
    });
    await t.step("an observed value changed: exit 1", async () => {
      const io = captureIo();
      assert.equal(await main(["report", "diff", base, observed], io), 1);
      assert.match(io.out, /^CHANGED: 0 regressed, 0 other status change\(s\), 1 observed/m);
    });
    await t.step("--reporter json --out FILE; --out - is stdout", async () => {
      const io = captureIo();
      assert.equal(
        await main(
          ["report", "diff", base, failed, "--reporter", "json", "--out", `${dir}/d.json`],
          io,
        ),
        1,
      );
      assert.equal(io.out, "");
      const json = JSON.parse(await Deno.readTextFile(`${dir}/d.json`));
      assert.equal(json.summary.regressions, json.status_changes.length);
      const md = captureIo();
      assert.equal(
        await main(["report", "diff", base, failed, "--reporter", "markdown", "--out", "-"], md),
        1,
      );
      assert.match(md.out, /^# tls-session-harness report diff$/m);
    });
    await t.step("--map OLD=NEW pairs builds explicitly", async () => {
      const io = captureIo();
      assert.equal(await main(["report", "diff", base, base, "--map", "system=system"], io), 0);
      assert.match(io.out, /system ⇒ system \(map\)/);
    });
    await Deno.writeTextFile(`${dir}/list.json`, '{"scenarios": []}');
    const bad: [string[], RegExp][] = [
      [["report", "diff", base], /compares two JSON reports/],
      [["report", "diff", base, `${dir}/missing.json`], /Cannot read report/],
      [["report", "diff", base, `${dir}/list.json`], /Not a JSON report: .*list\.json/],
      [["report", "diff", base, base, "--map", "3.0.19"], /--map takes OLD=NEW/],
      [["report", "diff", base, base, "--map", "9.9=system"], /has no build "9\.9"/],
      [["report", "diff", base, base, "--reporter", "junit"], /Unknown diff reporter "junit"/],
      [["report", "diff", base, base, "--bogus"], /bogus/],
    ];
    for (const [args, message] of bad) {
      await t.step(`exit 2: ${args.slice(2).join(" ").replaceAll(dir, "")}`, async () => {
        const io = captureIo();
        assert.equal(await main(args, io), 2);
        assert.match(io.err, message);
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(liveChildCount(), 0);
});

Deno.test("main() run --baseline FILE: runs, then exits as the diff does", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "tls-harness-baseline-" });
  try {
    const base = `${dir}/base.json`;
    assert.equal(
      await main(["run", "passing.ts", "--reporter", "json", "--out", base], captureIo()),
      0,
    );
    await t.step("the same run again: exit 0, the diff after the pretty output", async () => {
      const io = captureIo();
      assert.equal(await main(["run", "passing.ts", "--baseline", base], io), 0);
      assert.match(io.out, /PASS {2}cli_test\/passing[\s\S]*\nNO REGRESSION: /);
    });
    await t.step("a baseline where the check observed something else: exit 1", async () => {
      const doc = JSON.parse(await Deno.readTextFile(base));
      for (const e of doc.results[0].expectations) e.actual = `${e.actual} (then)`;
      await Deno.writeTextFile(`${dir}/then.json`, JSON.stringify(doc));
      const io = captureIo();
      assert.equal(
        await main(
          ["run", "passing.ts", "--baseline", `${dir}/then.json`, "--reporter", "json"],
          io,
        ),
        1,
      );
      JSON.parse(io.out); // the JSON report on stdout stays parseable: the diff went to stderr
      assert.match(io.err, /^CHANGED: /m);
    });
    await t.step("a run that fails exits 1 whatever the diff says", async () => {
      const io = captureIo();
      assert.equal(await main(["run", "failing.ts", "--baseline", base], io), 1);
      assert.match(io.out, /Only in this run:\n {2}cli_test\/failing \[system\]: fail/);
    });
    await t.step("bad baseline or --map without it: exit 2 before anything runs", async () => {
      const io = captureIo();
      assert.equal(await main(["run", "passing.ts", "--baseline", `${dir}/none.json`], io), 2);
      assert.match(io.err, /Cannot read report/);
      assert.doesNotMatch(io.out, /Running/);
      const lone = captureIo();
      assert.equal(await main(["run", "passing.ts", "--map", "a=b"], lone), 2);
      assert.match(lone.err, /--map compares builds with a baseline/);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(liveChildCount(), 0);
});
