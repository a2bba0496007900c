// The Node home: a fresh process (forked by run.mjs) that evaluates the same bundle the page
// gets and reports progress and results over IPC, so the parent's esbuild and playwright
// state never shares a heap or a JIT with what is being timed.
import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';

process.once('message', async ({ bundlePath, options }) => {
  try {
    runInThisContext(readFileSync(bundlePath, 'utf8'), { filename: bundlePath });
    const result = await globalThis.PhialBench.run(options, (message) => process.send({ progress: message }));
    process.send({ result }, () => process.exit(0));
  } catch (error) {
    process.send({ error: error.stack ?? String(error) }, () => process.exit(1));
  }
});
