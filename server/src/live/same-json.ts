/**
 * Whether two JSON values would be sent the same (keys whose value is undefined are not sent).
 * Compares in place: serializing both rows of every entry on every publish was most of the
 * diff's cost and garbage. `skip` names top-level keys left out of the comparison.
 */
export function sameJson(a: unknown, b: unknown, skip?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (x[k] === undefined || skip?.has(k)) continue;
    if (!sameJson(x[k], y[k])) return false;
    keys++;
  }
  for (const k in y) if (y[k] !== undefined && !skip?.has(k)) keys--;
  return keys === 0;
}
