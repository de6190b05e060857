import { sha256Hex } from './crypto.js';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A new admin token (the same form `npm run site` issues), its public id and the digest that is stored. */
export async function newToken(label: string) {
  const token = `cw_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
  return { id: hex(crypto.getRandomValues(new Uint8Array(6))), label, token, hash: await sha256Hex(token) };
}
