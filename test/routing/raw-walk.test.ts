import '../guard.js';
// tryMatch first walks the path as it is and keeps what it finds there only where cutting the
// query, decoding escapes and merging slashes could change nothing. A map with a rule whose
// static text holds '%' always matches the full way: for seeded maps and paths full of '%', '?',
// '#' and '//', both maps must answer alike.
import { expect } from '@esm-bundle/chai';
import { UrlMap } from '../../src/routing/map.js';
import { HTTPException, MethodNotAllowed, RequestRedirect } from '../../src/errors.js';
import { seeded } from '../seeded.js';

function outcome(map: UrlMap, path: string, method: string): unknown {
  const m = map.tryMatch(path, method);
  if (m instanceof RequestRedirect) return { redirect: m.newUrl };
  if (m instanceof MethodNotAllowed) return { error: 405, validMethods: [...m.validMethods].sort() };
  if (m instanceof HTTPException) return { error: m.code };
  return { endpoint: m.endpoint, params: { ...m.params } };
}

const WORDS = ['a', 'b', 'ab', 'x1', '7'];
const SEGMENTS = ['a', 'b', 'ab', '<v>', '<int:n>', 'a-<v>', '<v>.txt', '<path:p>'];
const DECOR = ['', '', '', '?q=1', '#f', '/', '//', '%61', '%2F', '%zz', '%3F', '?%zz'];

describe('the raw path and the full match answer alike (seeded)', () => {
  it('for 500 random maps and 40 random paths each, under every method and slash option', () => {
    const random = seeded(77);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    let compared = 0;
    for (let round = 0; round < 500; round++) {
      const merge = random() < 0.8;
      const fast = new UrlMap({ mergeSlashes: merge });
      const full = new UrlMap({ mergeSlashes: merge });
      // A rule with '%' in its static text: this map never takes the raw path (no path below reaches it).
      full.add('/%25%25never', { endpoint: 'never' });
      const rules: string[] = [];
      for (let r = 0; r < 1 + Math.floor(random() * 6); r++) {
        let rule = '';
        let path = false, n = 0;
        for (let s = 0; s < 1 + Math.floor(random() * 3); s++) {
          let seg = pick(SEGMENTS);
          if (seg === '<path:p>' && path) seg = 'b';
          if (seg === '<path:p>') path = true;
          rule += '/' + seg.replace(/<(\w+:)?(\w+)>/, (_, c = '', name: string) => `<${c}${name}${n++}>`);
        }
        if (random() < 0.3) rule += '/';
        if (rules.some((r) => r.startsWith(rule + ' '))) continue;
        const options = {
          endpoint: `e${r}`,
          ...(random() < 0.3 ? { strictSlashes: false } : {}),
          ...(random() < 0.3 ? { methods: [pick(['GET', 'POST'])] } : {}),
        };
        rules.push(`${rule} ${JSON.stringify(options)}`);
        fast.add(rule, options);
        full.add(rule, options);
      }
      for (let k = 0; k < 40; k++) {
        let path = '';
        for (let s = 0; s < 1 + Math.floor(random() * 4); s++) path += '/' + (random() < 0.5 ? pick(WORDS) : `${pick(WORDS)}${pick(['-', '.', ''])}${pick(WORDS)}`);
        if (random() < 0.3) path += '.txt';
        const at = 1 + Math.floor(random() * path.length);
        path = path.slice(0, at) + pick(DECOR) + path.slice(at);
        if (random() < 0.2) path += pick(DECOR);
        if (random() < 0.2) { const at2 = 1 + Math.floor(random() * path.length); path = path.slice(0, at2) + pick(DECOR) + path.slice(at2); }
        const method = random() < 0.8 ? 'GET' : 'POST';
        const want = outcome(full, path, method);
        expect(outcome(fast, path, method), `${method} ${path} (round ${round}, mergeSlashes ${merge}) with ${rules.join(' ')}`).to.deep.equal(want);
        compared++;
      }
    }
    expect(compared).to.equal(500 * 40);
  });
});
