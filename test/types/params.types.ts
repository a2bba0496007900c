// Type-level tests: `tsc -p tsconfig.json --noEmit` (part of `npm test`) fails when the params
// inferred from a rule string are wrong. Each `@ts-expect-error` line must fail to compile.
import { Blueprint, Phial, type Params, type Request } from '../../src/index.js';

type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? true : false;
function assertType<T extends true>(): T | void {}

// Converters give their value types; the name comes after the colon.
const p: { id: number; rest: string } = null! as Params<'/u/<int:id>/<path:rest>'>;
void p;
assertType<Equal<Params<'/u/<int:id>/<path:rest>'>, { id: number; rest: string }>>();
assertType<Equal<Params<'/user/<name>'>, { name: string }>>();
assertType<Equal<Params<'/'>, {}>>();
assertType<Equal<Params<'/page/<int(min=1):n>'>, { n: number }>>();
assertType<Equal<Params<'/p/<float:x>/<uuid:u>/<string(length=2):lang>'>, { x: number; u: string; lang: string }>>();
assertType<Equal<Params<'/post-<int:id>.html'>, { id: number }>>();
// any(...) gives the union of its items, quoted or not.
assertType<Equal<Params<"/<any(about, 'help'):page>">, { page: 'about' | 'help' }>>();
// A converter of your own is unknown until declared in ConverterTypes.
assertType<Equal<Params<'/c/<color:c>'>, { c: unknown }>>();
// A rule that is not a literal gives a record.
assertType<Equal<Params<string>, Record<string, unknown>>>();

// @ts-expect-error: an int is not a string
const wrongType: { id: string } = null! as Params<'/u/<int:id>'>;
void wrongType;
// @ts-expect-error: the name is 'id', not 'user'
const wrongName: { user: number } = null! as Params<'/u/<int:id>'>;
void wrongName;

const app = new Phial();

// app.route types req.params from its rule.
app.route('/u/<int:id>/<path:rest>', function user(req) {
  const id: number = req.params.id;
  const rest: string = req.params.rest;
  // @ts-expect-error: no such param
  void req.params.nope;
  // @ts-expect-error: id is a number
  const asString: string = req.params.id;
  return `${id} ${rest} ${asString}`;
});

// Rule defaults join the params.
app.route('/list/', function list(req) {
  const page: number = req.params.page;
  // @ts-expect-error: page is a number
  const wrong: string = req.params.page;
  return `${page} ${wrong}`;
}, { defaults: { page: 1 } });

// A view typed with a plain Request fits any rule.
function plain(req: Request): string {
  return String(req.params.anything);
}
app.route('/x/<int:id>', plain);

// @ts-expect-error: a view that wants a param the rule does not have
app.route('/x/<int:id>', (req: Request<{ slug: string }>) => req.params.slug, { endpoint: 'x2' });

// In a blueprint the prefix may add params: the rule's are typed, the others unknown.
const bp = new Blueprint('bp', { urlPrefix: '/<lang>' });
bp.route('/p/<int:id>', function post(req) {
  const id: number = req.params.id;
  const lang: unknown = req.params.lang;
  // @ts-expect-error: id is a number
  const wrong: string = req.params.id;
  return `${id} ${String(lang)} ${wrong}`;
});
