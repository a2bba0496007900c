import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { createFlashManager, createSession, type PhialFlashManager } from '../../src/state/index.js';
import { captureWarnings, recordingHooks, replace, uniqueName } from './helpers.js';

const securityError = () => new DOMException('The operation is insecure.', 'SecurityError');
const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

async function view(manager: PhialFlashManager, outcome: 'rendered' | 'redirect' = 'rendered'): Promise<unknown[]> {
  const page = await manager.begin();
  const read = page.getFlashedMessages();
  await page.end(outcome);
  return read;
}

describe('flash storage that fails falls back to memory', () => {
  const restores: Array<() => void> = [];
  afterEach(() => {
    while (restores.length > 0) restores.pop()!();
  });

  it('sessionStorage that throws SecurityError on access: messages still go through the redirect', async () => {
    restores.push(replace(Storage.prototype, 'getItem', () => {
      throw securityError();
    }));
    const hooks = recordingHooks();
    const app = createFlashManager(undefined, uniqueName('blocked'), hooks);
    const post = await app.begin();
    post.flash('Saved');
    await post.end('redirect');
    expect(await view(app)).to.deep.equal(['Saved']);
    expect(hooks.fallbacks).to.have.length(1);
    expect(hooks.fallbacks[0][0]).to.equal('sessionStorage');
    expect((hooks.fallbacks[0][1] as DOMException).name).to.equal('SecurityError');
  });

  it('no sessionStorage at all: memory, with the signal', async () => {
    restores.push(replace(globalThis, 'sessionStorage', undefined as unknown as Storage));
    const hooks = recordingHooks();
    const app = createFlashManager(undefined, uniqueName('missing'), hooks);
    await app.flash('Still here');
    expect(await view(app)).to.deep.equal(['Still here']);
    expect(hooks.fallbacks.map(([store]) => store)).to.deep.equal(['sessionStorage']);
  });

  it('QuotaExceededError on write: the message being flashed and those already stored are kept', async () => {
    const hooks = recordingHooks();
    const app = createFlashManager(undefined, uniqueName('quota'), hooks);
    await app.flash('Stored before');
    restores.push(replace(Storage.prototype, 'setItem', () => {
      throw quotaError();
    }));
    const post = await app.begin();
    post.flash('Flashed when full');
    await post.end('redirect');
    expect(await view(app)).to.deep.equal(['Stored before', 'Flashed when full']);
    expect(hooks.fallbacks).to.have.length(1);
    expect((hooks.fallbacks[0][1] as DOMException).name).to.equal('QuotaExceededError');
    // Memory for good: a later success of the storage changes nothing for this manager.
    restores.pop()!();
    await app.flash('After');
    expect(await view(app)).to.deep.equal(['After']);
    expect(hooks.fallbacks).to.have.length(1);
  });

  it('a receiver of storageFallback that throws loses no message', async () => {
    restores.push(replace(Storage.prototype, 'setItem', () => {
      throw quotaError();
    }));
    const reported: unknown[] = [];
    restores.push(replace(globalThis, 'reportError', (error: unknown) => void reported.push(error)));
    const hooks = { ...recordingHooks(), storageFallback: () => { throw new Error('receiver bug'); } };
    const app = createFlashManager(undefined, uniqueName('throwing'), hooks);
    await app.flash('Kept');
    expect(await view(app)).to.deep.equal(['Kept']);
    expect(reported.map(String)).to.deep.equal(['Error: receiver bug']);
  });
});

