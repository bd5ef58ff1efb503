"""A remote SPARQL 1.1 endpoint, queried through SPARQLWrapper.

Credentials come from the environment only (``IOPKG_ENDPOINT_USER`` and
``IOPKG_ENDPOINT_PASSWORD``), never from the command line. Results are read from the SPARQL JSON
results format into the same Oxigraph terms the embedded store gives.

>>> Endpoint("http://127.0.0.1:7878/query").timeout
30.0
"""

from __future__ import annotations

import http.client
import os
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper import Wrapper as _sparqlwrapper_module
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from iopkg.errors import EndpointError
from iopkg.sparql.binding import Term

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


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL endpoint URL and how long to wait for it.

    :param url: the query URL (for Oxigraph ``http://HOST:PORT/query``).
    :param timeout: seconds to wait for an answer.
    :param default_graph: the IRI of a named graph to query as the default graph (sent as the
        SPARQL Protocol's ``default-graph-uri``), e.g. the graph ``iopkg load`` wrote; ``None``
        leaves the default graph to the server.
    """

    url: str
    timeout: float = DEFAULT_TIMEOUT
    default_graph: str | None = None

    def select(self, text: str) -> tuple[tuple[str, ...], list[tuple[Term | None, ...]]]:
        """Run a SELECT or ASK query; return the column names and rows of terms.

        :param text: the query (parameters already bound).
        :raises EndpointError: on a connection failure, an HTTP error or a timeout.
        """
        data = self._request(text)
        try:
            if isinstance(data, dict) and isinstance(data.get("boolean"), bool):
                return ("result",), [(ox.Literal(data["boolean"]),)]
            columns = tuple(data["head"]["vars"])
            rows = [tuple(_term(b.get(c)) for c in columns) for b in data["results"]["bindings"]]
        except (KeyError, TypeError, AttributeError, ValueError):
            raise EndpointError(
                self.url,
                "the answer is not SPARQL JSON results; is this "
                "the query URL of a SPARQL endpoint?",
            ) from None
        return columns, rows

    def _request(self, text: str) -> dict[str, Any]:
        if not self.url.startswith(("http://", "https://")):
            raise EndpointError(self.url, "not an http(s) URL")
        wrapper = SPARQLWrapper(self.url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(max(1, round(self.timeout)))
        user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        if user is not None:
            wrapper.setCredentials(user, password or "")
        wrapper.setQuery(text)
        if self.default_graph:
            wrapper.addDefaultGraph(self.default_graph)
        wrapper.queryType = "SELECT"  # checked by iopkg (SELECT or ASK); its regex guess can err
        try:
            result = wrapper.query()
            with warnings.catch_warnings():  # a wrong content type is reported below, once
                warnings.simplefilter("ignore")
                return result.convert()  # type: ignore[no-any-return]
        except TimeoutError:
            raise EndpointError(self.url, f"no answer within {self.timeout:g} s") from None
        except SPARQLWrapperException as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            code = getattr(e.__context__, "code", None)  # the urllib HTTPError it wraps
            status = f"HTTP error {code}" if code else "HTTP error"
            raise EndpointError(self.url, f"{status}: {first[:300]}") from None
        except urllib.error.HTTPError as e:
            raise EndpointError(self.url, f"HTTP error {e.code} {e.reason}") from None
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, TimeoutError):
                raise EndpointError(self.url, f"no answer within {self.timeout:g} s") from None
            raise EndpointError(self.url, f"cannot reach the endpoint: {reason}") from None
        except (OSError, ValueError, http.client.HTTPException) as e:
            detail = type(e).__name__ if isinstance(e, http.client.IncompleteRead) else e
            raise EndpointError(self.url, f"cannot read the answer: {detail}") from None


def _term(binding: dict[str, str] | None) -> Term | None:
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind not in ("literal", "typed-literal"):
        raise ValueError(kind)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)
