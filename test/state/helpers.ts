// Shared by the state tests: hooks that record, unique app names, fault injection.
import type { StateHooks } from '../../src/state/contract.js';

export interface RecordingHooks extends StateHooks {
  flashed: Array<[unknown, string]>;
  fallbacks: Array<[string, unknown]>;
}

export function recordingHooks(): RecordingHooks {
  const flashed: Array<[unknown, string]> = [];
  const fallbacks: Array<[string, unknown]> = [];
  return {
    flashed,
    fallbacks,
    messageFlashed: (message, category) => void flashed.push([message, category]),
    storageFallback: (store, error) => void fallbacks.push([store, error]),
  };
}

let counter = 0;
/** An app name no other test (or earlier run in this browser profile) used. */
export function uniqueName(prefix = 'app'): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Replaces `object[name]` until the returned restore is called. */
export function replace<T extends object, K extends keyof T>(object: T, name: K, value: T[K]): () => void {
  const own = Object.getOwnPropertyDescriptor(object, name);
  Object.defineProperty(object, name, { value, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(object, name, own);
    else delete object[name];
  };
}

/** Collects console.warn calls until the returned stop is called. */
export function captureWarnings(): { warnings: string[]; stop(): void } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  return { warnings, stop: () => (console.warn = original) };
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export interface ContextReport {
  type: 'read' | 'claimed' | 'error';
  read?: unknown[];
  tab?: string | null;
  reloadedAt?: string | null;
  error?: string;
}

/** The URL of the other-context fixture, with its query. */
export function readerUrl(query: Record<string, string>): string {
  const url = new URL('./fixtures/reader.html', import.meta.url);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

/** Waits for the next report on `channel` (rejects after `ms`). */
export function nextReport(channel: BroadcastChannel, ms = 10_000): Promise<ContextReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no report on ${channel.name} within ${ms} ms`)), ms);
    channel.addEventListener(
      'message',
      (event: MessageEvent<ContextReport>) => {
        clearTimeout(timer);
        if (event.data.type === 'error') reject(new Error(`the other context failed: ${event.data.error}`));
        else resolve(event.data);
      },
      { once: true },
    );
  });
}

/** Loads the fixture in an iframe and resolves with the iframe and its first report. */
export async function inIframe(query: Record<string, string>): Promise<{ frame: HTMLIFrameElement; report: ContextReport }> {
  const channel = new BroadcastChannel(query.channel);
  try {
    const reported = nextReport(channel);
    const frame = document.createElement('iframe');
    frame.src = readerUrl(query);
    document.body.append(frame);
    return { frame, report: await reported };
  } finally {
    channel.close();
  }
}
