/** One Server-Sent Events message. */
export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

/** What {@link readSse} reports besides messages. */
export interface SseCallbacks {
  onMessage(message: SseMessage): void;
  /** The server's `retry:` field, in ms. */
  onRetry?(ms: number): void;
}

/**
 * Reads a `text/event-stream` body to its end (per the HTML spec's parsing rules: `data` lines
 * joined with newlines, comments ignored, a blank line dispatches, `id` persists).
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  callbacks: SseCallbacks,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0)
        callbacks.onMessage({ id, event: event || 'message', data: data.join('\n') });
      data = [];
      event = '';
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\u0000')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) callbacks.onRetry?.(Number(value));
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.search(/\r\n|\r|\n/);
    while (end !== -1) {
      const newline = buffer.startsWith('\r\n', end) ? 2 : 1;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (buffer[end] === '\r' && newline === 1 && end === buffer.length - 1) break;
      line(buffer.slice(0, end));
      buffer = buffer.slice(end + newline);
      end = buffer.search(/\r\n|\r|\n/);
    }
  }
}
