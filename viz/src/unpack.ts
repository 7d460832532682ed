// A packed batch back into events, a slice at a time, yielding to the page between slices: the
// setup batch of a large cluster holds tens of MB of JSON, and parsing it at once froze the page
// for 2 s (replay-500-hosts; 150 ms at most in slices, `npm run bench:viz`).
import type { TraceEvent } from './replay/state.ts';

/** Bytes parsed between two yields to the page (~10-20 ms of JSON.parse). */
const SLICE_BYTES = 1 << 20;
const NEWLINE = 10;

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Calls `each` with the events of `bytes`, one slice of whole lines at a time. */
export async function unpackInSlices(bytes: Uint8Array, each: (events: TraceEvent[]) => void): Promise<void> {
  const decoder = new TextDecoder();
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + SLICE_BYTES);
    while (end < bytes.length && bytes[end] !== NEWLINE) end++;
    const text = decoder.decode(bytes.subarray(start, end));
    each(text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as TraceEvent));
    start = end + 1;
    if (start < bytes.length) await yieldToPage();
  }
}
