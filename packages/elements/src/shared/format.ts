import type { Lang } from './i18n.js';

/** The time zone portals write in when a site names none, or names one this browser lacks. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const formatter = (locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) => {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, ...options });
  } catch {
    return new Intl.DateTimeFormat(locale, { timeZone: DEFAULT_TIME_ZONE, ...options });
  }
};

/**
 * A moment as Vietnamese portals print it, in the site's time zone: "Thứ năm - 19/04/2018 15:00"
 * (en: "Thursday - 19/04/2018 15:00").
 */
export function portalTime(iso: string, timeZone: string, lang: Lang): string {
  const date = new Date(iso);
  const parts: Record<string, string> = {};
  for (const { type, value } of formatter('en-GB', timeZone, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)) {
    parts[type] = value;
  }
  // CLDR writes "Thứ Năm"; portals write "Thứ năm"
  const weekday = formatter(lang, timeZone, { weekday: 'long' }).format(date);
  return `${weekday[0]}${weekday.slice(1).toLowerCase()} - ${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
