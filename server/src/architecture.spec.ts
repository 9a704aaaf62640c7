import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of docs/architecture.md ("Layers"), checked on the source text so that a wrong
 * import fails here rather than in review:
 * - live/ only listens: services raise `results.changed` (common/results-changed.ts) and publish
 *   through the `PublicFeed` port (common/public-feed.ts); only the start-up files wire live/ in.
 * - domain/ is pure: no framework, no database, no socket, nothing outside domain/ but the wire
 *   types of contracts/ (as types only) and Node's hashing.
 */

const SRC = __dirname;

/** Files outside live/ that may import it: they assemble the application. */
const MAY_IMPORT_LIVE = new Set(['app.module.ts', 'app.factory.ts', 'main.ts']);

/** Packages domain/ production code may use: the station draw hashes its seed. */
const DOMAIN_PACKAGES = new Set(['node:crypto']);
/** ...and its tests, which build fixtures from the contest-file schemas and property-test the rules. */
const DOMAIN_TEST_PACKAGES = new Set([...DOMAIN_PACKAGES, 'vitest', 'fast-check', 'zod']);
const FRAMEWORK = /^(@nestjs\/|typeorm$|socket\.io|better-sqlite3$|pg$|redis$|@socket\.io\/|rxjs$|express$)/;

interface Import {
  from: string;
  spec: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): Import[] {
  // comments could hold example imports; strings that look like imports in code do not occur in this tree
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: Import[] = [];
  const statement = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(statement)) out.push({ from: file, spec: m[3], typeOnly: Boolean(m[2]) });
  const dynamic = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(dynamic)) out.push({ from: file, spec: m[1], typeOnly: false });
  return out;
}

/** The path under src/ a relative import points at, or null for a package. */
function target(i: Import): string | null {
  if (!i.spec.startsWith('.')) return null;
  return relative(SRC, resolve(dirname(i.from), i.spec)).split(sep).join('/');
}

const rel = (file: string) => relative(SRC, file).split(sep).join('/');
const isTest = (file: string) => /\.spec\.ts$|test-fixtures\.ts$/.test(file);
const all = sourceFiles(SRC).flatMap(importsOf);

describe('architecture', () => {
  it('reads the imports of the tree (the checks below are not vacuous)', () => {
    const wiring = all.filter((i) => rel(i.from) === 'app.module.ts' && target(i)?.startsWith('live/'));
    expect(wiring.length).toBeGreaterThan(0);
    expect(all.some((i) => rel(i.from).startsWith('domain/') && target(i)?.startsWith('domain/'))).toBe(true);
  });

  it('nothing outside live/ imports live/ but the start-up files', () => {
    const wrong = all
      .filter((i) => !rel(i.from).startsWith('live/') && !MAY_IMPORT_LIVE.has(rel(i.from)))
      .filter((i) => target(i)?.startsWith('live/'))
      .map((i) => `${rel(i.from)} imports ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it('domain/ imports no framework, database or socket, and nothing outside domain/ but contract types', () => {
    const wrong = all
      .filter((i) => rel(i.from).startsWith('domain/'))
      .filter((i) => {
        const t = target(i);
        if (t === null) return FRAMEWORK.test(i.spec) || !(isTest(i.from) ? DOMAIN_TEST_PACKAGES : DOMAIN_PACKAGES).has(i.spec);
        if (t.startsWith('domain/')) return false;
        // the wire types are shared with the apps and hold no behaviour; tests may also parse with their schemas
        if (t.startsWith('contracts/')) return !(i.typeOnly || isTest(i.from));
        return true;
      })
      .map((i) => `${rel(i.from)} imports ${i.spec}`);
    expect(wrong).toEqual([]);
  });
});
