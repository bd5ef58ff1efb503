"""A SPARQL console ready to use: a page with the project's prefixes and every catalogue query
as an example (its parameters bound at their defaults, as ``iopkg query run`` binds them), that
sends the query to an endpoint and shows the answer as a table.

``iopkg serve`` serves it beside the Oxigraph endpoint (:func:`serve_console`); a publication
carries it as ``console.html`` pointed at its endpoint.

>>> examples = console_examples()
>>> "agreements" in [e["name"] for e in examples]
True
>>> all(e["query"].startswith("PREFIX") for e in examples)
True
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from jinja2 import Environment, PackageLoader, select_autoescape

from iopkg.errors import EndpointError
from iopkg.namespaces import PREFIXES
from iopkg.sparql.binding import bind_values
from iopkg.sparql.catalogue import bind_params, catalogue

_ENV = Environment(
    loader=PackageLoader("iopkg.publish", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def prefix_lines() -> str:
    """``PREFIX`` lines for every project prefix."""
    return "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())


def console_examples() -> list[dict[str, str]]:
    """Each catalogue query with its parameters at their defaults, ready to run anywhere."""
    out = []
    for q in catalogue():
        text = bind_values(q.text, bind_params(q, None)) if q.params else q.text
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
        if not body.lstrip().upper().startswith("PREFIX"):
            body = prefix_lines() + "\n" + body
        out.append({"name": q.name, "title": q.title, "query": body.strip() + "\n"})
    return out


def console_page(endpoint: str, lang: str = "en") -> str:
    """The console's HTML page, sending queries to ``endpoint`` (absolute or relative URL).

    :param endpoint: the SPARQL query URL.
    :param lang: ``sv`` or ``en``.
    """
    examples = console_examples()
    start = prefix_lines() + "\n\nSELECT ?agreement ?label WHERE {\n  ?agreement a iop:Agreement ;"
    start += f' rdfs:label ?label .\n  FILTER (LANG(?label) = "{lang}")\n}}\nLIMIT 50\n'
    return _ENV.get_template("console.html").render(
        lang=lang, endpoint=endpoint, examples=examples, start=start
    )


@dataclass
class ConsoleServer:
    """The console's HTTP server (a thread); stop it with :meth:`stop`."""

    httpd: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    def __init__(self, *args, page: bytes, **kwargs) -> None:
        self.page = page
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path.split("?", 1)[0] not in ("/", "/index.html"):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *args) -> None:
        pass


def serve_console(endpoint: str, *, host: str = "127.0.0.1", port: int = 0) -> ConsoleServer:
    """Serve the console page on ``host:port`` (0: a free port), querying ``endpoint``.

    :raises EndpointError: when the address cannot be bound.
    """
    page = console_page(endpoint).encode("utf-8")
    try:
        httpd = ThreadingHTTPServer((host, port), functools.partial(_Handler, page=page))
    except OSError as e:
        raise EndpointError(f"{host}:{port}", f"cannot serve the console: {e}") from None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return ConsoleServer(httpd, thread)
