import '../guard.js';
import { expect } from '@esm-bundle/chai';
import '../../src/lit/index.js';
import { html } from 'lit';
import { Phial, memoryStore, memorySession, signals, flash } from '../../src/index.js';

describe('audit: render signals and a page view that flashes (SPEC §9, §7)', () => {
  it('navigationCommitted, then beforeRenderTemplate and templateRendered around the outlet; messages flashed by a view show on its own page', async () => {
    const app = new Phial({ history: 'memory', flashStore: memoryStore(), session: memorySession() });
    const log: string[] = [];
    app.route('/', function index() { return 'home <b>'; });
    app.route('/a', function a() { flash('hello', 'error'); flash('info msg'); return html`<h1>A</h1>`; });
    const outlet = document.createElement('phial-outlet') as HTMLElement & { app: Phial };
    outlet.app = app;
    const fl = document.createElement('phial-flashes') as HTMLElement & { updateComplete: Promise<unknown> };
    const d1 = signals.beforeRenderTemplate.connect((s, dt) => { log.push(`before ${dt.request.path} ${s === app} ${outlet.textContent}`); });
    const d2 = signals.templateRendered.connect((s, dt) => { log.push(`rendered ${dt.request.path} ${dt.response.status} ${outlet.textContent}`); });
    const d3 = signals.navigationCommitted.connect((s, dt) => { log.push(`committed ${dt.request.path}`); });
    document.body.append(fl, outlet);
    try {
      await app.start();
      await app.navigate('/a');
      await fl.updateComplete;
      const msgs = [...fl.shadowRoot!.querySelectorAll('[part~=message]')].map((m) => `${m.getAttribute('category')}:${m.getAttribute('role')}:${m.querySelector('span')!.textContent}`);
      expect(log).to.deep.equal([
        'committed /', 'before / true ', 'rendered / 200 home <b>',
        'committed /a', 'before /a true home <b>', 'rendered /a 200 A',
      ]);
      expect(msgs).to.deep.equal(['error:alert:hello', 'message:status:info msg']);
    } finally { d1(); d2(); d3(); app.stop(); outlet.remove(); fl.remove(); }
  });
});
