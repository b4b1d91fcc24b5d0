"""Worker processes freeze what lives as long as they do, after their warm-up, and deep
recursion (the letter layout) runs in a frame block of its own."""

import gc
import resource

import pytest

from aanvragen.brieven.tasks import warm_up_worker
from fondsbeveiliging.core.geheugen import langlevende_objecten_bevriezen, met_ruime_framestapel


@pytest.fixture
def ontdooien():
    yield
    gc.unfreeze()


def test_freezing_takes_the_live_objects_out_of_the_collectors_view(ontdooien):
    gc.unfreeze()
    levend = ["een lijst wordt door de collector gevolgd"]
    assert any(obj is levend for obj in gc.get_objects())
    aantal = langlevende_objecten_bevriezen()
    assert aantal == gc.get_freeze_count() > 1000
    # A frozen object is no longer among those a collection walks.
    assert not any(obj is levend for obj in gc.get_objects())


def test_the_letter_worker_freezes_after_its_warm_up(ontdooien):
    gc.unfreeze()
    warm_up_worker()
    assert gc.get_freeze_count() > 1000


def _diep(n: int) -> int:
    # A few locals per frame, as layout code has: 300 frames take ~40 KB of frame stack.
    a, b, c, d = n, n + 1, n + 2, n + 3
    return 0 if n == 0 else _diep(n - 1) + (a + b + c + d) * 0 + 1


def _op_en_neer(keer: int) -> int:
    """Descend 300 frames and come back, `keer` times; return the page faults it caused."""
    voor = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(keer):
        _diep(300)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - voor


def test_a_call_in_its_own_frame_block_returns_what_the_function_returns():
    assert met_ruime_framestapel(divmod, 17, 5) == (3, 2)
    assert met_ruime_framestapel(dict, a=1) == {"a": 1}
    with pytest.raises(ZeroDivisionError):
        met_ruime_framestapel(divmod, 1, 0)


def test_deep_recursion_in_its_own_frame_block_stops_mapping_chunks_in_and_out():
    # Without the block, every descent maps the chunks past the current one and every return
    # unmaps them again: at least one page fault per chunk per descent.
    zonder = _op_en_neer(1_000)
    met = met_ruime_framestapel(_op_en_neer, 1_000)
    assert zonder >= 1_000
    assert met < 50
