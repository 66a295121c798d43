"""The team page: what ``partnership host`` serves to a browser on the websocket's own port.

A plain HTTP request (no ``Upgrade: websocket``) is answered here, before the websocket
handshake, from a fixed list of files shipped in ``static/`` and read once: no path from the
request ever reaches the file system, so nothing outside the list can be asked for. The
browser page is one more team client: its script opens a websocket back to the same address
and speaks the live protocol (``live.protocol``) like the team's window does, asking the host
(``preview``) for what the window works out on its own laptop.

Every answer carries headers that keep the page to itself: a Content-Security-Policy allowing
only this origin's own script, style and websocket (no inline script), ``nosniff``, no framing,
no referrer, and no caching, so a restarted host's page is never stale. Requests are bounded by
the websocket library (request line and headers) and rated per address (``limits.Rate``).
"""

from __future__ import annotations

from importlib import resources

from websockets.datastructures import Headers
from websockets.http11 import Request, Response

#: The page's files: request path -> (file in static/, content type).
FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/team.js": ("team.js", "text/javascript; charset=utf-8"),
    "/team.css": ("team.css", "text/css; charset=utf-8"),
    "/favicon.svg": ("favicon.svg", "image/svg+xml"),
}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SAFE_HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
                ("Cross-Origin-Opener-Policy", "same-origin"),
                ("Cross-Origin-Resource-Policy", "same-origin"),
                ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
                ("Cache-Control", "no-store"))
#: Page requests per address: this many at once (a room of phones behind one address), then
#: per second.
PAGE_BURST, PAGES_PER_S = 200, 40.0


def _read(name: str) -> bytes:
    return (resources.files(__package__) / "static" / name).read_bytes()


_BODIES: dict[str, bytes] = {}


def body(name: str) -> bytes:
    """A static file's bytes, read from the package once."""
    if name not in _BODIES:
        _BODIES[name] = _read(name)
    return _BODIES[name]


def wants_websocket(request: Request) -> bool:
    return "websocket" in request.headers.get("Upgrade", "").lower()


def answer(request: Request) -> Response:
    """The HTTP answer to a plain request: a page file, or 404/405 in plain words."""
    path = request.path.split("?", 1)[0].split("#", 1)[0]
    method = getattr(request, "method", "GET")
    if method not in ("GET", "HEAD"):
        return plain(405, "Method Not Allowed", "Only GET is served here.",
                     [("Allow", "GET, HEAD")])
    found = FILES.get(path)
    if found is None:
        return plain(404, "Not Found", "Nothing here: the team page is at /.")
    name, kind = found
    data = body(name)
    return response(200, "OK", kind, b"" if method == "HEAD" else data, len(data))


def plain(status: int, reason: str, text: str,
          extra: list[tuple[str, str]] | None = None) -> Response:
    data = (text + "\n").encode("utf-8")
    r = response(status, reason, "text/plain; charset=utf-8", data, len(data))
    for key, value in extra or []:
        r.headers[key] = value
    return r


def response(status: int, reason: str, kind: str, data: bytes, length: int) -> Response:
    headers = Headers([("Content-Type", kind), ("Content-Length", str(length)),
                       *SAFE_HEADERS, ("Connection", "close")])
    return Response(status, reason, headers, data)
