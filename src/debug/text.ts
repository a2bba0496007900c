/**
 * Every value the toolbar shows, as text: what a URL, a form, the session, a flash or a signal
 * carries is turned into a string here, and only strings reach the panels' templates, so no
 * value is ever rendered as markup (not even an object shaped like a lit template).
 */
import type { Request } from '../request.js';
import { Response } from '../response.js';
import type { StepRecord } from '../steps.js';

/** Longer texts are cut with an ellipsis: a log line stays a line. */
const MAX_TEXT = 500;

function cut(text: string, max = MAX_TEXT): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** The type of a value as a reader of the code names it: 'number', 'string', 'Date', 'null'. */
export function typeText(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value !== 'object') return typeof value;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'Object';
}

/**
 * A value as the code would write it: strings quoted, objects as JSON, a request or a response
 * as its method and path or its status, an error as its name and message.
 */
export function literal(value: unknown, max = MAX_TEXT): string {
  return cut(rawLiteral(value), max);
}

function rawLiteral(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (value instanceof Response) return responseText(value);
  if (isRequest(value)) return requestText(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof Node === 'function' && value instanceof Node) return `${value.nodeName.toLowerCase()} node`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return `[${typeText(value)}]`;
  }
}

/** A value shown on its own (a param, a session value): a string as it is, others as `literal`. */
export function valueText(value: unknown, max = MAX_TEXT): string {
  return typeof value === 'string' ? cut(value, max) : literal(value, max);
}

function isRequest(value: object): value is Request {
  return 'fullPath' in value && 'method' in value && 'redirectChain' in value;
}

export function requestText(request: Request<any>): string {
  return `${request.method} ${request.fullPath}`;
}

export function responseText(response: Response): string {
  const title = response.title ? ` ${JSON.stringify(response.title)}` : '';
  const location = response.location !== null ? ` → ${response.location}` : '';
  return `${response.status}${title}${location}`;
}

/** A form's fields as name and text; a file as its name, size and type. */
export function formEntries(form: FormData | null): Array<[string, string]> {
  if (!form) return [];
  return [...form].map(([name, value]) => [
    name,
    typeof value === 'string' ? cut(value) : `file ${JSON.stringify(value.name)}, ${value.size} bytes${value.type ? `, ${value.type}` : ''}`,
  ]);
}

/** A signal's sender: an app by its name, anything else as a literal. */
export function senderText(sender: unknown): string {
  if (typeof sender === 'object' && sender !== null && 'urlMap' in sender && 'name' in sender) {
    return `app ${JSON.stringify((sender as { name: unknown }).name)}`;
  }
  return literal(sender, 80);
}

/** A signal's data, key by key. */
export function dataEntries(data: unknown): Array<[string, string]> {
  if (typeof data !== 'object' || data === null) return data === undefined ? [] : [['', literal(data)]];
  return Object.entries(data).map(([key, value]) => [key, literal(value, 200)]);
}

/** A duration in milliseconds, in µs below one. */
export function durationText(ms: number): string {
  return ms < 1 ? `${Math.round(ms * 1000)} µs` : `${ms.toFixed(2)} ms`;
}

/** Where a function was registered: the app or a blueprint. */
export function scopeText(scope: string | null): string {
  return scope === null ? 'the app' : `blueprint '${scope}'`;
}

/**
 * The name the timeline gives a step: the function's name, else where it was registered. The
 * beforeFirstRequest step runs the app's functions together; it is named after them.
 */
export function stepName(step: StepRecord, beforeFirst: ReadonlyArray<{ name: string }>): string {
  if (step.kind === 'beforeFirstRequest') {
    return beforeFirst.length === 0 ? '(none registered)' : beforeFirst.map((f) => f.name || '(anonymous)').join(', ');
  }
  if (step.name) return step.name;
  if (step.kind === 'view' && step.request.endpoint) return `(anonymous view of '${step.request.endpoint}')`;
  return `(anonymous, on ${scopeText(step.scope)})`;
}

const REDIRECT_NAMES: Record<number, string> = {
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
};

/** '302 Found'. */
export function statusText(status: number): string {
  const name = REDIRECT_NAMES[status];
  return name ? `${status} ${name}` : String(status);
}
