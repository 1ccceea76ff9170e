import assert from "node:assert/strict";
import {
  BUILTIN_SCENARIOS_DIR,
  defaultScenarioName,
  findScenarioFiles,
  loadScenarios,
} from "./load.ts";

// Say a thing once (STYLE.md 9): the man-page sentence lives in `quote`, the name in the path.
const words = (text: string) => text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];

/** A run of `n` words of `quote` that `text` repeats, if any. */
function repeatedRun(text: string, quote: string, n = 6): string | undefined {
  const q = words(quote);
  const t = ` ${words(text).join(" ")} `;
  for (let i = 0; i + n <= q.length; i++) {
    const run = q.slice(i, i + n).join(" ");
    if (t.includes(` ${run} `)) return run;
  }
  return undefined;
}

/** The JSDoc right above `export default`, and the `name` field as written. */
function declarationParts(source: string) {
  const at = source.indexOf("export default");
  const start = source.lastIndexOf("/**", at);
  const end = source.indexOf("*/", start);
  const doc = start >= 0 && end < at ? source.slice(start, end) : "";
  const name = /\n {2}name: "([^"]+)",/.exec(source)?.[1];
  return { doc, name };
}

Deno.test("repeatedRun() finds six words of the quote in a text, and only then", () => {
  const quote = "SSL_get_session() returns the last session received on the client side.";
  assert.equal(
    repeatedRun(
      ' * SSL_get_session(3): "SSL_get_session() returns the last session received',
      quote,
    ),
    "ssl_get_session returns the last session received",
  );
  assert.equal(
    repeatedRun(" * The file holds the last ticket the client received.", quote),
    undefined,
  );
});

Deno.test("scenario files say their quote once and do not restate their default name", async () => {
  const { scenarios } = await loadScenarios(await findScenarioFiles(BUILTIN_SCENARIOS_DIR));
  for (const file of new Set(scenarios.map((s) => s.file))) {
    const { doc, name } = declarationParts(await Deno.readTextFile(file));
    const quote = scenarios.filter((s) => s.file === file).map((s) => s.quote).join(" ");
    const short = file.slice(file.lastIndexOf("/scenarios/") + 1);
    const run = repeatedRun(doc, quote);
    assert.equal(run, undefined, `${short}: the JSDoc repeats the quote ("${run} …"): say it once`);
    assert.notEqual(
      name,
      defaultScenarioName(file),
      `${short}: name "${name}" is the default (the file's path): leave it out`,
    );
  }
});
