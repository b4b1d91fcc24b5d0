"""Worker processes freeze what lives as long as they do, after their warm-up."""

import gc

import pytest

from aanvragen.brieven.tasks import warm_up_worker
from fondsbeveiliging.core.geheugen import langlevende_objecten_bevriezen


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
