// Huyện Phú Lương's news reaches the demo the way an existing portal's would: the worker imports
// its RSS feed (demo/feeds/phuluong.rss, served by the demo itself) through the admin API. Run
// after `wrangler dev` is up, since the feed's address is the worker's own origin.

/**
 * Registers the demo feed at `origin` (dropping one left from a run on another port) and syncs it
 * now. Resolves with the sync's result, or null when the local database has no token for the site.
 */
export async function importDemoFeeds(origin, tokens) {
  const token = tokens.phuluong;
  if (!token) return null;
  const feeds = `${origin}/api/v1/sites/phuluong/feeds`;
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const call = async (url, init = {}) => {
    const response = await fetch(url, { headers, ...init });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  const url = `${origin}/feeds/phuluong.rss`;
  const { items } = await call(feeds);
  for (const stale of items.filter((feed) => feed.url !== url && feed.url.endsWith('/feeds/phuluong.rss'))) {
    await call(`${feeds}/${stale.id}`, { method: 'DELETE' });
  }
  const feed = items.find((f) => f.url === url) ?? (await call(feeds, { method: 'POST', body: JSON.stringify({ url, category: 'tin-tuc' }) }));
  return call(`${feeds}/${feed.id}/sync`, { method: 'POST' });
}
