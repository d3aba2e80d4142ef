/**
 * Reads a response body into a Blob chunk by chunk, calling `onProgress` with the bytes received
 * so far after each one — an export shows its progress while it downloads, not only at the end.
 */
export async function readBody(
  response: Response,
  type: string,
  onProgress?: (bytes: number) => void,
): Promise<Blob> {
  if (!response.body) {
    const blob = await response.blob();
    onProgress?.(blob.size);
    return new Blob([blob], { type });
  }
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    bytes += value.byteLength;
    onProgress?.(bytes);
  }
  return new Blob(chunks, { type });
}
