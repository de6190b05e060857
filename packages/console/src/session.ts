// Where the token lives: in memory, and in sessionStorage so a reload keeps the session. Never
// in a URL or localStorage. The session ends on sign-out, when the tab closes (sessionStorage
// goes with it), or after 30 minutes without a key press, click or touch.
const KEY = 'civic-console-session';
export const IDLE_LIMIT_MS = 30 * 60 * 1000;

interface Stored {
  token: string;
  lastActive: number;
}

export function loadSession(now = Date.now()): string | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
    if (!stored || now - stored.lastActive > IDLE_LIMIT_MS) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return stored.token;
  } catch {
    return null;
  }
}

export function saveSession(token: string, now = Date.now()) {
  sessionStorage.setItem(KEY, JSON.stringify({ token, lastActive: now } satisfies Stored));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

/** Calls `onIdle` once nobody has used the page for IDLE_LIMIT_MS; returns a stop function. */
export function watchIdle(token: string, onIdle: () => void): () => void {
  let last = Date.now();
  const touch = () => {
    last = Date.now();
    saveSession(token, last);
  };
  const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
  for (const name of events) addEventListener(name, touch, { passive: true, capture: true });
  const timer = setInterval(() => {
    if (Date.now() - last > IDLE_LIMIT_MS) onIdle();
  }, 15_000);
  return () => {
    clearInterval(timer);
    for (const name of events) removeEventListener(name, touch, { capture: true });
  };
}
