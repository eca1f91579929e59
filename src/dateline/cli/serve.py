"""`dateline serve`: the HTTP API and the web page over a store."""
from __future__ import annotations

import click

from dateline.cli.options import store_option


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default serves this machine only; "
                   "0.0.0.0 exposes the store (and ingest, unless --read-only) to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port (0 picks a free one).")
@click.option("--read-only", is_flag=True, help="Serve queries only; refuse POST /api/articles.")
@click.option("--token", envvar="DATELINE_TOKEN", default=None, metavar="TOKEN",
              help="Writes (POST /api/articles) need 'Authorization: Bearer TOKEN' "
                   "[env DATELINE_TOKEN]. Without a token the server is read-only unless "
                   "--allow-ingest.")
@click.option("--allow-ingest", is_flag=True,
              help="Accept POST /api/articles without a token (anyone who can reach the port "
                   "can add articles; fine on 127.0.0.1 for one user).")
@click.option("--allowed-host", "allowed_host", multiple=True, metavar="NAME",
              help="A Host header name to answer besides the bound address (repeat it; env "
                   "DATELINE_ALLOWED_HOSTS, comma-separated). Other names get 400 (DNS rebinding).")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve(store, host, port, read_only, token, allow_ingest, allowed_host, log_level):
    """Serve the API (OpenAPI at /openapi.json) and the web page at http://HOST:PORT/.

    A separate `dateline ingest` may write to the same store while this runs; new data
    shows on the next request, no restart needed.

    \b
    Writes: with --token (or DATELINE_TOKEN) POST /api/articles needs that token;
    without one the server is read-only unless --allow-ingest. Requests whose Host
    header is not the bound address (or localhost for 127.0.0.1, or --allowed-host)
    are refused.
    """
    from dateline.server.api import create_app
    from dateline.server.security import allowed_hosts
    from dateline.server.serve import check_port, run

    check_port(host, port)
    token = token.strip() if token and token.strip() else None
    read_only = read_only or (token is None and not allow_ingest)
    app = create_app(store, read_only=read_only, token=token,
                     allowed_hosts=allowed_hosts(host, allowed_host))
    note = " (read-only; --token or --allow-ingest accepts articles)" if read_only else ""
    run(app, host, port, log_level,
        on_listening=lambda url: click.echo(f"dateline: serving {store} at {url}{note}", err=True))
