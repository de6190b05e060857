export interface CategoryRecord {
  id: number;
  slug: string;
  title: string;
  parentId: number | null;
  weight: number;
}

interface CategoryRow {
  id: number;
  slug: string;
  title: string;
  parent_id: number | null;
  weight: number;
}

/** Every category of a site, in the order a menu shows them (a site has tens, not thousands). */
export async function listCategories(db: D1Database, siteId: number): Promise<CategoryRecord[]> {
  const { results } = await db
    .prepare('SELECT id, slug, title, parent_id, weight FROM categories WHERE site_id = ?1 ORDER BY weight, title, slug')
    .bind(siteId)
    .all<CategoryRow>();
  return results.map((row) => ({ id: row.id, slug: row.slug, title: row.title, parentId: row.parent_id, weight: row.weight }));
}

export interface CategoryWrite {
  slug: string;
  title: string;
  /** the parent's slug in the same site, or null */
  parent: string | null;
  weight: number;
}

/** Creates a category; false when the site already has one with that slug. */
export async function insertCategory(db: D1Database, siteId: number, category: CategoryWrite): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO categories (site_id, slug, title, parent_id, weight)
       VALUES (?1, ?2, ?3, (SELECT id FROM categories WHERE site_id = ?1 AND slug = ?4), ?5)
       ON CONFLICT (site_id, slug) DO NOTHING RETURNING id`,
    )
    .bind(siteId, category.slug, category.title, category.parent, category.weight)
    .first();
  return row !== null;
}

/** Replaces a category's title, parent and weight; false when there is no such category. */
export async function updateCategory(db: D1Database, siteId: number, category: CategoryWrite): Promise<boolean> {
  const row = await db
    .prepare(
      `UPDATE categories SET title = ?3, weight = ?5,
         parent_id = (SELECT id FROM categories WHERE site_id = ?1 AND slug = ?4)
       WHERE site_id = ?1 AND slug = ?2 RETURNING id`,
    )
    .bind(siteId, category.slug, category.title, category.parent, category.weight)
    .first();
  return row !== null;
}

/** Deletes a category: its articles keep existing without one, its children move to the top. */
export async function deleteCategory(db: D1Database, siteId: number, slug: string): Promise<boolean> {
  const row = await db.prepare('DELETE FROM categories WHERE site_id = ?1 AND slug = ?2 RETURNING id').bind(siteId, slug).first();
  return row !== null;
}
