import type { Lang } from '../shared/i18n.js';

export interface PhotoGalleryMessages {
  prev: string;
  next: string;
  close: string;
  zoom: string;
  play: string;
  /** before the photographer's name */
  credit: string;
  count: (n: number) => string;
  back: string;
  more: string;
  empty: string;
  loadFailed: string;
}

export const messages: Record<Lang, PhotoGalleryMessages> = {
  vi: {
    prev: 'Ảnh trước',
    next: 'Ảnh sau',
    close: 'Đóng',
    zoom: 'Phóng to',
    play: 'Trình chiếu',
    credit: 'Ảnh: ',
    count: (n) => `${n} ảnh`,
    back: 'Tất cả album',
    more: 'Xem thêm ảnh',
    empty: 'Chưa có ảnh.',
    loadFailed: 'Không tải được thư viện ảnh.',
  },
  en: {
    prev: 'Previous photo',
    next: 'Next photo',
    close: 'Close',
    zoom: 'Full size',
    play: 'Slideshow',
    credit: 'Photo: ',
    count: (n) => `${n} photo${n === 1 ? '' : 's'}`,
    back: 'All albums',
    more: 'More photos',
    empty: 'No photos yet.',
    loadFailed: 'Could not load the photos.',
  },
};
