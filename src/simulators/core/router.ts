import type { SimMethod, SimRoute } from './types.js';

interface CompiledRoute {
  route: SimRoute;
  id: string;
  regex: RegExp;
  names: string[];
}

/** A match: the route, its id and the decoded path params. */
export interface RouteMatch {
  route: SimRoute;
  id: string;
  params: Record<string, string>;
}

/** Matches `METHOD /path` against route patterns with `:param` segments. */
export class Router {
  private compiled: CompiledRoute[];

  constructor(routes: readonly SimRoute[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(segment.slice(1));
          return '([^/]+)';
        })
        .join('/');
      return { route, id: `${route.method} ${route.path}`, regex: new RegExp(`^${source}/?$`), names };
    });
  }

  /** The route for this request; static routes are listed first by the providers where it matters. */
  match(method: SimMethod, path: string): RouteMatch | undefined {
    for (const c of this.compiled) {
      if (c.route.method !== method) continue;
      const m = c.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route: c.route, id: c.id, params };
    }
    return undefined;
  }
}
