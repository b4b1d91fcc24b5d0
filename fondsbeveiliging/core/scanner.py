"""Virus scan of uploads by ClamAV's daemon (clamd) over its socket.

The scan fails closed: when clamd cannot give a verdict (down, slow, an error), the caller
gets `ScannerNietBeschikbaar` and stores nothing. `CLAMAV_SOCKET` is a unix socket path
(`/run/clamav/clamd.ctl`, optionally `unix://...`) or `tcp://host:port` (docker compose).
"""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)


class ScannerNietBeschikbaar(Exception):
    """clamd gave no verdict: not reachable, timed out or answered with an error."""


def _client():
    from clamav_client.clamd import ClamdNetworkSocket, ClamdUnixSocket

    target = settings.CLAMAV_SOCKET
    timeout = settings.CLAMAV_TIMEOUT
    if target.startswith("tcp://"):
        host, _, port = target.removeprefix("tcp://").rpartition(":")
        return ClamdNetworkSocket(host=host.strip("[]"), port=int(port), timeout=timeout)
    return ClamdUnixSocket(path=target.removeprefix("unix://"), timeout=timeout)


def scan(stream) -> str | None:
    """Return the name of the signature clamd finds in `stream` (read to its end), or None.

    Raises ScannerNietBeschikbaar when there is no verdict, so a file is never taken as
    clean because the scanner was away.
    """
    from clamav_client.clamd import ClamdError

    try:
        result = _client().instream(stream)
    except (ClamdError, OSError, ValueError) as exc:
        logger.error("clamav_unavailable socket=%s error=%s", settings.CLAMAV_SOCKET, exc)
        raise ScannerNietBeschikbaar(str(exc)) from exc
    status, signature = result.get("stream", ("ERROR", "no answer"))
    if status == "OK":
        return None
    if status == "FOUND":
        logger.warning("clamav_found signature=%s", signature)
        return signature or "unknown"
    logger.error("clamav_error status=%s reason=%s", status, signature)
    raise ScannerNietBeschikbaar(f"clamd answered {status}: {signature}")
