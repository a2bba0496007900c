import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { createFlashManager, memoryStore, sessionStorageStore } from '../../src/state/index.js';
import { describeFlashSemantics } from './flash-semantics.js';
import { recordingHooks, uniqueName } from './helpers.js';

describeFlashSemantics('memory', memoryStore);
describeFlashSemantics('sessionStorage', sessionStorageStore);

describe('the default flash store', () => {
  it('is sessionStorage, keyed by the app name', async () => {
    const name = uniqueName('default');
    const app = createFlashManager(undefined, name, recordingHooks());
    await app.flash('Stored');
    const stored = JSON.parse(sessionStorage.getItem(`phial:flashes:${name}`) ?? 'null');
    expect(stored.pending.map((item: { message: unknown }) => item.message)).to.deep.equal(['Stored']);
    const reloaded = createFlashManager(undefined, name, recordingHooks());
    const page = await reloaded.begin();
    expect(page.getFlashedMessages()).to.deep.equal(['Stored']);
    await page.end('rendered');
  });
});
