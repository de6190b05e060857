import { listCategories, type CategoryRecord } from '../db/categories.js';

// A site's categories are few, change rarely, and every article list needs their titles: an
// isolate keeps each site's list for a minute (as it does sites), so a page of articles reads no
// category rows. An admin's change is seen at once by the isolate that made it (forget…) and
// within a minute by the others. Writes that check a slug read the table afresh.
const TTL_MS = 60_000;
const cache = new Map<number, { list: CategoryRecord[]; until: number }>();

export async function siteCategories(db: D1Database, siteId: number, { fresh = false } = {}): Promise<CategoryRecord[]> {
  const hit = cache.get(siteId);
  if (!fresh && hit && hit.until > Date.now()) return hit.list;
  const list = await listCategories(db, siteId);
  cache.set(siteId, { list, until: Date.now() + TTL_MS });
  return list;
}

export const forgetCategories = (siteId: number) => cache.delete(siteId);

/** The ids of a category and of all categories below it (a listing of "Tin tức" shows its subcategories' news too). */
export function subtreeIds(list: CategoryRecord[], rootId: number): number[] {
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) for (const category of list) if (category.parentId === ids[i] && !ids.includes(category.id)) ids.push(category.id);
  return ids;
}
