"""HTTP for live sources: bounded in time and bytes, one request at a time per host, robots first.

Every request goes through ``Crawler.get``:

- the host's robots.txt is read first (kept by the caller's store and
  refreshed daily) and a disallowed URL is never requested;
- a Redis key per host lets one request at a time reach a host, from any
  worker, and keeps it taken ``delay`` seconds after the response, so
  requests to one host are spaced however many workers poll it;
- redirects are followed by hand (at most five), so each hop passes the
  same checks;
- connect and read timeouts, an overall deadline and a size cap on the
  decoded body (gzip and deflate are decoded by httpx, counted after
  decoding, so a small compressed bomb stops at the cap);
- conditional requests: an ``ETag`` and ``Last-Modified`` given in are sent
  as ``If-None-Match``/``If-Modified-Since``, and a 304 comes back as
  ``not_modified``;
- addresses: unless the crawler is made with ``allow_private`` (a source an
  admin registered on this machine or the local network), a URL whose host
  resolves to a loopback, private, link-local or reserved address is
  refused, so a feed cannot send the workers to internal services.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

MAX_REDIRECTS = 5
ROBOTS_MAX_AGE = timedelta(days=1)
ROBOTS_MAX_BYTES = 512 * 1024


class FetchError(Exception):
    """A request that gave no usable answer; ``reason`` is written for the health page.

    ``transient`` errors (timeouts, 5xx, 429, a busy host) are worth trying
    again later; the others (404, robots, too large) are not.
    """

    def __init__(self, reason: str, *, transient: bool = False, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.retry_after = retry_after


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(frozen=True)
class CrawlerSettings:
    user_agent: str
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 5 * 1024 * 1024
    host_delay: float = 2.0
    # How long to wait for another worker's request to the same host to end.
    host_wait: float = 90.0
    allow_private: bool = False


@dataclass
class Robots:
    """A host's robots.txt as fetched: its text and the status it came with."""

    text: str
    status: int  # 0: the host did not answer
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))


RobotsStore = tuple[Callable[[str], Robots | None], Callable[[str, Robots], None]]


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class HostGate:
    """One request at a time per host, and ``delay`` seconds between two, across processes.

    ``SET key NX PX`` takes the host; after the response the key is not
    deleted but set to expire ``delay`` seconds later, so the next request
    (from this worker or any other) starts no sooner. A worker that dies
    holding the key frees it when it expires.
    """

    def __init__(self, redis_client, *, delay: float, hold: float, wait: float) -> None:
        self.redis, self.delay, self.hold, self.wait = redis_client, delay, hold, wait

    def acquire(self, origin: str) -> str:
        key = f"live:host:{origin}"
        token = uuid.uuid4().hex
        deadline = time.monotonic() + self.wait
        while not self.redis.set(key, token, nx=True, px=int(self.hold * 1000)):
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{origin} is busy (another request to it is running)", transient=True
                )
            time.sleep(0.05)
        return key

    def release(self, key: str) -> None:
        if self.delay > 0:
            self.redis.pexpire(key, max(1, int(self.delay * 1000)))
        else:
            self.redis.delete(key)


