/** One dispatched Server-Sent Event (WHATWG HTML, "Parsing an event stream"). */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Splits an event stream into messages; `feed` accepts any chunking of the text. */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #id: string | null = null;
  /** The last event id seen, as EventSource keeps it for Last-Event-ID. */
  lastEventId: string | null = null;

  feed(text: string): SseMessage[] {
    this.#buffer += text;
    const out: SseMessage[] = [];
    let newline: number;
    while ((newline = this.#buffer.indexOf('\n')) >= 0) {
      const line = this.#buffer.slice(0, newline).replace(/\r$/, '');
      this.#buffer = this.#buffer.slice(newline + 1);
      if (line === '') {
        if (this.#data.length > 0) out.push({ id: this.#id, event: this.#event || 'message', data: this.#data.join('\n') });
        this.#event = '';
        this.#data = [];
        this.#id = null;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') this.#event = value;
      else if (field === 'data') this.#data.push(value);
      else if (field === 'id') this.#id = this.lastEventId = value;
    }
    return out;
  }
}

/** A test client of an event stream over real HTTP, keeping every message it received. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly parser = new SseParser();
  readonly #controller = new AbortController();
  #waiters: (() => void)[] = [];
  ended = false;

  private constructor(readonly status: number) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const controller = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    const client = new SseClient(response.status);
    client.#controller.signal.addEventListener('abort', () => controller.abort());
    if (!response.body) return client;
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          client.messages.push(...client.parser.feed(decoder.decode(chunk, { stream: true })));
          client.#wake();
        }
      } catch {
        // aborted by close()
      } finally {
        client.ended = true;
        client.#wake();
      }
    })();
    return client;
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /** Messages of one SSE event type, data parsed as JSON. */
  parsed<T = any>(event = 'feed'): T[] {
    return this.messages.filter((m) => m.event === event).map((m) => JSON.parse(m.data) as T);
  }

  /** Waits until `probe` over the messages so far is true (or the stream ended, or time ran out). */
  async until(probe: (client: SseClient) => boolean, what = 'stream condition', timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe(this)) {
      if (this.ended) throw new Error(`stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the server has ended the response. */
  async untilEnded(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('the stream did not end');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.#controller.abort();
  }
}
