import type { DirectoryExport, DirectoryFile, ImportChange, ImportPlan } from '@civic-widgets/contract';

/**
 * What importing `file` into the site whose directory is `current` would do, as importDirectory
 * does it: categories matched by slug, links by URL; with `replace`, the rest removed. An
 * existing row is an update only when one of its fields would change.
 */
export function planImport(current: DirectoryExport, file: DirectoryFile, replace: boolean): ImportPlan {
  const plan: ImportPlan = { create: [], update: [], remove: [] };
  const changed = (before: Record<string, unknown>, after: Record<string, unknown>) =>
    Object.keys(after).filter((field) => (before[field] ?? null) !== (after[field] ?? null));

  const categories = new Map(current.categories.map((category) => [category.slug, category]));
  const links = new Map(current.categories.flatMap((category) => category.links.map((link) => [link.url, { ...link, category: category.slug }] as const)));
  const listed = { categories: new Set<string>(), links: new Set<string>() };

  for (const category of file.categories) {
    listed.categories.add(category.slug);
    const before = categories.get(category.slug);
    const entry: ImportChange = { kind: 'category', key: category.slug, title: category.title };
    if (!before) plan.create.push(entry);
    else {
      const fields = changed(before, { title: category.title, weight: category.weight });
      if (fields.length) plan.update.push({ ...entry, fields });
    }
    for (const link of category.links) {
      listed.links.add(link.url);
      const was = links.get(link.url);
      const linkEntry: ImportChange = { kind: 'link', key: link.url, title: link.title, category: category.slug };
      if (!was) plan.create.push(linkEntry);
      else {
        const fields = changed(was, { category: category.slug, title: link.title, description: link.description, logo: link.logo, weight: link.weight });
        if (fields.length) plan.update.push({ ...linkEntry, fields });
      }
    }
  }
  if (replace) {
    for (const [url, link] of links) {
      if (!listed.links.has(url)) plan.remove.push({ kind: 'link', key: url, title: link.title, category: link.category });
    }
    for (const [slug, category] of categories) {
      if (!listed.categories.has(slug)) plan.remove.push({ kind: 'category', key: slug, title: category.title });
    }
  }
  return plan;
}
