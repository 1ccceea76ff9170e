/**
 * A scenario-name pattern where `*` matches anything. `whole`: the pattern must match the
 * entire name (expected deviations); otherwise anywhere in it (`--filter`).
 */
export function namePattern(pattern: string, options: { whole: boolean }): RegExp {
  const body = pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(options.whole ? `^${body}$` : body);
}
