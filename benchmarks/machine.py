"""What the benchmark figures were measured on: interpreter and a CPU reference time.

Letter rendering is mostly pure Python (WeasyPrint), so its figures scale with how fast this
interpreter runs on this machine at this moment; shared 2-core machines differ by 2x from day
to day. `beschrijving()` names the interpreter and times a fixed pure-Python workload (best
of five), so figures from different runs can be compared: divide by the reference time.
"""

import platform
import sys
import time


def _werklast() -> int:
    totaal = 0
    tabel = {}
    for i in range(300_000):
        tabel[i % 1000] = i
        totaal += tabel[i % 1000] * 3 // 7
    return totaal


def referentie_ms() -> float:
    """Best of five runs of the fixed workload, in milliseconds (lower is faster)."""
    tijden = []
    for _ in range(5):
        start = time.perf_counter()
        _werklast()
        tijden.append(time.perf_counter() - start)
    return min(tijden) * 1000


def beschrijving() -> str:
    return (
        f"Python {platform.python_version()} ({sys.executable} -> "
        f"{sys._base_executable}); CPU reference {referentie_ms():.1f} ms "
        "(fixed pure-Python workload, best of 5; lower is faster)"
    )