describe('corrupt stored flash data', () => {
  let capture: ReturnType<typeof captureWarnings>;
  beforeEach(() => (capture = captureWarnings()));
  afterEach(() => capture.stop());

  it('text that is not JSON is dropped with a warning, never thrown', async () => {
    const name = uniqueName('corrupt');
    sessionStorage.setItem(`phial:flashes:${name}`, '{not json');
    const hooks = recordingHooks();
    const app = createFlashManager(undefined, name, hooks);
    expect(await view(app)).to.deep.equal([]);
    await app.flash('Fresh');
    expect(await view(app)).to.deep.equal(['Fresh']);
    expect(capture.warnings.join('\n')).to.match(/dropped corrupt data in sessionStorage under "phial:flashes:.*" \(not JSON\)/);
    expect(hooks.fallbacks).to.deep.equal([]);
  });

  it('a state of the wrong shape is dropped with a warning', async () => {
    const name = uniqueName('shape');
    sessionStorage.setItem(`phial:flashes:${name}`, '[1, 2, 3]');
    expect(await view(createFlashManager(undefined, name, recordingHooks()))).to.deep.equal([]);
    expect(capture.warnings.join('\n')).to.contain('not a flash state object');
  });

  it('malformed entries are dropped, well-formed ones still delivered', async () => {
    const name = uniqueName('entries');
    const good = { id: 'g1', category: 'info', message: 'Good', at: 1 };
    sessionStorage.setItem(
      `phial:flashes:${name}`,
      JSON.stringify({ pending: [good, { id: 3 }, 'junk'], claims: { broken: { owner: 5 } } }),
    );
    expect(await view(createFlashManager(undefined, name, recordingHooks()))).to.deep.equal(['Good']);
    expect(capture.warnings.join('\n')).to.contain('3 malformed flash entries');
  });
});

describe('session storage that fails falls back to memory', () => {
  const restores: Array<() => void> = [];
  afterEach(() => {
    while (restores.length > 0) restores.pop()!();
  });

  it('QuotaExceededError on set: the value stays readable and later writes work', async () => {
    const hooks = recordingHooks();
    const session = createSession(undefined, uniqueName('quota'), hooks);
    await session.beginRequest();
    await session.set('before', 1);
    restores.push(replace(Storage.prototype, 'setItem', () => {
      throw quotaError();
    }));
    await session.set('big', 'x'.repeat(100));
    expect(session.get('before')).to.equal(1);
    expect(session.get('big')).to.equal('x'.repeat(100));
    await session.delete('before');
    expect(session.has('before')).to.equal(false);
    await session.endRequest();
    expect(hooks.fallbacks.map(([store, error]) => [store, (error as DOMException).name])).to.deep.equal([
      ['sessionStorage', 'QuotaExceededError'],
    ]);
  });

  it('SecurityError on access: an empty session in memory, reported once receivers can hear it', async () => {
    restores.push(replace(Storage.prototype, 'getItem', () => {
      throw securityError();
    }));
    const hooks = recordingHooks();
    const session = createSession(undefined, uniqueName('blocked'), hooks);
    expect(hooks.fallbacks).to.deep.equal([]);
    await session.beginRequest();
    expect(session.get('anything')).to.equal(undefined);
    await session.set('user', 'ada');
    expect(session.get('user')).to.equal('ada');
    await session.endRequest();
    expect(hooks.fallbacks.map(([store]) => store)).to.deep.equal(['sessionStorage']);
  });

  it('corrupt session data is dropped with a warning, never thrown', async () => {
    const capture = captureWarnings();
    try {
      const name = uniqueName('corrupt');
      sessionStorage.setItem(`phial:session:${name}`, 'nope{');
      const session = createSession(undefined, name, recordingHooks());
      await session.beginRequest();
      expect(session.entries()).to.deep.equal([]);
      await session.set('fresh', true);
      expect(session.get('fresh')).to.equal(true);
      await session.endRequest();
      expect(capture.warnings.join('\n')).to.match(/dropped corrupt data in sessionStorage under "phial:session:.*" \(not JSON\)/);
      const other = uniqueName('array');
      sessionStorage.setItem(`phial:session:${other}`, '[1]');
      expect(createSession(undefined, other, recordingHooks()).has('0')).to.equal(false);
      expect(capture.warnings.join('\n')).to.contain('not an object of session values');
    } finally {
      capture.stop();
    }
  });
});
