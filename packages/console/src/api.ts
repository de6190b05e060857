// The console's one way to the worker: the public API under /api/v1 with the editor's token.
// No private back door: whatever the console does, a portal's own back end can do too.
import type { Me } from '@civic-widgets/contract';

/** An answer in the project's error shape, `{"error":{"code","message","issues?"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

async function errorOf(status: number, text: string): Promise<ApiError> {
  try {
    const { error } = JSON.parse(text) as { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
    return new ApiError(status, error.code, error.message, error.issues);
  } catch {
    return new ApiError(status, status === 0 ? 'network' : 'internal', status === 0 ? 'network' : `HTTP ${status}`);
  }
}

export interface UploadHandle<T> {
  done: Promise<T>;
  abort(): void;
}

/**
 * A client bound to one token. `onUnauthorized` runs on any 401 (unknown, revoked or expired
 * token): the console then ends the session and says why.
 */
export class Api {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, type = 'application/json'): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'Content-Type': type }),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'network', 'network');
    }
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) throw await errorOf(response.status, await response.text());
    if (response.status === 204) return undefined as T;
    const contentType = response.headers.get('Content-Type') ?? '';
    return (contentType.includes('json') ? response.json() : response.text()) as Promise<T>;
  }

  get = <T>(path: string) => this.request<T>('GET', path);
  post = <T>(path: string, body?: unknown, type?: string) => this.request<T>('POST', path, body ?? {}, type);
  patch = <T>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  put = <T>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  delete = (path: string) => this.request<void>('DELETE', path);

  /** Sends a file as the raw body, reporting progress (0..1): XMLHttpRequest, as fetch has no upload progress. */
  upload<T>(path: string, file: File, onProgress: (fraction: number) => void): UploadHandle<T> {
    const xhr = new XMLHttpRequest();
    const done = new Promise<T>((resolve, reject) => {
      xhr.open('POST', `/api/v1${path}`);
      xhr.setRequestHeader('Authorization', `Bearer ${this.token}`);
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
      xhr.onload = async () => {
        if (xhr.status === 401) this.onUnauthorized();
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(1);
          resolve(JSON.parse(xhr.responseText) as T);
        } else reject(await errorOf(xhr.status, xhr.responseText));
      };
      xhr.onerror = () => reject(new ApiError(0, 'network', 'network'));
      xhr.onabort = () => reject(new ApiError(0, 'aborted', 'aborted'));
      xhr.send(file);
    });
    return { done, abort: () => xhr.abort() };
  }
}

/** `GET /api/v1/me`, before a client is kept: checks a token someone typed. */
export async function whoAmI(token: string): Promise<Me> {
  const response = await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' }).catch(() => null);
  if (!response) throw new ApiError(0, 'network', 'network');
  if (!response.ok) throw await errorOf(response.status, await response.text());
  return response.json() as Promise<Me>;
}

export type { Me };
