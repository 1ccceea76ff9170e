// Generated sections: only the text between the markers changes, a second run changes nothing,
// and a malformed file is an error naming its line.
import assert from "node:assert/strict";
import { generatedBlock, generatedSpans, replaceGenerated } from "./readme_sections.ts";

const README = [
  "# Title",
  "",
  "Hand-written text.",
  "",
  "<!-- generated: findings -->",
  "old findings",
  "<!-- /generated -->",
  "",
  "More hand-written text.",
  "<!-- generated: interop -->",
  "<!-- /generated -->",
  "The end.",
  "",
].join("\n");

Deno.test("replaceGenerated() rewrites only between the markers, and is idempotent", () => {
  const sections = { findings: "| f |\n|---|", interop: "| i |\n|---|" };
  const first = replaceGenerated(README, sections, "README.md");
  assert.deepEqual(first.changed, ["findings", "interop"]);
  // Every hand-written line stays where it was.
  const start = README.indexOf("<!-- generated: findings -->");
  assert.equal(first.text.slice(0, start), README.slice(0, start));
  assert.ok(
    first.text.includes(
      "<!-- /generated -->\n\nMore hand-written text.\n<!-- generated: interop -->\n",
    ),
  );
  assert.ok(first.text.endsWith("<!-- /generated -->\nThe end.\n"));
  assert.ok(first.text.includes(generatedBlock("findings", sections.findings)));
  assert.ok(first.text.includes(generatedBlock("interop", sections.interop)));
  const second = replaceGenerated(first.text, sections, "README.md");
  assert.deepEqual(second.changed, []);
  assert.equal(second.text, first.text);
  // One table changes: only that section is reported.
  const third = replaceGenerated(first.text, { ...sections, interop: "| j |" }, "README.md");
  assert.deepEqual(third.changed, ["interop"]);
  assert.ok(third.text.includes("| f |"));
});

Deno.test("generatedSpans() and replaceGenerated() name the file and line of a bad marker", () => {
  const cases: [string, RegExp][] = [
    ["a\n<!-- generated: findings -->\nx\n", /^R\.md:2: section "findings" is not closed/],
    ["a\n<!-- /generated -->\n", /^R\.md:2: <!-- \/generated --> closes no section/],
    [
      "<!-- generated: findings -->\n<!-- generated: interop -->\n",
      /^R\.md:2: section "interop" opens inside section "findings" \(opened at line 1\)/,
    ],
    [
      "<!-- generated: findings -->\n<!-- /generated -->\n<!-- generated: findings -->\n<!-- /generated -->\n",
      /^R\.md:3: generated section "findings" appears twice/,
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => generatedSpans(text, "R.md"), (e: Error) => {
      assert.ok(e instanceof SyntaxError);
      assert.match(e.message, message);
      return true;
    });
  }
  assert.throws(
    () =>
      replaceGenerated(
        "<!-- generated: other -->\n<!-- /generated -->\n",
        { findings: "" },
        "R.md",
      ),
    /^SyntaxError: R\.md:1: unknown generated section "other" \(known: findings\)/,
  );
  assert.throws(
    () => replaceGenerated("# nothing generated\n", { findings: "" }, "R.md"),
    /R\.md: no generated section "findings": add the lines <!-- generated: findings --> and <!-- \/generated -->/,
  );
});
