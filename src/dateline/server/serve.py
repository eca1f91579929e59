"""Running the app under uvicorn: the port check before start-up and the address it listens
on (`dateline serve` prints it; port 0 picks a free one)."""
from __future__ import annotations

from typing import Callable


def check_port(host: str, port: int) -> None:
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


def run(app, host: str, port: int, log_level: str, on_listening: Callable[[str], None]) -> None:
    """Serve ``app`` until interrupted; ``on_listening(url)`` once the socket is bound."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=False,
                            server_header=False)
    server = uvicorn.Server(config)
    original = server.startup

    async def startup(sockets=None):
        await original(sockets=sockets)
        for s in server.servers:
            for sock in s.sockets:
                addr = sock.getsockname()
                shown = f"[{addr[0]}]" if ":" in addr[0] else addr[0]
                on_listening(f"http://{shown}:{addr[1]}/")
                return

    server.startup = startup
    server.run()
