export type Lang = 'vi' | 'en';

/** The element's language: its own `lang`, else its nearest ancestor's, else the document's; vi unless English. */
export const resolveLang = (element: Element): Lang =>
  /^en\b/i.test(element.closest('[lang]:not([lang=""])')?.getAttribute('lang') || document.documentElement.lang) ? 'en' : 'vi';

export const formatNumber = (lang: Lang, value: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);

/** Words every element needs. Element-specific strings live beside each element. */
export const common = {
  vi: { retry: 'Thử lại' },
  en: { retry: 'Try again' },
} satisfies Record<Lang, Record<string, string>>;
