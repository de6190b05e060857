/**
 * Reads a body of at most `max` bytes: `tooLarge()` is thrown as soon as the declared length or
 * the bytes counted so far pass it, and the rest is not read.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, declaredLength: string | null | undefined, max: number, tooLarge: () => Error): Promise<Uint8Array> {
  if (Number(declaredLength) > max) {
    await body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) bytes.set(chunk, (offset += chunk.byteLength) - chunk.byteLength);
  return bytes;
}
