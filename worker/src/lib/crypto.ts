const encoder = new TextEncoder();

const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

const keys = new Map<string, Promise<CryptoKey>>();

/** HMAC-SHA-256 of `parts` (joined by a separator no part may contain), hex. */
export async function hmacHex(secret: string, ...parts: string[]): Promise<string> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return hex(await crypto.subtle.sign('HMAC', await key, encoder.encode(parts.join('\u0000'))));
}
