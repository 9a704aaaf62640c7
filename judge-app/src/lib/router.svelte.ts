/**
 * Hash routes, so the server serves one index.html under /judge/ and a reload keeps the screen.
 * Every screen of the tablet has its route here, the chief judge's desk included.
 */
export type Route =
  | { name: 'login' }
  | { name: 'events' }
  | { name: 'event'; event: string }
  | { name: 'sheet'; event: string; station: string }
  | { name: 'desk'; event: string };

type RouteName = Route['name'];

const ROUTES: { name: RouteName; pattern: string[] }[] = [
  { name: 'login', pattern: ['login'] },
  { name: 'events', pattern: [] },
  { name: 'event', pattern: ['events', ':event'] },
  { name: 'sheet', pattern: ['events', ':event', 'stations', ':station'] },
  { name: 'desk', pattern: ['events', ':event', 'desk'] },
];

export function parseHash(hash: string): Route | null {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '')
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  for (const r of ROUTES) {
    if (r.pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = r.pattern.every((seg, i) => (seg.startsWith(':') ? ((params[seg.slice(1)] = parts[i]), true) : seg === parts[i]));
    if (ok) return { name: r.name, ...params } as Route;
  }
  return null;
}

export function hrefOf(route: Route): string {
  const r = ROUTES.find((x) => x.name === route.name)!;
  const params = route as unknown as Record<string, string>;
  const path = r.pattern.map((seg) => (seg.startsWith(':') ? encodeURIComponent(params[seg.slice(1)]) : seg)).join('/');
  return `#/${path}`;
}

export class Router {
  route = $state<Route>({ name: 'events' });
  private readonly onHash = () => {
    this.route = parseHash(location.hash) ?? { name: 'events' };
  };

  constructor() {
    this.onHash();
    addEventListener('hashchange', this.onHash);
  }

  go(route: Route, replace = false): void {
    const href = hrefOf(route);
    if (replace) history.replaceState(history.state, '', href);
    else history.pushState(history.state, '', href);
    this.route = route;
  }

  destroy(): void {
    removeEventListener('hashchange', this.onHash);
  }
}
