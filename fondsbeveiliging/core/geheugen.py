"""Per-process memory housekeeping for long-running worker processes, and a frame block for
deep recursion (the letter layout)."""

import gc
import types
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def langlevende_objecten_bevriezen() -> int:
    """Take every object alive now out of the garbage collector's view; return how many.

    Call once per worker process, after its warm-up: Django, the URL conf, the templates and
    WeasyPrint's fonts and stylesheet live as long as the process. Without this every full
    (generation-2) collection walks those ~170,000 objects again: measured on this 2-core
    machine, 8 full collections per 60 letters at ~120 ms each, 16 ms a letter on average
    and a p90 render time twice the median (`benchmarks/brieven_task.py`). Frozen objects
    are never freed, which costs nothing for what lives as long as the process anyway;
    garbage made later (every request, every letter) is collected as before.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


# Room (in pointer-sized slots, 8 bytes each) that `met_ruime_framestapel` asks for in its own
# frame: more than half of 256 KB, so CPython gives that frame a chunk of its own of 256 KB and
# ~125 KB of it stays free for the frames of the call (a two-page letter's layout touches
# about 28 KB of it: 7 page faults a render; a deeper call simply gets extra chunks again, as
# without this).
_RUIMTE_SLOTS = 16_384


def _aanroepen(functie, args, kwargs):
    return functie(*args, **kwargs)


# The same function, with a frame that claims `_RUIMTE_SLOTS` more value-stack slots than it
# uses. `co_stacksize` only sizes the frame; the unused slots are never written, so they cost
# address space, not memory.
_aanroepen_in_eigen_blok = types.FunctionType(
    _aanroepen.__code__.replace(co_stacksize=_aanroepen.__code__.co_stacksize + _RUIMTE_SLOTS),
    _aanroepen.__globals__,
    "_aanroepen_in_eigen_blok",
)


def met_ruime_framestapel(functie: Callable[..., T], /, *args, **kwargs) -> T:
    """Call `functie` with its Python frames in one memory block that lives for the call.

    CPython (3.11 and later) keeps a thread's Python frames in chunks of 16 KB and gives a
    chunk back to the operating system (munmap) as soon as the frame at its start returns.
    Deep recursion that goes up and down across a chunk's edge, as WeasyPrint's layout does
    thousands of times a letter, then maps, faults in and unmaps a chunk each time: measured
    on this 2-core machine, 400-1,700 page faults and 92-107 ms for the same letter depending
    only on how deep the caller's stack happened to be, against 7 page faults and 87-92 ms
    inside this call (`benchmarks/brieven_task.py` shows the effect on letters). Only for
    calls that recurse deeply and long; a shallow call gains nothing.
    """
    return _aanroepen_in_eigen_blok(functie, args, kwargs)
