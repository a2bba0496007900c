import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { createSession, memorySession, sessionStorageSession } from '../../src/state/index.js';
import { describeSessionSemantics } from './session-semantics.js';
import { recordingHooks, uniqueName } from './helpers.js';

describeSessionSemantics('memory', memorySession);
describeSessionSemantics('sessionStorage', sessionStorageSession);

describe('the default session store', () => {
  it('is sessionStorage, keyed by the app name', async () => {
    const name = uniqueName('default-session');
    const s = createSession(undefined, name, recordingHooks());
    await s.set('theme', 'dark');
    expect(JSON.parse(sessionStorage.getItem(`phial:session:${name}`) ?? 'null')).to.deep.equal({ theme: 'dark' });
    const reloaded = createSession(undefined, name, recordingHooks());
    expect(reloaded.get('theme')).to.equal('dark');
  });

  it('memorySession keeps each app apart when each has its own', async () => {
    const a = createSession(memorySession(), 'same', recordingHooks());
    const b = createSession(memorySession(), 'same', recordingHooks());
    await a.set('x', 1);
    expect(b.get('x')).to.equal(undefined);
  });
});
