"""`dateline serve`: the HTTP API and the web page over a store."""
from __future__ import annotations

import click

from dateline.cli_options import store_option


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
    import uvicorn

    from dateline.server.api import create_app
    from dateline.server.security import allowed_hosts

    _check_port(host, port)
    token = token.strip() if token and token.strip() else None
    read_only = read_only or (token is None and not allow_ingest)
    app = create_app(store, read_only=read_only, token=token,
                     allowed_hosts=allowed_hosts(host, allowed_host))
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=False,
                            server_header=False)
    server = uvicorn.Server(config)
    _announce(server, host, store, read_only)
    server.run()


def _check_port(host: str, port: int) -> None:
    """A one-line error for a busy port or an unknown address, before uvicorn logs one."""
    import socket

    from dateline.errors import DatelineError

    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise DatelineError(f"cannot listen on {host!r}: {e.strerror or e}") from None
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except OSError as e:
            raise DatelineError(f"cannot listen on {host}:{port}: {e.strerror or e} "
                                "(choose another with --port)") from None


def _announce(server, host, store, read_only) -> None:
    """Print the address once uvicorn is listening (port 0 -> the port it picked)."""
    original = server.startup

    async def startup(sockets=None):
        await original(sockets=sockets)
        for s in server.servers:
            for sock in s.sockets:
                addr = sock.getsockname()
                shown = f"[{addr[0]}]" if ":" in addr[0] else addr[0]
                click.echo(f"dateline: serving {store} at http://{shown}:{addr[1]}/"
                           f"{' (read-only; --token or --allow-ingest accepts articles)' if read_only else ''}",
                           err=True)
                return

    server.startup = startup
