import type { Lang } from '../shared/i18n.js';

export interface ArticleListMessages {
  more: string;
  loading: string;
  search: string;
  empty: string;
  noMatch: (q: string) => string;
  shown: (n: number) => string;
  loaded: (n: number) => string;
  failed: string;
  rating: (average: string, count: number) => string;
  unrated: string;
}

export const messages: Record<Lang, ArticleListMessages> = {
  vi: {
    more: 'Xem thêm',
    loading: 'Đang tải…',
    search: 'Tìm tin bài',
    empty: 'Chưa có tin bài nào.',
    noMatch: (q) => `Không tìm thấy tin bài nào với “${q}”.`,
    shown: (n) => `Hiển thị ${n} tin bài.`,
    loaded: (n) => `Đã tải thêm ${n} tin bài.`,
    failed: 'Không tải được tin bài.',
    rating: (average, count) => `${average} điểm · ${count} đánh giá`,
    unrated: 'Chưa có đánh giá',
  },
  en: {
    more: 'More news',
    loading: 'Loading…',
    search: 'Search news',
    empty: 'No news yet.',
    noMatch: (q) => `No news matches “${q}”.`,
    shown: (n) => `Showing ${n} article${n === 1 ? '' : 's'}.`,
    loaded: (n) => `${n} more articles loaded.`,
    failed: 'Could not load the news.',
    rating: (average, count) => `${average}/5 · ${count} rating${count === 1 ? '' : 's'}`,
    unrated: 'Not rated yet',
  },
};
