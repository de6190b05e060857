export const HEADLINES: string[];
export function fillArticlesSql(options: { siteId: number; count: number; newest?: number; categoryIds?: number[]; prefix?: string }): string;
