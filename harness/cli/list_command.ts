import { parseArgs } from "node:util";
import { LIST_HELP } from "./help.ts";
import { type CliIo, ExitCode } from "./io.ts";
import { prepareScenarios } from "./prepare_scenarios.ts";
import { SELECT_FLAGS } from "./run_command.ts";
import { expandVariants, variantLabel } from "../scenario/mod.ts";

/**
 * `list [paths…] [--json]`: the selected scenarios (name, claims, tags), one line per variant
 * (`scenario[variant]`), after loading and validating them; runs nothing. `--json` adds each
 * scenario's variants and the combinations `skipVariant` dropped, with the reason. Exit 1 when
 * a file failed to load.
 */
export async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...SELECT_FLAGS, json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    await io.stdout(LIST_HELP);
    return ExitCode.ok;
  }
  const { selected, failures } = await prepareScenarios(io, positionals, values);
  if (values.json) {
    await io.stdout(
      JSON.stringify(
        {
          scenarios: selected.map((s) => {
            const { variants, dropped } = expandVariants(s);
            return {
              name: s.name,
              claims: s.claims,
              tags: s.tags,
              file: s.file,
              quote: s.quote,
              ...(s.variants === undefined ? {} : {
                variants: variants.map((v) => ({ id: v.id, values: v.values })),
                dropped_variants: dropped.map((v) => ({
                  id: v.id,
                  values: v.values,
                  reason: v.reason,
                })),
              }),
            };
          }),
          load_failures: failures,
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    const rows = selected.flatMap((s) =>
      expandVariants(s).variants.map((v) => ({ label: variantLabel(s.name, v), s }))
    );
    const w = Math.max(8, ...rows.map((r) => r.label.length));
    const lines = rows.map(({ label, s }) =>
      `${label.padEnd(w)}  ${s.claims.join(",").padEnd(12)}  ${s.tags.join(",")}`
    );
    await io.stdout(`${"scenario".padEnd(w)}  ${"claims".padEnd(12)}  tags\n${lines.join("\n")}\n`);
    for (const f of failures) await io.stderr(`error: ${f.file}: ${f.message}\n`);
  }
  return failures.length ? ExitCode.failed : ExitCode.ok;
}
