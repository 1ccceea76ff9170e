/** Compiled patterns: a run matches every result against every deviation (34k × dozens). */
const compiled = new Map<string, RegExp>();

/**
 * A scenario-name pattern where `*` matches anything. `whole`: the pattern must match the
 * entire name (expected deviations); otherwise anywhere in it (`--filter`). Compiled once per
 * pattern (a `RegExp` without the `g` flag keeps no state, so one can be shared).
 */
export function namePattern(pattern: string, options: { whole: boolean }): RegExp {
  const key = `${options.whole ? "w" : "p"}${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    const body = pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    re = new RegExp(options.whole ? `^${body}$` : body);
    compiled.set(key, re);
  }
  return re;
}
