"""Django's PostgreSQL backend with a health check that costs no round trip when nothing happened.

Connections are kept between requests (``CONN_MAX_AGE``) and checked at
the start of each request (``CONN_HEALTH_CHECKS``), so a server restart or
a terminated backend costs no analyst an error page. Django checks by
sending ``SELECT 1``: one more round trip on every request, as many as a
page's own statements on the lists. A server that closes a connection,
or terminates its backend, says so on the socket (an error message, then
the end of the stream), so the socket turns readable while the connection
sits idle between requests. Here a socket with nothing to read is healthy
without a statement; a readable one gets Django's own check. Nothing else
writes to an idle connection: the product never listens for notifications.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base


def _quiet(fileno: int) -> bool:
    """True when the server has sent nothing since the last reply was read."""
    readable, _, _ = select.select([fileno], [], [], 0)
    return not readable


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        try:
            if _quiet(connection.fileno()):
                return True
        except (OSError, ValueError):
            return False
        return super().is_usable()
