// The guard itself: what it records fails a test (here each record is cleared on purpose).
import { expect } from '@esm-bundle/chai';
import { clearGuardRecords, guardRecords } from './guard.js';

describe('the browser suite guard', () => {
  it('records console.error', () => {
    console.error('on purpose');
    expect(guardRecords().some((r) => r.includes('on purpose'))).to.equal(true);
    clearGuardRecords();
  });

  it('records an unhandled rejection', async () => {
    void Promise.reject(new Error('rejected on purpose'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(guardRecords().some((r) => r.includes('rejected on purpose'))).to.equal(true);
    clearGuardRecords();
  });

  it('lets a test capture console.error itself', () => {
    const original = console.error;
    const seen: unknown[] = [];
    console.error = (...args: unknown[]) => { seen.push(args[0]); };
    try {
      console.error('expected');
    } finally {
      console.error = original;
    }
    expect(seen).to.deep.equal(['expected']);
    expect(guardRecords()).to.deep.equal([]);
  });
});