class Crawler:
    """Polite GETs for one poll; ``close()`` (or ``with``) ends its connections."""

    def __init__(self, settings: CrawlerSettings, redis_client, robots_store: RobotsStore) -> None:
        self.settings = settings
        self.gate = HostGate(
            redis_client,
            delay=settings.host_delay,
            hold=settings.total_timeout + settings.host_delay + 5,
            wait=settings.host_wait,
        )
        self._robots_get, self._robots_put = robots_store
        self._robots: dict[str, RobotFileParser | None] = {}
        self.client = httpx.Client(
            headers={
                "User-Agent": settings.user_agent,
                "Accept-Encoding": "gzip, deflate",
            },
            timeout=httpx.Timeout(
                settings.read_timeout,
                connect=settings.connect_timeout,
                pool=settings.connect_timeout,
            ),
            follow_redirects=False,
            trust_env=False,
        )
        self.requests = 0

    def __enter__(self) -> Crawler:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # --- robots.txt ---------------------------------------------------------

    def allowed(self, url: str) -> bool:
        origin = origin_of(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        """The parsed rules, or None for "everything allowed".

        As RFC 9309 says: a 4xx robots.txt (none there) allows everything; a
        host that cannot be reached or answers 5xx is taken as disallowing
        everything for now.
        """
        robots = self._robots_get(origin)
        if robots is None or datetime.now(UTC) - robots.fetched_at > ROBOTS_MAX_AGE:
            robots = self._fetch_robots(origin)
            self._robots_put(origin, robots)
        if 400 <= robots.status < 500:
            return None
        parser = RobotFileParser()
        if robots.status == 0 or robots.status >= 500:
            parser.disallow_all = True
            return parser
        parser.parse(robots.text.splitlines())
        return parser

    def _fetch_robots(self, origin: str) -> Robots:
        try:
            response = self._get_once(f"{origin}/robots.txt", {}, max_bytes=ROBOTS_MAX_BYTES)
        except FetchError:
            return Robots("", 0)
        if response.status in (301, 302, 303, 307, 308):
            # Rare for robots.txt; followed once, on the same host only.
            target = urljoin(f"{origin}/robots.txt", response.headers.get("location", ""))
            if origin_of(target) != origin:
                return Robots("", 404)
            try:
                response = self._get_once(target, {}, max_bytes=ROBOTS_MAX_BYTES)
            except FetchError:
                return Robots("", 0)
        text = response.body.decode("utf-8", errors="replace") if response.status == 200 else ""
        return Robots(text, response.status)

    # --- requests -----------------------------------------------------------

    def get(
        self, url: str, *, etag: str = "", last_modified: str = "", accept: str = "*/*"
    ) -> Response:
        """GET ``url`` following redirects; raises ``FetchError`` for anything but 2xx/304."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError(f"not an http(s) URL: {url[:200]}")
            if not self.settings.allow_private:
                refuse_private(url)
            if not self.allowed(url):
                raise FetchError(f"robots.txt of {origin_of(url)} disallows {url[:300]}")
            response = self._get_once(url, headers, max_bytes=self.settings.max_bytes)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {response.status} without a Location header")
                url = urljoin(url, location)
                continue
            return _checked(response)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _get_once(self, url: str, headers: dict[str, str], *, max_bytes: int) -> Response:
        key = self.gate.acquire(origin_of(url))
        try:
            self.requests += 1
            return self._stream(url, headers, max_bytes)
        finally:
            self.gate.release(key)

    def _stream(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        deadline = time.monotonic() + self.settings.total_timeout
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                declared = r.headers.get("content-length")
                if (
                    declared
                    and declared.isdecimal()
                    and int(declared) > max_bytes
                    and r.status_code == 200
                ):
                    raise FetchError(_too_large(max_bytes))
                chunks: list[bytes] = []
                size = 0
                if 200 <= r.status_code < 300:
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(_too_large(max_bytes))
                        if time.monotonic() > deadline:
                            raise FetchError(
                                f"timed out: the page took over {self.settings.total_timeout:g} s",
                                transient=True,
                            )
                        chunks.append(chunk)
                return Response(
                    str(r.url), r.status_code, dict(r.headers.items()), b"".join(chunks)
                )
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__})", transient=True) from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"cannot decode the response: {exc}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(
                f"cannot connect: {exc or type(exc).__name__}", transient=True
            ) from exc


def is_private(url: str) -> bool:
    """Whether the URL's host is (or resolves to) a loopback, private, link-local or reserved address."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return False  # unresolvable: the request itself will fail and say so
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
            or address.is_unspecified
        ):
            return True
    return False


def refuse_private(url: str) -> None:
    if is_private(url):
        host = urlsplit(url).hostname
        raise FetchError(f"refused: {host} is a private or local address")


def _too_large(max_bytes: int) -> str:
    return f"response is over the {max_bytes // 1024} KB limit"


def _checked(response: Response) -> Response:
    status = response.status
    if 200 <= status < 300 or status == 304:
        return response
    retry_after = _retry_after(response.headers.get("retry-after", ""))
    if status == 429 or status >= 500:
        raise FetchError(f"HTTP {status}", transient=True, retry_after=retry_after)
    raise FetchError(f"HTTP {status}")


def _retry_after(value: str) -> float | None:
    value = value.strip()
    if value.isdecimal():
        return float(value)
    return None
