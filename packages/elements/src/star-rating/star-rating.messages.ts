import type { Lang } from '../shared/i18n.js';

type Count = (n: number) => string;

export interface StarRatingMessages {
  group: string;
  star: Count;
  /** the portal's sentence, from the total points and the number of ratings */
  summary: (total: string, count: string) => string;
  prompt: string;
  mine: Count;
  readonly: (average: string) => string;
  loadFailed: string;
  voteFailed: string;
}

export const messages: Record<Lang, StarRatingMessages> = {
  vi: {
    group: 'Đánh giá bài viết',
    star: (n) => `${n} sao`,
    summary: (total, count) => `Tổng số điểm của bài viết là: ${total} trong ${count} đánh giá`,
    prompt: 'Click để đánh giá bài viết',
    mine: (n) => `Bạn đã đánh giá ${n} sao.`,
    readonly: (average) => `Điểm trung bình: ${average}/5 sao`,
    loadFailed: 'Không tải được đánh giá.',
    voteFailed: 'Chưa gửi được đánh giá. Vui lòng thử lại.',
  },
  en: {
    group: 'Rate this article',
    star: (n) => `${n} star${n === 1 ? '' : 's'}`,
    summary: (total, count) => `Total score: ${total} from ${count} ratings`,
    prompt: 'Click to rate this article',
    mine: (n) => `You rated it ${n} star${n === 1 ? '' : 's'}.`,
    readonly: (average) => `Average: ${average}/5 stars`,
    loadFailed: 'Could not load the rating.',
    voteFailed: 'Your rating was not saved. Please try again.',
  },
};
