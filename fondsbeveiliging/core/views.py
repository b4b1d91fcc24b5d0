"""Operational endpoints."""

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection
from kombu.pidbox import Mailbox

from fondsbeveiliging.celery import app as celery_app

OK, DOWN = "ok", "niet bereikbaar"


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "down"
        return False


def _redis_ok() -> bool:
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1
        )
        return bool(client.ping())
    except redis.RedisError:
        return False


def _worker_ok() -> bool:
    """Ping the workers on the broker named in the settings at request time.

    Celery's own `control.ping` publishes through the app's producer pool, fixed to the
    broker of process start (and CELERY_BROKER_URL in the environment wins over any
    setting), so the ping is sent with kombu's mailbox on a connection of our own.
    """
    mailbox = Mailbox(
        celery_app.conf.control_exchange, type="fanout", accept=["json"], serializer="json"
    )
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=1) as connection:
            replies = mailbox(connection).multi_call(
                "ping", {}, timeout=settings.HEALTH_WORKER_TIMEOUT
            )
        return bool(replies)
    except Exception:  # noqa: BLE001 - broker errors surface in many types
        return False


@never_cache
def health(request):
    """Report database, Redis and worker; HTTP 503 when any of them is down."""
    checks = {"database": _database_ok(), "redis": _redis_ok()}
    # Without Redis no worker can answer; do not wait for the ping to time out.
    checks["worker"] = checks["redis"] and _worker_ok()
    status = 200 if all(checks.values()) else 503
    return JsonResponse({name: OK if up else DOWN for name, up in checks.items()}, status=status)
