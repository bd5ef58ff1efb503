"""HTTP to a remote SPARQL 1.1 endpoint, through SPARQLWrapper; the answer is parsed by Oxigraph.

Credentials come from the environment only (``IOPKG_ENDPOINT_USER`` and
``IOPKG_ENDPOINT_PASSWORD``), never from the command line. The SPARQL JSON results are read by
:func:`pyoxigraph.parse_query_results` into the same terms the embedded store gives. Queries go
through :class:`iopkg.sparql.source.EndpointSource`, which checks and binds them first.

>>> fetch_results("ftp://127.0.0.1/q", "ASK {}", DEFAULT_TIMEOUT)
Traceback (most recent call last):
...
iopkg.errors.EndpointError: ftp://127.0.0.1/q: not an http(s) URL
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper import Wrapper as _sparqlwrapper_module
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from iopkg.errors import EndpointError
from iopkg.sparql.result import QueryResult, answer_rows

USER_ENV = "IOPKG_ENDPOINT_USER"
PASSWORD_ENV = "IOPKG_ENDPOINT_PASSWORD"
DEFAULT_TIMEOUT = 30.0


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of a URL (the default port filled in).

    >>> origin("HTTPS://Example.org/q") == origin("https://example.org:443/other")
    True
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)


class CredentialSafeRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects, but drops the ``Authorization`` header when a redirect leaves the
    origin (scheme, host, port) the credentials were given for. (urllib copies every header to
    the redirected request, so SPARQLWrapper's credentials would go to any host a server names.)
    """

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and origin(new.full_url) != origin(req.full_url):
            for table in (new.headers, new.unredirected_hdrs):
                for key in [k for k in table if k.lower() in ("authorization", "cookie")]:
                    del table[key]
        return new


#: The opener every endpoint request goes through (installed into SPARQLWrapper below).
OPENER = urllib.request.build_opener(CredentialSafeRedirectHandler())
_sparqlwrapper_module.urlopener = OPENER.open  # type: ignore[attr-defined]


def fetch_results(
    url: str, text: str, timeout: float, default_graph: str | None = None
) -> QueryResult:
    """Send a SELECT or ASK query (parameters already bound) and read the answer.

    :param url: the query URL (for Oxigraph ``http://HOST:PORT/query``).
    :param text: the query.
    :param timeout: seconds to wait for an answer.
    :param default_graph: the IRI of a named graph to query as the default graph (sent as the
        SPARQL Protocol's ``default-graph-uri``), e.g. the graph ``iopkg load`` wrote; ``None``
        leaves the default graph to the server.
    :raises EndpointError: on a connection failure, an HTTP error, a timeout, or an answer that
        is not SPARQL JSON results.
    """
    body, content_type = _request(url, text, timeout, default_graph)
    try:
        columns, rows = answer_rows(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))
        return QueryResult(columns, list(rows))
    except SyntaxError:
        if "json" in content_type and not _is_json(body):
            raise EndpointError(url, "cannot read the answer: the JSON is cut short") from None
        raise EndpointError(
            url,
            "the answer is not SPARQL JSON results; is this the query URL of a SPARQL endpoint?",
        ) from None


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def _request(
    url: str, text: str, timeout: float, default_graph: str | None = None
) -> tuple[bytes, str]:
    """The body and content type of the answer to ``text``."""
    if not url.startswith(("http://", "https://")):
        raise EndpointError(url, "not an http(s) URL")
    wrapper = SPARQLWrapper(url)
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(JSON)
    wrapper.setTimeout(max(1, round(timeout)))
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user is not None:
        wrapper.setCredentials(user, password or "")
    wrapper.setQuery(text)
    if default_graph:
        wrapper.addDefaultGraph(default_graph)
    wrapper.queryType = "SELECT"  # checked by iopkg (SELECT or ASK); its regex guess can err
    try:
        result = wrapper.query()
        return result.response.read(), result.info().get("content-type", "")
    except TimeoutError:
        raise EndpointError(url, f"no answer within {timeout:g} s") from None
    except SPARQLWrapperException as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        code = getattr(e.__context__, "code", None)  # the urllib HTTPError it wraps
        status = f"HTTP error {code}" if code else "HTTP error"
        raise EndpointError(url, f"{status}: {first[:300]}") from None
    except urllib.error.HTTPError as e:
        raise EndpointError(url, f"HTTP error {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, TimeoutError):
            raise EndpointError(url, f"no answer within {timeout:g} s") from None
        raise EndpointError(url, f"cannot reach the endpoint: {reason}") from None
    except (OSError, ValueError, http.client.HTTPException) as e:
        detail = type(e).__name__ if isinstance(e, http.client.IncompleteRead) else e
        raise EndpointError(url, f"cannot read the answer: {detail}") from None
