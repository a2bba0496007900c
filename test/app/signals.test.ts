import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Signal, signals } from '../../src/index.js';
import { captureErrors, makeApp } from './helpers.js';

describe('Signal', () => {
  it('calls receivers with the sender and the data; connect returns a disconnect', () => {
    const signal = new Signal<{ n: number }, string>('test');
    const calls: unknown[] = [];
    const off = signal.connect((sender, data) => calls.push([sender, data.n]));
    signal.send('a', { n: 1 });
    off();
    signal.send('a', { n: 2 });
    expect(calls).to.deep.equal([['a', 1]]);
  });

  it('calls a receiver connected for a sender only for that sender', () => {
    const signal = new Signal<number, string>('test');
    const calls: unknown[] = [];
    signal.connect((sender, n) => calls.push(`${sender} ${n}`), { sender: 'mine' });
    signal.send('other', 1);
    signal.send('mine', 2);
    expect(calls).to.deep.equal(['mine 2']);
  });

  it('disconnects a function from every sender, or from one', () => {
    const signal = new Signal<number, string>('test');
    const calls: unknown[] = [];
    const fn = (sender: string, n: number) => { calls.push(`${sender} ${n}`); };
    signal.connect(fn, { sender: 'a' });
    signal.connect(fn, { sender: 'b' });
    signal.connect(fn, { sender: 'b' });
    signal.send('b', 1);
    signal.disconnect(fn, { sender: 'a' });
    signal.send('a', 2);
    signal.send('b', 3);
    signal.disconnect(fn);
    signal.send('b', 4);
    expect(calls).to.deep.equal(['b 1', 'b 3']);
  });

  it('reports a throwing or rejecting receiver and goes on with the others', async () => {
    const signal = new Signal<number>('tested');
    const calls: string[] = [];
    signal.connect(() => { throw new Error('sync'); });
    signal.connect(async () => { throw new Error('async'); });
    signal.connect(() => { calls.push('third'); });
    const { reports } = await captureErrors(async () => {
      signal.send(null, 1);
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(calls).to.deep.equal(['third']);
    expect(reports.map((r) => [String(r[0]), (r[1] as Error).message])).to.deep.equal([
      ["Phial: a receiver of the 'tested' signal failed; the other receivers and the navigation go on.", 'sync'],
      ["Phial: a receiver of the 'tested' signal failed; the other receivers and the navigation go on.", 'async'],
    ]);
  });
});

describe('the app signals', () => {
  it('are all there, named as SPEC §9 names them', () => {
    expect(Object.keys(signals)).to.deep.equal([
      'requestStarted', 'requestFinished', 'gotRequestException', 'requestTearingDown', 'messageFlashed',
      'beforeRenderTemplate', 'templateRendered', 'navigationCommitted', 'navigationAborted', 'storageFallback',
    ]);
    for (const [key, signal] of Object.entries(signals)) expect(signal.name).to.equal(key);
  });

  it('carry the app as sender and the request and response as data', async () => {
    const app = makeApp();
    const other = makeApp();
    const calls: unknown[] = [];
    const offs = [
      signals.requestStarted.connect((sender, { request }) => calls.push(['started', sender === app, request.path]), { sender: app }),
      signals.requestFinished.connect((sender, { request, response }) => calls.push(['finished', request.path, response.html]), { sender: app }),
      signals.messageFlashed.connect((sender, data) => calls.push(['flashed', sender === app, data]), { sender: app }),
      signals.requestTearingDown.connect((sender, { request, error }) => calls.push(['tearingDown', request.path, error]), { sender: app }),
    ];
    app.route('/', function index(req) { req.flash('Hi', 'info'); return 'home'; });
    other.route('/', function index() { return 'other'; });
    try {
      await app.test.get('/');
      await other.test.get('/');
    } finally {
      offs.forEach((f) => f());
    }
    expect(calls).to.deep.equal([
      ['started', true, '/'],
      ['flashed', true, { message: 'Hi', category: 'info' }],
      ['finished', '/', 'home'],
      ['tearingDown', '/', null],
    ]);
  });

  it('never stop the navigation when a receiver throws', async () => {
    const app = makeApp();
    const off = signals.requestStarted.connect(() => { throw new Error('bad receiver'); }, { sender: app });
    app.route('/', function index() { return 'still here'; });
    try {
      const { result, reports } = await captureErrors(() => app.test.get('/'));
      expect(result.html).to.equal('still here');
      expect(reports).to.have.length(1);
    } finally {
      off();
    }
  });
});
