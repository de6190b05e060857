const concat = (chunks: Uint8Array[], size: number) => {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) bytes.set(chunk, (offset += chunk.byteLength) - chunk.byteLength);
  return bytes;
};

/**
 * Reads a body of at most `max` bytes: `tooLarge()` is thrown as soon as the declared length or
 * the bytes counted so far pass it, and the rest is not read. `sniff`, if given, sees the first
 * `sniffBytes` as soon as they arrive (or the whole body, if shorter) and may throw to refuse the
 * body before the rest is downloaded.
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null | undefined,
  max: number,
  tooLarge: () => Error,
  sniff?: { bytes: number; check: (head: Uint8Array) => void },
): Promise<Uint8Array> {
  if (Number(declaredLength) > max) {
    await body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let sniffed = !sniff;
  const reader = body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) throw tooLarge();
      chunks.push(value);
      if (!sniffed && size >= sniff!.bytes) {
        sniffed = true;
        sniff!.check(concat(chunks, size).subarray(0, sniff!.bytes));
      }
    }
  } catch (error) {
    await reader?.cancel().catch(() => {});
    throw error;
  }
  const bytes = concat(chunks, size);
  if (!sniffed) sniff!.check(bytes);
  return bytes;
}
