import { Hono } from 'hono';
import * as z from 'zod';
import { Category, CategoryInput, CategoryList, CategorySlug, CategoryUpdate } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { deleteCategory, insertCategory, updateCategory, type CategoryRecord, type CategoryWrite } from '../db/categories.js';
import { requireAdmin } from '../lib/auth.js';
import { cachedJson } from '../lib/cached-json.js';
import { forgetCategories, siteCategories, subtreeIds } from '../lib/categories.js';
import { ApiError } from '../lib/errors.js';
import { jsonBody } from '../lib/json-body.js';
import { empty, failure, json, notModified, operations } from '../lib/openapi.js';
import { invalidFields, validate } from '../lib/validate.js';

const SlugParam = z.object({ slug: CategorySlug });

const toCategory = (category: CategoryRecord, list: CategoryRecord[]): Category => ({
  slug: category.slug,
  title: category.title,
  parent: list.find((parent) => parent.id === category.parentId)?.slug ?? null,
  weight: category.weight,
});

/** A parent must exist in the site and must not be the category itself or below it. */
function checkParent(list: CategoryRecord[], write: CategoryWrite) {
  if (write.parent === null) return;
  const parent = list.find((category) => category.slug === write.parent);
  const self = list.find((category) => category.slug === write.slug);
  const message = !parent
    ? `no category "${write.parent}" in this site`
    : self && subtreeIds(list, self.id).includes(parent.id)
      ? 'a category cannot be placed under itself or its own subcategory'
      : '';
  if (message) throw invalidFields([{ path: 'parent', message }]);
}

const op = operations('categories', {
  listCategories: {
    summary: "The site's categories, in menu order",
    access: 'public',
    responses: { 200: json('The categories', CategoryList), ...notModified },
  },
  createCategory: {
    summary: 'Create a category (its parent, a slug, must be in the site)',
    access: 'token',
    responses: { 201: json('The category', Category), 409: failure('The slug is taken') },
  },
  updateCategory: {
    summary: "Change a category's title, parent or weight (a loop is refused)",
    access: 'token',
    responses: { 200: json('The category', Category), 404: failure('No such category') },
  },
  deleteCategory: {
    summary: 'Delete a category (its articles stay, without one)',
    access: 'token',
    responses: { 204: empty('Deleted'), 404: failure('No such category') },
  },
});

/** `/api/v1/sites/:site/categories`: the public list, and the site admin's writes. */
export const categories = new Hono<AppEnv>()
  .get('/', op.listCategories, async (c) => {
    const list = await siteCategories(c.env.DB, c.var.site.id);
    const body: CategoryList = { items: list.map((category) => toCategory(category, list)) };
    return cachedJson(c, body, 'public, max-age=300');
  })
  .post('/', requireAdmin, jsonBody(16 * 1024), validate('json', CategoryInput), op.createCategory, async (c) => {
    const siteId = c.var.site.id;
    const input = c.req.valid('json');
    const write = { slug: input.slug, title: input.title, parent: input.parent ?? null, weight: input.weight };
    checkParent(await siteCategories(c.env.DB, siteId, { fresh: true }), write);
    if (!(await insertCategory(c.env.DB, siteId, write))) throw new ApiError(409, `The category "${write.slug}" exists.`);
    forgetCategories(siteId);
    const list = await siteCategories(c.env.DB, siteId, { fresh: true });
    return c.json(
      toCategory(
        list.find((category) => category.slug === write.slug)!,
        list,
      ),
      201,
      { 'Cache-Control': 'no-store' },
    );
  })
  .patch('/:slug', requireAdmin, jsonBody(16 * 1024), validate('param', SlugParam), validate('json', CategoryUpdate), op.updateCategory, async (c) => {
    const siteId = c.var.site.id;
    const { slug } = c.req.valid('param');
    const list = await siteCategories(c.env.DB, siteId, { fresh: true });
    const current = list.find((category) => category.slug === slug);
    if (!current) throw new ApiError(404, `No category "${slug}".`);
    const update = c.req.valid('json');
    const write: CategoryWrite = {
      slug,
      title: update.title ?? current.title,
      parent: update.parent !== undefined ? update.parent : (toCategory(current, list).parent ?? null),
      weight: update.weight ?? current.weight,
    };
    checkParent(list, write);
    if (!(await updateCategory(c.env.DB, siteId, write))) throw new ApiError(404, `No category "${slug}".`);
    forgetCategories(siteId);
    const fresh = await siteCategories(c.env.DB, siteId, { fresh: true });
    return c.json(
      toCategory(
        fresh.find((category) => category.slug === slug)!,
        fresh,
      ),
      200,
      { 'Cache-Control': 'no-store' },
    );
  })
  .delete('/:slug', requireAdmin, validate('param', SlugParam), op.deleteCategory, async (c) => {
    const siteId = c.var.site.id;
    const { slug } = c.req.valid('param');
    if (!(await deleteCategory(c.env.DB, siteId, slug))) throw new ApiError(404, `No category "${slug}".`);
    forgetCategories(siteId);
    return c.body(null, 204);
  });
