import './guard.js';
import { expect } from '@esm-bundle/chai';
import { abort, HTTPException, NotFound, Forbidden, InternalServerError, MethodNotAllowed, PhialError, exceptionForCode } from '../src/errors.js';

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
