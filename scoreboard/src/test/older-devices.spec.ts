import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Node } from 'acorn';
import { describe, expect, it } from 'vitest';

/**
 * Syntax after ES2019 in a parsed script. `import()` and `import.meta` (ES2020 on paper) are left
 * alone: every browser that runs module scripts has them, Chrome 79 and Safari 13.4 included.
 */
function newerSyntax(ast: Node): { what: string; at: number }[] {
  const found: { what: string; at: number }[] = [];
  const visit = (node: unknown, fnDepth: number): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, fnDepth));
    if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
    const n = node as Node & Record<string, unknown>;
    const bad =
      n.type === 'ChainExpression' ? '?.' :
      n.type === 'LogicalExpression' && n.operator === '??' ? '??' :
      n.type === 'AssignmentExpression' && ['&&=', '||=', '??='].includes(n.operator as string) ? String(n.operator) :
      n.type === 'Literal' && typeof n.bigint === 'string' ? 'BigInt literal' :
      n.type === 'Literal' && typeof n.raw === 'string' && /^[\d.]/.test(n.raw) && n.raw.includes('_') ? 'numeric separator' :
      n.type === 'Literal' && (n.regex as { flags?: string } | undefined)?.flags?.match(/[dv]/) ? 'regexp flag d/v' :
      n.type === 'PropertyDefinition' ? 'class field' :
      n.type === 'PrivateIdentifier' ? 'private name' :
      n.type === 'StaticBlock' ? 'static block' :
      n.type === 'ExportAllDeclaration' && n.exported ? 'export * as' :
      n.type === 'AwaitExpression' && fnDepth === 0 ? 'top-level await' :
      n.type === 'ForOfStatement' && n.await && fnDepth === 0 ? 'top-level for await' :
      null;
    if (bad) found.push({ what: bad, at: n.start });
    const inner = /Function/.test(n.type) ? fnDepth + 1 : fnDepth;
    for (const [k, v] of Object.entries(n)) if (k !== 'type' && v && typeof v === 'object') visit(v, inner);
  };
  visit(ast, 0);
  return found;
}

/**
 * The phone board and the judge app run on Chrome 79 and iOS/Safari 13.4 (older phones, WeChat's
 * browser, iPads that cannot update): every built script must be ES2019 — no `?.`, `??`,
 * class fields or other later syntax — and no stylesheet may use `:where()`, which those browsers
 * do not know (they drop the whole rule). Reads the builds `npm test` makes before the suites.
 */
const root = new URL('../../../', import.meta.url).pathname;
const apps = ['scoreboard', 'judge-app'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe.each(apps)('the built %s', (app) => {
  const dist = join(root, app, 'dist');
  const built = existsSync(dist) ? files(dist) : [];

  it('exists (npm run build -w judge-app -w scoreboard)', () => {
    expect(built.some((f) => f.endsWith('.js'))).toBe(true);
  });

  it('has only ES2019 syntax in every script (besides import() and import.meta)', () => {
    const problems: string[] = [];
    for (const path of built.filter((f) => /\.m?js$/.test(f))) {
      const code = readFileSync(path, 'utf8');
      // the service worker is a classic script; the app's chunks are modules
      const sourceType = /(^|\/)(sw|workbox-[\w-]+)\.js$/.test(path) ? 'script' : 'module';
      try {
        const ast = parse(code, { ecmaVersion: 'latest', sourceType });
        for (const { what, at } of newerSyntax(ast)) problems.push(`${path.slice(root.length)}: ${what} in ${JSON.stringify(code.slice(at, at + 40))}`);
      } catch (e) {
        const at = (e as { pos?: number }).pos ?? 0;
        problems.push(`${path.slice(root.length)}: ${(e as Error).message} near ${JSON.stringify(code.slice(Math.max(0, at - 30), at + 30))}`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000); // parsing a few hundred KB of minified code takes seconds on a busy two-core machine

  it('has no :where() in its stylesheets', () => {
    const found = built
      .filter((f) => f.endsWith('.css'))
      .flatMap((path) => (readFileSync(path, 'utf8').match(/[^{}]{0,60}:where\(/g) ?? []).map((m) => `${path.slice(root.length)}: ${m}`));
    expect(found).toEqual([]);
  });
});
