import '../guard.js';
/*
 * Flask 3.1 tests/test_user_error_handler.py, ported to Phial (SPEC §4, §5, §6).
 *
 * Flask's `app` fixture has TESTING on: `new Phial({ testing: true })` here; tests that turn it
 * off (`app.testing = False`, PROPAGATE_EXCEPTIONS False) use `testing: false`.
 * Nothing is skipped: every test of this module has its subject in SPEC.
 * Python's KeyError is a class of the test's own here (JavaScript has no KeyError).
 */
import { expect } from '@esm-bundle/chai';
import {
  abort,
  Blueprint,
  Forbidden,
  HTTPException,
  InternalServerError,
  NotFound,
  Phial,
  PhialError,
} from '../../src/index.js';
import { flaskApp, quietly } from './helpers.js';

class KeyError extends Error {}

describe('Flask test_user_error_handler.py', () => {
  it('test_error_handler_no_match: bad registrations fail; the 500 handler gets what no handler took', async () => {
    const app = flaskApp();
    class CustomException extends Error {}
    app.errorHandler(CustomException, function customExceptionHandler(e) {
      expect(e).to.be.instanceOf(CustomException);
      return 'custom';
    });
    // Flask passes None as the handler: the registration fails on what it is registered for.
    expect(() => app.registerErrorHandler(new CustomException() as never, null as never))
      .to.throw(PhialError, /instance, not a class/);
    expect(() => app.registerErrorHandler(Array as never, null as never))
      .to.throw(PhialError, /'Array' is not a subclass of Error/);
    app.errorHandler(500, function handle500(e) {
      expect(e).to.be.instanceOf(InternalServerError);
      if (e.originalError != null) return `wrapped ${(e.originalError as Error).constructor.name}`;
      return 'direct';
    });
    expect(() => app.registerErrorHandler(999, null as never)).to.throw(PhialError, /subclass of HTTPException/);
    app.route('/custom', function customTest() { throw new CustomException(); });
    app.route('/keyerror', function keyError() { throw new KeyError(); });
    app.route('/abort', function doAbort() { abort(500); });

    app.testing = false;
    expect((await app.test.get('/custom')).html).to.equal('custom');
    expect((await quietly(() => app.test.get('/keyerror'))).html).to.equal('wrapped KeyError');
    expect((await app.test.get('/abort')).html).to.equal('direct');
  });

  it('test_error_handler_subclass: a handler serves subclasses without their own', async () => {
    const app = flaskApp();
    class ParentException extends Error {}
    class ChildExceptionUnregistered extends ParentException {}
    class ChildExceptionRegistered extends ParentException {}
    app.errorHandler(ParentException, function parentExceptionHandler(e) {
      expect(e).to.be.instanceOf(ParentException);
      return 'parent';
    });
    app.errorHandler(ChildExceptionRegistered, function childExceptionHandler(e) {
      expect(e).to.be.instanceOf(ChildExceptionRegistered);
      return 'child-registered';
    });
    app.route('/parent', function parentTest() { throw new ParentException(); });
    app.route('/child-unregistered', function unregisteredTest() { throw new ChildExceptionUnregistered(); });
    app.route('/child-registered', function registeredTest() { throw new ChildExceptionRegistered(); });

    expect((await app.test.get('/parent')).html).to.equal('parent');
    expect((await app.test.get('/child-unregistered')).html).to.equal('parent');
    expect((await app.test.get('/child-registered')).html).to.equal('child-registered');
  });

  it('test_error_handler_http_subclass: a code handler serves unregistered subclasses of its class', async () => {
    const app = flaskApp();
    class ForbiddenSubclassRegistered extends Forbidden {}
    class ForbiddenSubclassUnregistered extends Forbidden {}
    app.errorHandler(403, function codeExceptionHandler(e) {
      expect(e).to.be.instanceOf(Forbidden);
      return 'forbidden';
    });
    app.errorHandler(ForbiddenSubclassRegistered, function subclassExceptionHandler(e) {
      expect(e).to.be.instanceOf(ForbiddenSubclassRegistered);
      return 'forbidden-registered';
    });
    app.route('/forbidden', function forbiddenTest() { throw new Forbidden(); });
    app.route('/forbidden-registered', function registeredTest() { throw new ForbiddenSubclassRegistered(); });
    app.route('/forbidden-unregistered', function unregisteredTest() { throw new ForbiddenSubclassUnregistered(); });

    expect((await app.test.get('/forbidden')).html).to.equal('forbidden');
    expect((await app.test.get('/forbidden-unregistered')).html).to.equal('forbidden');
    expect((await app.test.get('/forbidden-registered')).html).to.equal('forbidden-registered');
  });

  it('test_error_handler_blueprint: a blueprint\'s 500 handler serves its views, the app\'s the rest', async () => {
    const app = flaskApp();
    const bp = new Blueprint('bp');
    bp.errorHandler(500, function bpExceptionHandler() { return 'bp-error'; });
    bp.route('/error', function bpTest() { throw new InternalServerError(); });
    app.errorHandler(500, function appExceptionHandler() { return 'app-error'; });
    app.route('/error', function appTest() { throw new InternalServerError(); });
    app.registerBlueprint(bp, { urlPrefix: '/bp' });

    expect((await app.test.get('/error')).html).to.equal('app-error');
    expect((await app.test.get('/bp/error')).html).to.equal('bp-error');
  });

  it('test_default_error_handler: HTTPException and Forbidden handlers, per blueprint and app; no handler for a routing redirect', async () => {
    const bp = new Blueprint('bp');
    bp.errorHandler(HTTPException, function bpExceptionHandler(e) {
      expect(e).to.be.instanceOf(HTTPException);
      expect(e).to.be.instanceOf(NotFound);
      return 'bp-default';
    });
    bp.errorHandler(Forbidden, function bpForbiddenHandler(e) {
      expect(e).to.be.instanceOf(Forbidden);
      return 'bp-forbidden';
    });
    bp.route('/undefined', function bpRegisteredTest() { throw new NotFound(); });
    bp.route('/forbidden', function bpForbiddenTest() { throw new Forbidden(); });

    // A plain Flask(__name__): TESTING off.
    const app = flaskApp({ testing: false });
    app.errorHandler(HTTPException, function catchallExceptionHandler(e) {
      expect(e).to.be.instanceOf(HTTPException);
      expect(e).to.be.instanceOf(NotFound);
      return 'default';
    });
    app.errorHandler(Forbidden, function catchallForbiddenHandler(e) {
      expect(e).to.be.instanceOf(Forbidden);
      return 'forbidden';
    });
    app.route('/forbidden', function forbidden() { throw new Forbidden(); });
    app.route('/slash/', function slash() { return 'slash'; });
    app.registerBlueprint(bp, { urlPrefix: '/bp' });

    expect((await app.test.get('/bp/undefined')).html).to.equal('bp-default');
    expect((await app.test.get('/bp/forbidden')).html).to.equal('bp-forbidden');
    expect((await app.test.get('/undefined')).html).to.equal('default');
    expect((await app.test.get('/forbidden')).html).to.equal('forbidden');
    // The strict-slash redirect is not an error for the HTTPException handler to take.
    const redirect = await app.test.get('/slash');
    expect(redirect.status).to.equal(308);
    expect(redirect.location).to.equal('/slash/');
    expect((await app.test.get('/slash', { followRedirects: true })).html).to.equal('slash');
  });

  describe('TestGenericHandlers: how very generic handlers are dispatched to', () => {
    class Custom extends Error {}

    /** The class fixture: four failing routes, errors not propagated. */
    function genericApp(): Phial {
      const app = flaskApp({ testing: false });
      app.route('/custom', function doCustom() { throw new Custom(); });
      app.route('/error', function doError() { throw new KeyError(); });
      app.route('/abort', function doAbort() { abort(500); });
      app.route('/raise', function doRaise() { throw new InternalServerError(); });
      return app;
    }

    function reportError(e: Error): string {
      const original = (e as InternalServerError).originalError;
      if (original != null) return `wrapped ${(original as Error).constructor.name}`;
      return `direct ${e.constructor.name}`;
    }

    for (const [label, toHandle] of [['InternalServerError', InternalServerError], ['500', 500]] as const) {
      it(`test_handle_class_or_code[${label}]: the 500 handler only ever receives an InternalServerError`, async () => {
        const app = genericApp();
        app.errorHandler(toHandle as typeof InternalServerError, function handle500(e) {
          expect(e).to.be.instanceOf(InternalServerError);
          return reportError(e);
        });

        await quietly(async () => {
          expect((await app.test.get('/custom')).html).to.equal('wrapped Custom');
          expect((await app.test.get('/error')).html).to.equal('wrapped KeyError');
        });
        expect((await app.test.get('/abort')).html).to.equal('direct InternalServerError');
        expect((await app.test.get('/raise')).html).to.equal('direct InternalServerError');
      });
    }

    it('test_handle_generic_http: an HTTPException handler gets HTTP errors only, routing 404s included', async () => {
      const app = genericApp();
      app.errorHandler(HTTPException, function handleHttp(e) {
        expect(e).to.be.instanceOf(HTTPException);
        return String(e.code);
      });

      expect((await quietly(() => app.test.get('/error'))).html).to.equal('500');
      expect((await app.test.get('/abort')).html).to.equal('500');
      expect((await app.test.get('/not-found')).html).to.equal('404');
    });

    it('test_handle_generic: an Error handler gets every error directly, HTTP errors included', async () => {
      const app = genericApp();
      app.errorHandler(Error, function handleException(e) { return reportError(e); });

      expect((await app.test.get('/custom')).html).to.equal('direct Custom');
      expect((await app.test.get('/error')).html).to.equal('direct KeyError');
      expect((await app.test.get('/abort')).html).to.equal('direct InternalServerError');
      expect((await app.test.get('/not-found')).html).to.equal('direct NotFound');
    });
  });
});
