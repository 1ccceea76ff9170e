import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo as captureCliIo } from "../../testing/cli/capture_io.ts";
import { liveChildCount } from "../process/mod.ts";

const here = new URL("./testdata/", import.meta.url).pathname;
const captureIo = () => captureCliIo(here);
const REPORTERS = ["json", "junit", "markdown", "html"] as const;

/** `run FILES` with pretty on stdout and every other reporter in a file: their texts. */
async function runAllReporters(files: string[]): Promise<Record<string, string>> {
  const dir = await Deno.makeTempDir({ prefix: "tls-authoring-errors-" });
  try {
    const io = captureIo();
    const args = ["run", ...files, "--reporter", "pretty"];
    for (const r of REPORTERS) args.push("--reporter", r, "--out", `${dir}/${r}`);
    // pretty is first: its --out is the next one's; give it stdout with "-"
    args.splice(args.indexOf("pretty") + 1, 0, "--out", "-");
    assert.equal(await main(args, io), 1, io.err);
    const texts: Record<string, string> = { pretty: io.out };
    for (const r of REPORTERS) texts[r] = await Deno.readTextFile(`${dir}/${r}`);
    return texts;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("run: what a scenario body threw, a bad option and a file without a default export reach every reporter with the scenario's line", async (t) => {
  const texts = await runAllReporters([
    "throws_in_body.ts",
    "bad_option.ts",
    "no_default_export.ts",
  ]);
  const json = JSON.parse(texts.json).results as { scenario: string; message?: string }[];
  const message = (end: string) => json.find((r) => r.scenario.endsWith(end))?.message ?? "";

  await t.step("a thrown TypeError: the error, the file's line, a trimmed stack", () => {
    const m = message("throws_in_body");
    assert.match(m, /^TypeError: Cannot read properties of undefined \(reading 'reused'\)\n/);
    assert.match(
      m,
      /\n {2}at \S*harness\/cli\/testdata\/throws_in_body\.ts:12:\d+ \(the scenario's line\)\n/,
    );
    assert.match(m, /\n {2}stack:\n {4}at Object\.run \(\S*throws_in_body\.ts:12:\d+\)$/);
    assert.doesNotMatch(m, /run_scenarios\.ts|ext:/, "the runner's and Deno's frames are trimmed");
  });
  await t.step(
    "an unknown option: named, with the near miss and the line; no server started",
    () => {
      const m = message("bad_option");
      assert.match(
        m,
        /^TypeError: ctx\.sServer\(\): unknown option "numTicket" \(did you mean "numTickets"\?\); it takes: tls, numTickets,/,
      );
      assert.match(m, /at \S*bad_option\.ts:12:\d+ \(the scenario's line\)/);
    },
  );
  await t.step("a file without a default export: its message", () => {
    assert.match(message("no_default_export.ts"), /has no scenario as its default export/);
  });
  for (const [name, text] of Object.entries(texts)) {
    await t.step(`${name} shows all three`, () => {
      // Each reporter escapes in its own way: look for words without quotes or markup.
      assert.match(text, /Cannot read properties of undefined/, name);
      assert.match(text, /throws_in_body\.ts:12:\d+/, name);
      assert.match(
        text,
        /unknown option .{0,6}numTicket.{0,6} \(did you mean .{0,6}numTickets/,
        name,
      );
      assert.match(text, /bad_option\.ts:12:\d+/, name);
      assert.match(text, /has no scenario as its default export/, name);
    });
  }
  assert.equal(liveChildCount(), 0);
});

Deno.test("run, list: a --filter, --tag or --claim that matches no scenario is exit 2 with a message", async () => {
  for (
    const args of [
      ["run", "passing.ts", "--filter", "no_such_scenario"],
      ["run", "passing.ts", "--tag", "no_such_tag"],
      ["run", "passing.ts", "--claim", "GS-1"],
      ["list", "passing.ts", "--filter", "no_such_scenario"],
    ]
  ) {
    const io = captureIo();
    assert.equal(await main(args, io), 2, args.join(" "));
    assert.match(io.err, /(--filter|--tag|--claim) "[^"]+" matches no scenario \(of 2 loaded;/);
    assert.equal(io.out, "", "nothing ran");
  }
  // The sanity scenario is a scenario like the others when asked for by name.
  const io = captureIo();
  assert.equal(await main(["list", "passing.ts", "--filter", "sanity"], io), 0, io.err);
});
