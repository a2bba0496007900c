import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { createFlashManager } from '../../src/state/index.js';
import { recheckDuplicateTabForTests } from '../../src/state/tab.js';
import { nextReport, readerUrl, recordingHooks, uniqueName, type ContextReport } from './helpers.js';

/** Opens the fixture with window.open (the browser copies our sessionStorage into it). */
async function inWindow(query: Record<string, string>): Promise<ContextReport> {
  const channel = new BroadcastChannel(query.channel);
  const reported = nextReport(channel, 15_000);
  const opened = window.open(readerUrl(query));
  if (!opened) throw new Error('window.open was blocked');
  try {
    return await reported;
  } finally {
    opened.close();
    channel.close();
  }
}

describe('a duplicated tab (window.open copies sessionStorage)', () => {
  it('a pending message shows in the original tab only, with the default store', async () => {
    const name = uniqueName('dup');
    const original = createFlashManager(undefined, name, recordingHooks());
    await original.flash('Only once');
    expect(sessionStorage.getItem(`phial:flashes:${name}`)).to.contain('Only once');
    const copy = await inWindow({ name, mode: 'read', channel: uniqueName('ch') });
    expect(copy.read).to.deep.equal([]);
    expect(copy.tab).to.be.a('string').and.not.equal(sessionStorage.getItem('phial:tab'));
    const page = await original.begin();
    expect(page.getFlashedMessages()).to.deep.equal(['Only once']);
    await page.end('rendered');
  });

  it('a reload is not a duplicate: messages, even one read by an unfinished page view, survive it', async () => {
    const name = uniqueName('reload');
    const report = await inWindow({ name, mode: 'reload', channel: uniqueName('ch') });
    expect(report.reloadedAt).to.be.a('string');
    expect(report.read).to.deep.equal(['Across the reload']);
  });
});

describe('duplicate detection without Web Locks (BroadcastChannel only)', () => {
  after(() => recheckDuplicateTabForTests({}));

  it('is a duplicate when a live tab answers for our id', async () => {
    const id = sessionStorage.getItem('phial:tab') ?? 'seed-id';
    sessionStorage.setItem('phial:tab', id);
    const other = new BroadcastChannel('phial-tab');
    other.onmessage = (event) => {
      if (event.data.type === 'who-has' && event.data.id === id) other.postMessage({ type: 'i-have', id, nonce: event.data.nonce });
    };
    try {
      expect(await recheckDuplicateTabForTests({ locks: null, answerWaitMs: 500 })).to.equal(true);
      expect(sessionStorage.getItem('phial:tab')).to.not.equal(id);
    } finally {
      other.close();
    }
  });

  it('is the same tab when nobody answers (a reload)', async () => {
    const id = sessionStorage.getItem('phial:tab');
    expect(await recheckDuplicateTabForTests({ locks: null, answerWaitMs: 50 })).to.equal(false);
    expect(sessionStorage.getItem('phial:tab')).to.equal(id);
  });
});
