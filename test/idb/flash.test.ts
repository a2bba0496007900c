import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { createFlashManager, type FlashOutcome, type PhialFlashManager } from '../../src/state/index.js';
import { indexedDBStore } from '../../src/idb/index.js';
import { describeFlashSemantics } from '../state/flash-semantics.js';
import { delay, inIframe, recordingHooks, uniqueName } from '../state/helpers.js';

describeFlashSemantics('indexedDB', indexedDBStore);

/** A separate manager over a separate connection: for IndexedDB, another tab. */
const tab = (name: string, options = {}) => createFlashManager(indexedDBStore(), name, recordingHooks(), options);

async function view(manager: PhialFlashManager, outcome: FlashOutcome = 'rendered', filter?: string): Promise<unknown[]> {
  const page = await manager.begin();
  const read = page.getFlashedMessages(filter ? { categoryFilter: filter } : {});
  await page.end(outcome);
  return read;
}

/** Page views until one reads something (a dead tab's lock takes a moment to go). */
async function readUntilSome(manager: PhialFlashManager, tries = 100): Promise<unknown[]> {
  for (let i = 0; i < tries; i++) {
    const read = await view(manager);
    if (read.length > 0) return read;
    await delay(30);
  }
  return [];
}

describe('indexedDB flashes across tabs', () => {
  it('a message flashed in one tab shows in the next page view of another', async () => {
    const name = uniqueName('idb');
    const a = tab(name);
    const b = tab(name);
    const post = await a.begin();
    post.flash('Saved');
    await post.end('redirect');
    expect(await view(b)).to.deep.equal(['Saved']);
    expect(await view(a)).to.deep.equal([]);
  });

  for (const readers of [2, 3]) {
    it(`${readers} tabs reading at the same moment never both get a message`, async () => {
      const name = uniqueName('race');
      const writer = tab(name);
      const tabs = Array.from({ length: readers }, () => tab(name));
      const sent = Array.from({ length: 30 }, (_, i) => `m${i}`);
      const shown: unknown[] = [];
      const outcomes: FlashOutcome[] = ['rendered', 'redirect', 'aborted', 'rendered'];
      let flashing = true;
      const writing = (async () => {
        for (const message of sent) {
          await writer.flash(message, Number(message.slice(1)) % 3 === 0 ? 'error' : 'info');
          await delay(1);
        }
        flashing = false;
      })();
      // Every tab keeps viewing pages while messages arrive; only rendered views show them.
      await Promise.all(
        tabs.map(async (reader, index) => {
          for (let round = 0; flashing || round < 3; round++) {
            const outcome = outcomes[(round + index) % outcomes.length];
            const read = await view(reader, outcome, round % 5 === 4 ? 'error' : undefined);
            if (outcome === 'rendered') shown.push(...read);
          }
        }),
      );
      await writing;
      for (const reader of tabs) shown.push(...(await view(reader)));
      expect([...shown].sort()).to.deep.equal([...sent].sort());
    });
  }

  it('a claim held by a live tab is not taken by another, and comes back when it ends', async () => {
    const name = uniqueName('held');
    const a = tab(name);
    const b = tab(name);
    await a.flash('Mine for now');
    const slow = await a.begin();
    expect(await view(b)).to.deep.equal([]);
    await slow.end('rendered'); // read nothing: gives it back
    expect(await view(b)).to.deep.equal(['Mine for now']);
  });

  it('a tab that dies holding a claim loses only what it showed (Web Locks)', async () => {
    const name = uniqueName('dead');
    const survivor = tab(name);
    await survivor.flash('Shown by the dead tab', 'read-me');
    await survivor.flash('Never shown');
    await survivor.flash('Nor this', 'other');
    const { frame, report } = await inIframe({ name, store: 'idb', mode: 'claim', channel: uniqueName('ch') });
    expect(report.read).to.deep.equal(['Shown by the dead tab']);
    // While the claiming tab lives, its claim stands.
    expect(await view(survivor)).to.deep.equal([]);
    frame.remove();
    expect(await readUntilSome(survivor)).to.deep.equal(['Never shown', 'Nor this']);
    expect(await view(survivor)).to.deep.equal([]);
  });

  it('a tab that dies holding a claim is recovered when its lease expires (no Web Locks)', async () => {
    const name = uniqueName('lease');
    const survivor = tab(name, { locks: null, leaseMs: 300 });
    await survivor.flash('Shown', 'read-me');
    await survivor.flash('Not shown');
    const { frame, report } = await inIframe({ name, store: 'idb', mode: 'claim', lease: '300', channel: uniqueName('ch') });
    expect(report.read).to.deep.equal(['Shown']);
    expect(await view(survivor)).to.deep.equal([]);
    frame.remove();
    await delay(350);
    expect(await view(survivor)).to.deep.equal(['Not shown']);
  });

  it('a live tab renews its lease, so a long request keeps its claim', async () => {
    const name = uniqueName('renew');
    const a = tab(name, { locks: null, leaseMs: 150 });
    const b = tab(name, { locks: null, leaseMs: 150 });
    await a.flash('Slow page');
    const slow = await a.begin();
    await delay(450);
    expect(await view(b)).to.deep.equal([]);
    expect(slow.getFlashedMessages()).to.deep.equal(['Slow page']);
    await slow.end('rendered');
    expect(await view(b)).to.deep.equal([]);
  });
});
