import { describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from './sse.ts';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('readSse', () => {
  it('parses events split across chunks, joins data lines and skips comments', async () => {
    const messages: SseMessage[] = [];
    const retries: number[] = [];
    await readSse(
      streamOf([
        ': ping\n\nid: 1\nevent: act',
        'ivity\ndata: {"a":\r\n',
        'data: 1}\r\n\r',
        '\nretry: 2500\ndata: x\n\n',
      ]),
      { onMessage: (m) => messages.push(m), onRetry: (ms) => retries.push(ms) },
    );
    expect(messages).toEqual([
      { id: '1', event: 'activity', data: '{"a":\n1}' },
      { id: '1', event: 'message', data: 'x' },
    ]);
    expect(retries).toEqual([2500]);
  });
});
