import assert from "node:assert/strict";
import { MAIN_HELP } from "../harness/cli/help.ts";

const README = await Deno.readTextFile(new URL("../README.md", import.meta.url));

/** The cells of a Markdown table row: split on `|` that is not escaped (`\|` stays in a cell). */
function cells(row: string): string[] {
  return row.trim().replace(/^\|/, "").replace(/\|$/, "").split(/(?<!\\)\|/).map((c) => c.trim());
}

/** Every table of the README (runs of lines starting with `|`, outside code fences). */
function tables(text: string): { line: number; rows: string[] }[] {
  const out: { line: number; rows: string[] }[] = [];
  let fenced = false;
  let current: { line: number; rows: string[] } | undefined;
  text.split("\n").forEach((l, i) => {
    if (/^\s*```/.test(l)) fenced = !fenced;
    if (!fenced && l.startsWith("|")) {
      current ??= { line: i + 1, rows: [] };
      current.rows.push(l);
    } else if (current) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

Deno.test("README: every table is well formed (a header, a delimiter row, the same number of cells in every row)", () => {
  const all = tables(README);
  assert.ok(all.length >= 3, "the README has its tables");
  for (const t of all) {
    const width = cells(t.rows[0]).length;
    assert.match(t.rows[1], /^\|(\s*:?-+:?\s*\|)+$/, `README.md:${t.line + 1}: delimiter row`);
    t.rows.forEach((r, i) => {
      assert.equal(cells(r).length, width, `README.md:${t.line + i}: ${r.slice(0, 60)}`);
    });
  }
});

Deno.test("README: the command table is one table naming every command of the help text", () => {
  const table = tables(README).find((t) => /^\|\s*command\s*\|/.test(t.rows[0]));
  assert.ok(table, "a table whose first column is 'command'");
  const listed = table.rows.slice(2).map((r) => cells(r)[0].replace(/`/g, "").split(" ")[0]);
  const commands = [...MAIN_HELP.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]);
  assert.ok(commands.length >= 5, MAIN_HELP);
  for (const c of commands) assert.ok(listed.includes(c), `"${c}" is in the command table`);
});
