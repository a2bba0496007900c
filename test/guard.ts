// A global guard for the whole suite: a test fails when anything reported a console.error, an
// uncaught error or an unhandled rejection that the test did not capture itself (tests that
// expect a report capture console.error around the code, as test/app/helpers.ts captureErrors).
// Installed once, as root-level mocha hooks, by importing this module.

const recorded: string[] = [];
let installed = false;

function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  const original = console.error;
  const recorder = (...args: unknown[]) => {
    recorded.push('console.error: ' + args.map(describeValue).join(' '));
    original.apply(console, args);
  };
  window.addEventListener('error', (e) => { recorded.push(`uncaught error: ${describeValue(e.error ?? e.message)}`); });
  window.addEventListener('unhandledrejection', (e) => { recorded.push(`unhandled rejection: ${describeValue(e.reason)}`); });

  beforeEach(function () {
    recorded.length = 0;
    console.error = recorder;
  });

  afterEach(async function () {
    // Rejections are reported in a task after the microtasks that could still handle them.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (console.error === recorder) console.error = original;
    else recorded.push('console.error was replaced and not restored');
    if (recorded.length > 0) {
      const message = `guard: the test reported what it did not expect:\n  ${recorded.join('\n  ')}`;
      recorded.length = 0;
      // Fails this test (mocha's hook error), not the hook: the next tests still run.
      (this as unknown as { test: { error(e: Error): void } }).test.error(new Error(message));
    }
  });
}

install();

/** What the guard recorded so far in this test (for the guard's own test). */
export function guardRecords(): readonly string[] {
  return recorded;
}

/** Forgets what the guard recorded so far in this test (for a test that provoked it on purpose). */
export function clearGuardRecords(): void {
  recorded.length = 0;
}
