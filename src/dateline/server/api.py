"""The HTTP API and the web page: the app factory.

:func:`create_app` builds one FastAPI app over a store directory: the shared state
(:class:`~dateline.server.context.AppContext`), the safety layers (body limit, security
headers, one-line errors) and one router per resource (``server/routes/``). Every query goes
through :class:`~dateline.store.read.Store` (and :mod:`dateline.pyapi` for timelines and
dyads), so a filter means the same here as on the command line; values are checked by
:mod:`dateline.validate`, as on the command line. The store is re-read before each query,
so articles that a separate `dateline ingest` commits show up without a restart. POST
/api/articles builds the Article and runs the ingest job on it (:func:`dateline.job.add_articles`).

Safety: article text is untrusted. The API returns it as JSON data only; the page renders
it with textContent, and every response carries a Content-Security-Policy that forbids
inline scripts. Request bodies are size-limited, bad parameters get a 4xx with a one-line
reason (``{"error": ...}``), and read-only mode refuses ingest.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline import __version__, settings
from dateline.errors import DatelineError
from dateline.server.context import AppContext
from dateline.server.params import PATTERN_MESSAGES, ErrorBody, error
from dateline.server.routes import articles, events, ingest, meta, series, stories
from dateline.server.routes.meta import plover_types  # noqa: F401 - public: used by exports' tests
from dateline.server.streaming import paged as _paged  # noqa: F401 - public name kept for callers
from dateline.store.read import Store

WEB = Path(__file__).with_name("web")

#: Largest request body accepted (an article of MAX_INPUT_BYTES, JSON-escaped, plus fields).
MAX_BODY_BYTES = settings.MAX_INPUT_BYTES * 2 + 64 * 1024

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

ROUTERS = (meta.router, articles.router, ingest.router, events.router, series.router, stories.router)


def create_app(store_path: str | Path, read_only: bool = False, token: str | None = None,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over ``store_path``. With ``read_only`` nothing can be ingested; with
    ``token`` writes need it; with ``allowed_hosts`` other Host headers get 400
    (server/security.py)."""
    store_path = Path(store_path)
    if not store_path.exists() and not read_only:
        store_path.mkdir(parents=True, exist_ok=True)
    store = Store.open(store_path, read_only=True)

    app = FastAPI(
        title="dateline", version=__version__,
        description="Who did what to whom, when and where: PLOVER-coded events from news, "
                    "with the evidence for each. All data comes from one store directory.",
        docs_url=None, redoc_url=None,   # the bundled Swagger/ReDoc pages load from a CDN: /docs is ours
        openapi_url="/openapi.json",
        responses={400: {"model": ErrorBody, "description": "bad parameter (one-line reason)"}},
    )
    app.state.ctx = AppContext(store_path=store_path, store=store, read_only=read_only)
    app.state.store = store
    app.state.read_only = read_only
    install_safety(app, token=token, allowed_hosts=allowed_hosts)
    install_error_handlers(app)
    install_page(app)
    for router in ROUTERS:
        app.include_router(router)
    return app


# ---------------------------------------------------------------------- safety
def install_safety(app: FastAPI, token: str | None = None, allowed_hosts: list[str] | None = None) -> None:
    """Token for writes, Host check, body size limit (413, chunked too) and security headers on
    every response, errors included: one middleware, server/security.py."""
    from dateline.server import security

    security.install(app, csp=CSP, body_limit=MAX_BODY_BYTES, token=token, hosts=allowed_hosts)


# ---------------------------------------------------------------------- errors
def validation_message(errors: list[dict]) -> str:
    """One line for pydantic's errors: the parameter, then what is wrong with it."""
    parts = []
    for err in errors[:3]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
        msg = err.get("msg", "invalid")
        kind = err.get("type")
        if kind == "string_pattern_mismatch":
            msg = PATTERN_MESSAGES.get(where.rsplit(".", 1)[-1], "has characters or a shape not allowed here")
        elif kind == "json_invalid":
            ctx = err.get("ctx") or {}
            return ("the request body is not valid JSON"
                    + (f" ({ctx['error']})" if ctx.get("error") else "")
                    + "; send an object such as {\"text\": \"...\"}")
        elif kind == "model_attributes_type" or (kind == "dict_type" and not where):
            return "the request body must be a JSON object such as {\"text\": \"...\"}"
        parts.append(f"{where or 'request'}: {msg}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError):
        return error(400, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return JSONResponse({"error": validation_message(exc.errors())}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        import logging

        logging.getLogger("dateline.server").exception("unexpected error on %s", request.url.path)
        return error(500, f"internal error ({type(exc).__name__}); see the server log")


# ---------------------------------------------------------------------- page
def install_page(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(WEB / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return HTMLResponse(docs_page(app.openapi()))

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")


def docs_page(spec: dict) -> str:
    """The API reference as plain HTML, built from the OpenAPI description (no script, no
    CDN: the usual Swagger page loads its code from the network)."""
    from html import escape

    out = ["<!doctype html><html lang=en><head><meta charset=utf-8>",
           "<meta name=viewport content='width=device-width, initial-scale=1'>",
           "<title>dateline API</title><link rel=stylesheet href='/static/style.css'></head>",
           "<body><main class=docs><h1>dateline API</h1>",
           f"<p>{escape(spec.get('info', {}).get('description', ''))} Machine-readable: "
           "<a href='/openapi.json'>/openapi.json</a> &middot; <a href='/'>the web page</a></p>"]
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            out.append(f"<h2 id='{escape(method + path)}'><code>{escape(method.upper())} {escape(path)}</code></h2>")
            out.append(f"<p>{escape(op.get('summary', ''))}</p>")
            params = op.get("parameters") or []
            if params:
                out.append("<table class=params><thead><tr><th>parameter</th><th>in</th><th>about</th></tr></thead><tbody>")
                for p in params:
                    out.append(f"<tr><td><code>{escape(p.get('name', ''))}</code></td><td>{escape(p.get('in', ''))}</td>"
                               f"<td>{escape(p.get('description') or '')}</td></tr>")
                out.append("</tbody></table>")
    out.append("</main></body></html>")
    return "".join(out)
