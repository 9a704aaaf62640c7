// Svelte 5 scopes the second and later parts of a selector as `:where(.svelte-xyz)` to keep
// specificity flat. Chrome < 88 and Safari < 14 do not know `:where()` and drop the whole rule
// (the selected tab, the active chip...). Writing the plain class instead gives Svelte 4's
// specificity, which the components were written against, and a rule every supported browser reads.
const SCOPED_WHERE = /:where\((\.svelte-[a-z0-9]+)\)/g;

/** A Vite plugin that rewrites Svelte's scoped `:where(.svelte-xyz)` to `.svelte-xyz`. */
export function svelteCssWithoutWhere() {
  return {
    name: 'svelte-css-without-where',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.svelte\?svelte&type=style&lang\.css$/.test(id) || !code.includes(':where(.svelte-')) return null;
      return { code: code.replace(SCOPED_WHERE, '$1'), map: null };
    },
  };
}

/** Browsers the audience's phones and the judges' tablets still run: Chrome 79, iOS/Safari 13.4. */
export const OLDER_DEVICES = ['chrome79', 'safari13'];
