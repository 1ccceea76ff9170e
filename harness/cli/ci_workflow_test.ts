// The GitHub Actions workflow is code the CLI does not run: this test keeps its commands in step
// with the CLI's argument parser, so a renamed flag breaks here and not on someone's CI.
import assert from "node:assert/strict";
import { parse } from "yaml";
import { parseShard } from "../runner/mod.ts";
import { captureIo } from "../../testing/cli/capture_io.ts";
import { main } from "./main.ts";
import { buildMappings, DIFF_REPORTER_NAMES } from "./report_diff_command.ts";
import { reportTargets } from "./write_reports.ts";

const WORKFLOW = new URL("../../.github/workflows/matrix.yml", import.meta.url);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown[]> };
  steps: Step[];
}

/** Split a shell command into words: quotes group, nothing is expanded. */
function words(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Every `deno task harness …` command of a `run:` script, with `${{ … }}` filled in. */
function harnessCommands(script: string, values: Record<string, string>): string[][] {
  const joined = script.replace(/\\\n\s*/g, " ").replace(
    /\$\{\{\s*([\w.]+)\s*\}\}/g,
    (whole, name: string) => values[name] ?? whole,
  );
  const commands: string[][] = [];
  for (const line of joined.split("\n")) {
    const at = line.indexOf("deno task harness ");
    if (at < 0) continue;
    // The command ends where the shell would end it.
    const text =
      line.slice(at + "deno task harness ".length).split(/\s(?:&&|\|\||\||;|>|2>)\s?/)[0];
    commands.push(words(text));
  }
  return commands;
}

/** What the CLI's parser says of a command line: exit code and stderr, without running it. */
async function accepted(args: string[]): Promise<{ code: number; err: string }> {
  const io = captureIo(Deno.cwd());
  // --help after the flags: the parser checks every flag first, then prints help and stops.
  const code = await main([...args, "--help"], io);
  return { code, err: io.err };
}

/** Values the parser takes as strings but the command checks later. */
function checkValues(args: string[]): void {
  const flag = (name: string) =>
    args.flatMap((a, i) => (a === name && args[i + 1] !== undefined ? [args[i + 1]] : []));
  if (args[0] === "run" || (args[0] === "report" && args[1] === "merge")) {
    for (const s of flag("--shard")) parseShard(s);
    reportTargets(flag("--reporter"), flag("--out"), flag("--html")[0]);
  }
  if (args[0] === "report" && args[1] === "diff") {
    for (const r of flag("--reporter")) assert.ok(DIFF_REPORTER_NAMES.includes(r), r);
    buildMappings(flag("--map"));
    assert.equal(
      args.slice(2).filter((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"))
        .length,
      2,
    );
  }
}

Deno.test("matrix.yml: every deno task harness command is one the CLI accepts", async () => {
  const doc = parse(await Deno.readTextFile(WORKFLOW)) as {
    env: Record<string, string>;
    jobs: Record<string, Job>;
  };
  const shards = doc.jobs.shard.strategy?.matrix?.shard ?? [];
  assert.equal(shards.length, Number(doc.env.SHARDS), "env.SHARDS matches the shard matrix");
  const commands: string[][] = [];
  for (const job of Object.values(doc.jobs)) {
    for (const step of job.steps) {
      if (!step.run) continue;
      for (const shard of shards.length ? shards : [1]) {
        commands.push(...harnessCommands(step.run, {
          "matrix.shard": String(shard),
          "env.SHARDS": doc.env.SHARDS,
        }));
      }
    }
  }
  const seen = new Set(commands.map((c) => c.slice(0, 2).join(" ")));
  for (const expected of ["builds fetch", "run --build", "report merge", "report diff"]) {
    assert.ok(
      [...seen].some((s) => s.startsWith(expected)),
      `no "${expected}" command in the workflow`,
    );
  }
  for (const args of commands) {
    const { code, err } = await accepted(args);
    assert.equal(code, 0, `deno task harness ${args.join(" ")}: ${err}`);
    checkValues(args);
  }
  // The shards together cover the run: 1/N … N/N.
  const parts = commands.filter((c) => c[0] === "run").map((c) => c[c.indexOf("--shard") + 1]);
  assert.deepEqual(parts.sort(), shards.map((s) => `${s}/${doc.env.SHARDS}`).sort());
});

Deno.test("matrix.yml: builds are cached, parts merged, HTML published, Markdown summarised", async () => {
  const text = await Deno.readTextFile(WORKFLOW);
  const doc = parse(text) as { jobs: Record<string, Job> };
  const uses = (job: string) => doc.jobs[job].steps.map((s) => s.uses ?? "");
  assert.ok(uses("builds").some((u) => u.startsWith("actions/cache@")));
  assert.ok(uses("shard").some((u) => u.startsWith("actions/cache/restore@")));
  assert.deepEqual(doc.jobs.report.needs, "shard");
  const report = doc.jobs.report.steps;
  assert.ok(
    report.some((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"') && s.run.includes("report.md")),
  );
  assert.ok(
    report.some((s) =>
      s.uses?.startsWith("actions/upload-artifact@") && String(s.with?.path).includes("report.html")
    ),
  );
  // The checker itself can fail: a flag the CLI does not know is refused.
  assert.equal((await accepted(["run", "--shards", "1/4"])).code, 2);
  assert.throws(() => checkValues(["run", "--shard", "5/4"]));
});

Deno.test(".ci/run: the version matrix runs every build (no --build list leaves one out)", async () => {
  const script = await Deno.readTextFile(new URL("../../.ci/run", import.meta.url));
  const calls = script.split("\n").filter((l) => /^\s*npx -y deno@[\d.]+ task matrix\b/.test(l));
  assert.equal(calls.length, 1, "one matrix call");
  assert.doesNotMatch(calls[0], /--build\b|\\$/, `every build, on one line: ${calls[0]}`);
});
