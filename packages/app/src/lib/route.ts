/** The app's pages by location hash: `#/` the registry, `#/c/<creator>` a fan's page, `#/c/<creator>/manage` the creator's. */
export type Route = { page: 'registry' } | { page: 'fan' | 'creator'; creator: string };

/** The page a location hash names (the registry for anything else). */
export function routeOf(hash: string): Route {
  const match = /^#\/c\/([1-9A-HJ-NP-Za-km-z]{46,48})(\/manage)?$/.exec(hash);
  if (!match?.[1]) return { page: 'registry' };
  return { page: match[2] ? 'creator' : 'fan', creator: match[1] };
}
