import { NodeWebSocket } from 'engine.io-client';
import type { RawData } from 'engine.io-parser';

/** How every live-feed update frame starts: engine.io "message", socket.io "event" in /live, the event name, then its seq. */
const UPDATE_TEXT = '42/live,["update",{"seq":';
const UPDATE_HEAD = Buffer.from(UPDATE_TEXT);
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/**
 * socket.io-client's WebSocket transport, except that a live-feed `update` is handed on as
 * `{ seq }` alone once its whole frame has arrived, instead of being decoded to text and parsed.
 * A phone decodes its own copy on its own processor; a thousand copies decoded on the benchmark
 * machine (about 0.2 ms for 60 KB of Chinese text) would measure the watcher processes rather
 * than the feed. Everything else (handshake, snapshot, heartbeats) goes through unchanged.
 */
export class SkimWebSocket extends NodeWebSocket {
  // the frame is not read as text, so checking that it is valid UTF-8 would be wasted work
  override createSocket(uri: string, protocols: string | string[] | undefined, opts: Record<string, unknown>) {
    return super.createSocket(uri, protocols, { ...opts, skipUTF8Validation: true });
  }

  protected override onOpen(): void {
    this.ws.onmessage = null;
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary || data.length <= UPDATE_HEAD.length || data.compare(UPDATE_HEAD, 0, UPDATE_HEAD.length, 0, UPDATE_HEAD.length) !== 0) {
        this.onData(isBinary ? data : data.toString());
        return;
      }
      let end = UPDATE_HEAD.length;
      while (data[end] >= DIGIT_0 && data[end] <= DIGIT_9) end++;
      this.onData(`42/live,["update",{"seq":${data.toString('latin1', UPDATE_HEAD.length, end)}}]`);
    });
    super.onOpen();
  }
}

/**
 * The ordinary WebSocket transport, telling `onUpdate` the size of every `update` frame as it
 * arrived: the bytes a phone receives for it (the engine.io and socket.io prefix included, about
 * 20 bytes; the WebSocket frame header of 2–4 bytes not). socket.io hands the decoded update to
 * its listener a tick later, so the size is passed on by seq rather than as "the last frame".
 * `onOther` hears every other text frame received (handshake, snapshot, heartbeats) with its size.
 */
export function meteredWebSocket(onUpdate: (seq: number, bytes: number) => void, onOther?: (text: string, bytes: number) => void): typeof NodeWebSocket {
  return class MeteredWebSocket extends NodeWebSocket {
    protected override onData(data: RawData): void {
      if (typeof data === 'string' && data.startsWith(UPDATE_TEXT)) {
        let end = UPDATE_TEXT.length;
        while (end < data.length && data.charCodeAt(end) >= DIGIT_0 && data.charCodeAt(end) <= DIGIT_9) end++;
        onUpdate(Number(data.slice(UPDATE_TEXT.length, end)), Buffer.byteLength(data));
      } else if (typeof data === 'string') onOther?.(data, Buffer.byteLength(data));
      super.onData(data);
    }
  };
}
