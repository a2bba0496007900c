import './guard.js';
import { expect } from '@esm-bundle/chai';
import {
  abort,
  Conflict,
  exceptionForCode,
  Forbidden,
  Gone,
  HTTPException,
  httpErrorClass,
  HTTPVersionNotSupported,
  ImATeapot,
  InternalServerError,
  knownErrorCodes,
  MethodNotAllowed,
  NotFound,
  PhialError,
  RequestURITooLarge,
  TooManyRequests,
  Unauthorized,
  UnavailableForLegalReasons,
} from '../src/errors.js';

/** What `fn` throws; fails the test when it returns instead. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return expect.fail('expected the call to throw, but it returned');
}

describe('HTTPException family', () => {
  it('abort(404) throws NotFound with Werkzeug name and description', () => {
    const e = thrownBy(() => abort(404));
    expect(e).to.be.instanceOf(NotFound);
    expect(e).to.be.instanceOf(HTTPException);
    expect(e).to.be.instanceOf(PhialError);
    const err = e as NotFound;
    expect(err.code).to.equal(404);
    expect(err.name).to.equal('Not Found');
    expect(err.toString()).to.match(/^404 Not Found: The requested URL was not found/);
  });
  it('abort(code, description) keeps the description', () => {
    const e = thrownBy(() => abort(403, 'admins only'));
    expect(e).to.be.instanceOf(Forbidden);
    expect(String(e)).to.equal('403 Forbidden: admins only');
  });
  it('abort of an unknown code is a PhialError that is not an HTTPException', () => {
    const e = thrownBy(() => abort(299));
    expect(e).to.be.instanceOf(PhialError);
    expect(e).not.to.be.instanceOf(HTTPException);
    expect((e as Error).message).to.contain('299');
  });
  it('abort(response) carries the response', () => {
    const res = { status: 418 };
    const e = thrownBy(() => abort(res));
    expect(e).to.be.instanceOf(HTTPException);
    expect((e as HTTPException).response).to.equal(res);
  });
  it('every SPEC code has a class', () => {
    for (const code of [400, 401, 403, 404, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505]) {
      const Cls = exceptionForCode(code)!;
      expect(new Cls().code).to.equal(code);
    }
    expect(new MethodNotAllowed(undefined, { validMethods: ['GET'] }).validMethods).to.deep.equal(['GET']);
    const cause = new Error('x');
    expect(new InternalServerError(undefined, { originalError: cause }).originalError).to.equal(cause);
  });
});

describe('the rarely raised HTTP errors (classes made from a table)', () => {
  it('each is a class of its own, with its name, code and Werkzeug name and description', () => {
    const rare: Array<[typeof HTTPException, string, number, string]> = [
      [Unauthorized, 'Unauthorized', 401, 'Unauthorized'],
      [Conflict, 'Conflict', 409, 'Conflict'],
      [Gone, 'Gone', 410, 'Gone'],
      [RequestURITooLarge, 'RequestURITooLarge', 414, 'Request URI Too Long'],
      [ImATeapot, 'ImATeapot', 418, "I'm a teapot"],
      [TooManyRequests, 'TooManyRequests', 429, 'Too Many Requests'],
      [UnavailableForLegalReasons, 'UnavailableForLegalReasons', 451, 'Unavailable For Legal Reasons'],
      [HTTPVersionNotSupported, 'HTTPVersionNotSupported', 505, 'HTTP Version Not Supported'],
    ];
    for (const [Cls, className, code, httpName] of rare) {
      expect(Cls.name).to.equal(className);
      expect(Cls.code).to.equal(code);
      expect(Cls.defaultName).to.equal(httpName);
      expect(Object.getPrototypeOf(Cls)).to.equal(HTTPException);
      expect(exceptionForCode(code)).to.equal(Cls);
      const e = thrownBy(() => abort(code)) as HTTPException;
      expect(e).to.be.instanceOf(Cls);
      expect(e.constructor).to.equal(Cls);
      expect(e.name).to.equal(httpName);
      expect(e.code).to.equal(code);
      expect(e.description).to.equal(Cls.defaultDescription);
    }
    expect(new Conflict().description).to.equal('A conflict happened while processing the request. The resource might have been modified while the request was being processed.');
    expect(String(new Gone('moved away'))).to.equal('410 Gone: moved away');
    expect(new Unauthorized()).not.to.be.instanceOf(Conflict);
  });

  it('a class of the table can be subclassed, and its instances are the class', () => {
    class EditConflict extends Conflict {
      readonly version: number;
      constructor(version: number) {
        super(`version ${version} was edited meanwhile`);
        this.version = version;
      }
    }
    const e: Conflict = new EditConflict(3);
    expect(e).to.be.instanceOf(Conflict);
    expect(e).to.be.instanceOf(HTTPException);
    expect(e.constructor.name).to.equal('EditConflict');
    expect(e.name).to.equal('Conflict');
    expect(e.code).to.equal(409);
    expect(String(e)).to.equal('409 Conflict: version 3 was edited meanwhile');
    expect(EditConflict.code).to.equal(409);
  });

  it('knownErrorCodes() lists every code in order, without the routing redirect', () => {
    expect(knownErrorCodes()).to.deep.equal([400, 401, 403, 404, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505]);
    expect(exceptionForCode(308)).to.equal(undefined);
    expect(exceptionForCode(404)).to.equal(NotFound);
    expect(exceptionForCode(299)).to.equal(undefined);
  });

  it('error handlers are filed under the class abort() raises (httpErrorClass is exceptionForCode without the description)', () => {
    for (const code of knownErrorCodes()) expect(httpErrorClass(code)).to.equal(exceptionForCode(code));
    expect(httpErrorClass(409)).to.equal(Conflict);
    expect(httpErrorClass(308)).to.equal(undefined);
    expect(Conflict.defaultDescription).to.match(/^A conflict happened/);
  });
});
