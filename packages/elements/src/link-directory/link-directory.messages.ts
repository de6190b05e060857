import type { Lang } from '../shared/i18n.js';

export interface LinkDirectoryMessages {
  /** the select's accessible name */
  choose: string;
  /** the button that opens the chosen link */
  go: string;
  /** read after every link: they all open in a new tab */
  newWindow: string;
  filter: string;
  /** how many links the filter leaves, for screen readers */
  count: (n: number) => string;
  empty: string;
  loadFailed: string;
  /** after a link the health check could not reach */
  broken: string;
}

export const messages: Record<Lang, LinkDirectoryMessages> = {
  vi: {
    choose: 'Chọn liên kết',
    go: 'Đi',
    newWindow: '(mở trong cửa sổ mới)',
    filter: 'Lọc liên kết',
    count: (n) => `${n} liên kết`,
    empty: 'Không có liên kết.',
    loadFailed: 'Không tải được liên kết.',
    broken: '(không truy cập được)',
  },
  en: {
    choose: 'Choose a link',
    go: 'Go',
    newWindow: '(opens in a new window)',
    filter: 'Filter links',
    count: (n) => `${n} link${n === 1 ? '' : 's'}`,
    empty: 'No links.',
    loadFailed: 'Could not load the links.',
    broken: '(unreachable)',
  },
};
