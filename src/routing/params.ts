/**
 * Types only: the params of a rule, read from the rule string with template literal types, so
 * `app.route('/u/<int:id>', (req) => ...)` gives `req.params` the type `{ id: number }`.
 * A rule that is not a literal (a `string`) gives `Record<string, unknown>`.
 */

/**
 * The value type of each converter. Converters of your own give `unknown` unless you add them
 * here by declaration merging.
 */
export interface ConverterTypes {
  default: string;
  string: string;
  int: number;
  float: number;
  path: string;
  uuid: string;
  any: string;
}

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;

type Unquote<S extends string> = S extends `'${infer R}'` ? R : S extends `"${infer R}"` ? R : S;

/** `a, 'b', c` to `'a' | 'b' | 'c'`: the items of `any(...)`. */
type Items<S extends string> = S extends `${infer Head},${infer Tail}`
  ? Unquote<Trim<Head>> | Items<Tail>
  : Unquote<Trim<S>>;

type ValueOf<Converter extends string, Args extends string> = Converter extends 'any'
  ? Items<Args>
  : Converter extends keyof ConverterTypes
    ? ConverterTypes[Converter]
    : unknown;

/** One `<...>` part: `name`, `conv:name` or `conv(args):name`. */
type Part<Inner extends string> = Inner extends `${infer Conv}(${infer Args}):${infer Name}`
  ? { [K in Trim<Name>]: ValueOf<Trim<Conv>, Args> }
  : Inner extends `${infer Conv}:${infer Name}`
    ? { [K in Trim<Name>]: ValueOf<Trim<Conv>, ''> }
    : { [K in Trim<Inner>]: string };

type Collect<R extends string> = R extends `${string}<${infer Inner}>${infer Rest}`
  ? Part<Inner> & Collect<Rest>
  : unknown;

type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * The params of a rule string.
 * @example
 * type P = Params<'/u/<int:id>/<path:rest>'>;   // { id: number; rest: string }
 * type Q = Params<'/<any(about, help):page>'>;  // { page: 'about' | 'help' }
 */
export type Params<R extends string> = string extends R ? Record<string, unknown> : Flatten<Collect<R> & {}>;
