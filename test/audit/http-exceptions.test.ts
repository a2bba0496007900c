import '../guard.js';
import { expect } from '@esm-bundle/chai';
import * as phial from '../../src/index.js';
import { abort, HTTPException, PhialError, knownErrorCodes } from '../../src/index.js';

const WERKZEUG: Record<string, [string, string, string]> = {"400": ["BadRequest", "Bad Request", "The browser (or proxy) sent a request that this server could not understand."], "401": ["Unauthorized", "Unauthorized", "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required."], "403": ["Forbidden", "Forbidden", "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."], "404": ["NotFound", "Not Found", "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."], "405": ["MethodNotAllowed", "Method Not Allowed", "The method is not allowed for the requested URL."], "406": ["NotAcceptable", "Not Acceptable", "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request."], "408": ["RequestTimeout", "Request Timeout", "The server closed the network connection because the browser didn't finish the request within the specified time."], "409": ["Conflict", "Conflict", "A conflict happened while processing the request. The resource might have been modified while the request was being processed."], "410": ["Gone", "Gone", "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page."], "411": ["LengthRequired", "Length Required", "A request with this method requires a valid <code>Content-Length</code> header."], "412": ["PreconditionFailed", "Precondition Failed", "The precondition on the request for the URL failed positive evaluation."], "413": ["RequestEntityTooLarge", "Request Entity Too Large", "The data value transmitted exceeds the capacity limit."], "414": ["RequestURITooLarge", "Request URI Too Long", "The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed."], "415": ["UnsupportedMediaType", "Unsupported Media Type", "The server does not support the media type transmitted in the request."], "416": ["RequestedRangeNotSatisfiable", "Requested Range Not Satisfiable", "The server cannot provide the requested range."], "417": ["ExpectationFailed", "Expectation Failed", "The server could not meet the requirements of the Expect header"], "418": ["ImATeapot", "I'm a teapot", "This server is a teapot, not a coffee machine"], "421": ["MisdirectedRequest", "Misdirected Request", "The server is not able to produce a response."], "422": ["UnprocessableEntity", "Unprocessable Entity", "The request was well-formed but was unable to be followed due to semantic errors."], "423": ["Locked", "Locked", "The resource that is being accessed is locked."], "424": ["FailedDependency", "Failed Dependency", "The method could not be performed on the resource because the requested action depended on another action and that action failed."], "428": ["PreconditionRequired", "Precondition Required", "This request is required to be conditional; try using \"If-Match\" or \"If-Unmodified-Since\"."], "429": ["TooManyRequests", "Too Many Requests", "This user has exceeded an allotted request count. Try again later."], "431": ["RequestHeaderFieldsTooLarge", "Request Header Fields Too Large", "One or more header fields exceeds the maximum size."], "451": ["UnavailableForLegalReasons", "Unavailable For Legal Reasons", "Unavailable for legal reasons."], "500": ["InternalServerError", "Internal Server Error", "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application."], "501": ["NotImplemented", "Not Implemented", "The server does not support the action requested by the browser."], "502": ["BadGateway", "Bad Gateway", "The proxy server received an invalid response from an upstream server."], "503": ["ServiceUnavailable", "Service Unavailable", "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later."], "504": ["GatewayTimeout", "Gateway Timeout", "The connection to an upstream server timed out."], "505": ["HTTPVersionNotSupported", "HTTP Version Not Supported", "The server does not support the HTTP protocol version used in the request."]};

describe('audit: HTTPException family as Werkzeug 3.1', () => {
  for (const [code, [cls, name, description]] of Object.entries(WERKZEUG)) {
    it(`${code} ${cls}`, () => {
      const C = (phial as any)[cls];
      expect(C, cls).to.be.a('function');
      const e = new C();
      expect(e).to.be.instanceOf(HTTPException);
      expect(e).to.be.instanceOf(PhialError);
      expect(e.code).to.equal(Number(code));
      expect(e.name).to.equal(name);
      expect(e.description).to.equal(description);
      expect(String(e)).to.equal(`${code} ${name}: ${description}`);
      let thrown: unknown;
      try { abort(Number(code)); } catch (x) { thrown = x; }
      expect(thrown).to.be.instanceOf(C);
      let t2: any;
      try { abort(Number(code), 'why'); } catch (x) { t2 = x; }
      expect(t2.description).to.equal('why');
      expect(String(t2)).to.equal(`${code} ${name}: why`);
    });
  }
});
