import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { PhialFlashes, PhialOutlet } from '../../src/lit/index.js';

describe('phial/lit', () => {
  it('defines <phial-outlet> and <phial-flashes> as it loads', () => {
    expect(customElements.get('phial-outlet')).to.equal(PhialOutlet);
    expect(customElements.get('phial-flashes')).to.equal(PhialFlashes);
    expect(document.createElement('phial-outlet')).to.be.instanceOf(PhialOutlet);
  });

  it('leaves the first definitions when a second copy loads', async () => {
    const copy = `${new URL('../../src/lit/index.ts', import.meta.url).href}?copy`;
    const loaded = (await import(copy)) as { PhialOutlet: unknown };
    expect(loaded.PhialOutlet).to.equal(PhialOutlet);
    expect(customElements.get('phial-outlet')).to.equal(PhialOutlet);
  });
});
