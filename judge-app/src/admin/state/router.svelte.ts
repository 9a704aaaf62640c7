/**
 * Hash routes of the console, so the server serves one admin.html and a reload keeps the screen:
 * `#/` contests, `#/new` a new contest, `#/c/CODE/TAB` one contest's desk.
 */
export const TABS = ['overview', 'setup', 'import', 'draw', 'judges', 'devices', 'board', 'appeals', 'exports', 'audit'] as const;
export type Tab = (typeof TABS)[number];

export type Route = { name: 'login' } | { name: 'contests' } | { name: 'new' } | { name: 'contest'; code: string; tab: Tab };

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseHash(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '')
    .map(decode);
  if (parts[0] === 'login' && parts.length === 1) return { name: 'login' };
  if (parts[0] === 'new' && parts.length === 1) return { name: 'new' };
  if (parts[0] === 'c' && parts[1] && parts.length <= 3) {
    const tab = (parts[2] ?? 'overview') as Tab;
    return { name: 'contest', code: parts[1], tab: TABS.includes(tab) ? tab : 'overview' };
  }
  return { name: 'contests' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'login':
      return '#/login';
    case 'new':
      return '#/new';
    case 'contests':
      return '#/';
    case 'contest':
      return `#/c/${encodeURIComponent(route.code)}${route.tab === 'overview' ? '' : `/${route.tab}`}`;
  }
}

export class ConsoleRouter {
  route = $state<Route>({ name: 'contests' });
  private readonly onHash = () => {
    this.route = parseHash(location.hash);
  };

  constructor() {
    this.onHash();
    addEventListener('hashchange', this.onHash);
  }

  go(route: Route, replace = false): void {
    const href = hrefOf(route);
    if (replace) history.replaceState(history.state, '', href);
    else if (location.hash !== href) history.pushState(history.state, '', href);
    this.route = route;
  }

  destroy(): void {
    removeEventListener('hashchange', this.onHash);
  }
}
