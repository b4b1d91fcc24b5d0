"""Letters from the database through the real task: contents, copies, safety, idempotency,
retries, the sweeper and the notices."""

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from aanvragen.brieven import services
from aanvragen.brieven.models import (
    Brief,
    BriefSoort,
    BriefStatus,
    Kanaal,
    Ontvanger,
    Verzending,
)
from aanvragen.brieven.tasks import brief_genereren_task, brieven_nasturen_task
from aanvragen.constants import BesluitStatus
from aanvragen.kern import beslistermijn_herberekenen
from aanvragen.models import Aanvulverzoek, Besluit
from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.celery import app as celery_app
from fondsbeveiliging.opmaak import pdf as pdf_module
from fondsbeveiliging.opmaak.formaat import iban, lange_datum
from tests.aanvragen.brieven import zaken
from tests.aanvragen.brieven.conftest import pdf_tekst
from tests.aanvragen.brieven.test_veiligheid import kwaadaardig, luisteraar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def celery_eager():
    vorige = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = vorige


def genereren(brief) -> str:
    """Run the task for `brief` and return the text of the stored PDF."""
    assert brief_genereren_task.apply(args=[brief.pk]).get() is True
    brief.refresh_from_db()
    with brief.bestand.open("rb") as bestand:
        return pdf_tekst(bestand.read())


def oud_afschrift(besluit):
    """A municipality copy of the decision as it was queued before the notice existed."""
    return services.brief_aanmaken(
        aanvraag_id=besluit.aanvraag_id,
        soort=BriefSoort.BESLUIT,
        bron=f"besluit:{besluit.pk}",
        ontvanger=Ontvanger.GEMEENTE,
        besluit_id=besluit.pk,
    )


def besluit_en_brief(**kwargs):
    besluit = zaken.goedgekeurd_besluit(**kwargs)
    return besluit, services.besluitbrief_aanmaken(besluit_id=besluit.pk)


class TestBesluitbrief:
    def test_contains_every_element(self):
        """The decision letter carries every element of domain.md §7 that applies."""
        besluit, brief = besluit_en_brief()
        tekst = genereren(brief)
        besluit.refresh_from_db()
        vandaag = lange_datum(timezone.localdate())
        assert besluit.aanvraag.kenmerk in tekst
        assert f"Datum {vandaag}" in tekst
        assert "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties" in tekst
        assert "Retouradres Postbus 20011" in tekst
        assert "Mevrouw J. de Vries Postbus 16200 3500 CE Utrecht" in tekst
        assert "Ik ken uw aanvraag gedeeltelijk toe" in tekst
        assert "€ 1.984,56" in tekst and "€ 2.214,56" in tekst
        assert f"uiterlijk op {lange_datum(besluit.betaaltermijn_einde)}" in tekst
        assert "NL91 ABNA 0417 1643 00" in tekst
        assert "Toegekend" in tekst
        assert "Gedeeltelijk toegekend: Boven het maximum van de regeling" in tekst
        assert "versie 2026-brief" in tekst and "artikel 4, eerste lid" in tekst
        assert "Uw zienswijze" in tekst and "2 maart 2026" in tekst
        assert "binnen zes weken" in tekst
        assert lange_datum(besluit.bezwaartermijn_einde) in tekst
        assert "namens deze" in tekst
        assert "Arie Bakker Teamleider Fonds Beveiliging" in tekst
        assert "Pagina 1 van 2" in tekst
        assert zaken.WOONADRES not in tekst

    def test_dispatch_and_besluit_verzonden(self):
        """Dispatch is logged; the decision is sent as of the letter's generation time."""
        besluit, brief = besluit_en_brief()
        genereren(brief)
        besluit.refresh_from_db()
        assert besluit.status == BesluitStatus.VERZONDEN
        assert besluit.verzonden_op == brief.gegenereerd_op
        kanalen = set(Verzending.objects.filter(brief=brief).values_list("kanaal", flat=True))
        assert kanalen == {Kanaal.PORTAAL, Kanaal.EMAIL}
        assert len(brief.sha256) == 64 and brief.grootte > 1000

    def test_the_municipality_notice_follows_the_dispatch_without_home_address(self):
        """The municipality's notice follows the dispatch and never shows the home address."""
        besluit, brief = besluit_en_brief()
        genereren(brief)
        kennisgeving = Brief.objects.get(besluit=besluit, ontvanger=Ontvanger.GEMEENTE)
        assert kennisgeving.soort == BriefSoort.KENNISGEVING
        tekst = genereren(kennisgeving)
        assert "Kennisgeving" in tekst and besluit.aanvraag.kenmerk in tekst
        assert zaken.WOONADRES not in tekst and zaken.WOONPLAATS not in tekst
        assert "9999 ZZ" not in tekst and "Postbus 16200" not in tekst

    def test_an_older_copy_shows_only_the_end_of_the_account_number(self):
        """A copy pending from before the notice existed still renders with the payee
        account masked but for its last four; the letter shows it in full."""
        besluit, brief = besluit_en_brief()
        compact = "".join(besluit.aanvraag.iban.split()).upper()
        volledig = iban(compact)
        assert volledig in genereren(brief)
        tekst = genereren(oud_afschrift(besluit))
        assert volledig not in tekst and compact[4:8] not in tekst
        assert iban(compact[:2] + "*" * (len(compact) - 6) + compact[-4:]) in tekst

    def test_an_older_copy_omits_the_address_if_it_is_the_home_address(self):
        """If the correspondence address is the home address, a copy prints no address."""
        aanvraag = zaken.ingediende_aanvraag(correspondentie_adres=zaken.WOONADRES)
        besluit, brief = besluit_en_brief(aanvraag=aanvraag)
        assert zaken.WOONADRES in genereren(brief)  # the applicant's own letter
        assert zaken.WOONADRES not in genereren(oud_afschrift(besluit))


class TestAndereBrieven:
    def test_ontvangstbevestiging_on_submission(self, django_capture_on_commit_callbacks):
        """Submitting a claim stores the receipt letter (4:3a); it is generated after commit."""
        from aanvragen import services as aanvraag_services
        from tests.aanvragen.factories import AanvraagFactory

        zaken.regeling()
        concept = AanvraagFactory(compleet=True)
        with django_capture_on_commit_callbacks(execute=True):
            aanvraag = aanvraag_services.aanvraag_indienen(aanvraag=concept, door=concept.aanvrager)
        brief = Brief.objects.get(aanvraag=aanvraag, soort=BriefSoort.ONTVANGSTBEVESTIGING)
        assert brief.status == BriefStatus.KLAAR
        with brief.bestand.open("rb") as bestand:
            tekst = pdf_tekst(bestand.read())
        assert aanvraag.kenmerk in tekst and "4:3a" in tekst
        assert lange_datum(aanvraag.beslistermijn_einde) in tekst
        # One e-mail: the acknowledgement; the receipt letter adds no second notice.
        assert len(mail.outbox) == 1
        assert not Bericht.objects.filter(sleutel__startswith=f"brief-klaar:{brief.pk}")

    def test_aanvulling(self):
        aanvraag = zaken.ingediende_aanvraag()
        verzoek = Aanvulverzoek.objects.create(
            aanvraag=aanvraag,
            vraag="Stuur de factuur van het alarm.",
            verzocht_op=timezone.now(),
            termijn_tot=timezone.localdate() + timedelta(days=14),
        )
        tekst = genereren(services.aanvullingsbrief_aanmaken(aanvulverzoek_id=verzoek.pk))
        assert "Stuur de factuur van het alarm." in tekst
        assert lange_datum(verzoek.termijn_tot) in tekst and "4:5" in tekst
        assert "namens deze" in tekst and aanvraag.kenmerk in tekst

    def test_verdaging(self):
        aanvraag = zaken.ingediende_aanvraag(
            verdaagd_op=timezone.localdate(),
            verdaagd_tot=timezone.localdate() + timedelta(weeks=6),
            verdaging_reden="Wij wachten op het advies van de politie.",
        )
        beslistermijn_herberekenen(aanvraag=aanvraag)  # as `verdagen` stores it
        tekst = genereren(services.verdagingsbrief_aanmaken(aanvraag_id=aanvraag.pk))
        assert "Wij wachten op het advies van de politie." in tekst
        assert lange_datum(aanvraag.verdaagd_tot) in tekst and "4:14" in tekst

    def test_voornemen(self):
        aanvraag = zaken.ingediende_aanvraag()
        zaken.beoordelen(aanvraag, aanvraag.aanvrager)
        voornemen = zaken.voornemen_met_zienswijze(aanvraag, aanvraag.aanvrager)
        tekst = genereren(services.voornemenbrief_aanmaken(voornemen_id=voornemen.pk))
        assert "De camera's gaan boven het maximum." in tekst
        assert lange_datum(voornemen.termijn_tot) in tekst and "4:7" in tekst
        assert "versie 2026-brief" in tekst


class TestVeiligRenderen:
    def test_markup_in_motivation_through_the_task(self, verse_renderer, monkeypatch):
        """Markup in the decision's motivation is printed as text; nothing is fetched."""
        fetcher = pdf_module.get_fetcher()
        origineel = fetcher.fetch
        gevraagd = []
        monkeypatch.setattr(
            fetcher,
            "fetch",
            lambda url, headers=None: gevraagd.append(url) or origineel(url, headers),
        )
        with luisteraar() as (port, is_benaderd):
            _, brief = besluit_en_brief(motivering=kwaadaardig(port))
            tekst = genereren(brief)
            assert not is_benaderd(), "the renderer connected to the local listener"
        zonder_spaties = "".join(tekst.split())
        for markup in (
            '<img src="file:///etc/passwd">',
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x">',
            f"@import url(http://127.0.0.1:{port}/y);",
        ):
            assert "".join(markup.split()) in zonder_spaties
        assert gevraagd and all(u.startswith(pdf_module.ASSETS_DIR.as_uri()) for u in gevraagd)

    def test_no_bijlagen_in_the_pdf(self):
        """The stored PDF embeds no files."""
        from io import BytesIO

        from pypdf import PdfReader

        _, brief = besluit_en_brief()
        genereren(brief)
        with brief.bestand.open("rb") as bestand:
            reader = PdfReader(BytesIO(bestand.read()))
        assert not reader.attachments


class TestIdempotent:
    def test_running_twice_gives_one_brief(self, private_media):
        """The task run twice for one decision gives one letter file and one record."""
        besluit, brief = besluit_en_brief()
        assert brief_genereren_task.apply(args=[brief.pk]).get() is True
        assert brief_genereren_task.apply(args=[brief.pk]).get() is False
        assert services.besluitbrief_aanmaken(besluit_id=besluit.pk).pk == brief.pk
        assert Brief.objects.filter(besluit=besluit, ontvanger=Ontvanger.AANVRAGER).count() == 1
        brief.refresh_from_db()
        bestanden = list(private_media.glob(f"brieven/*/{brief.pk}/*.pdf"))
        assert [p.name for p in bestanden] == [brief.bestand.name.rsplit("/", 1)[1]]
        assert Verzending.objects.filter(brief=brief, kanaal=Kanaal.PORTAAL).count() == 1

    def test_hooks_make_brieven_once(self, django_capture_on_commit_callbacks):
        from aanvragen.backoffice import hooks

        besluit = zaken.goedgekeurd_besluit()
        with django_capture_on_commit_callbacks() as callbacks:
            hooks.besluit_goedgekeurd(besluit.pk)
            hooks.besluit_goedgekeurd(besluit.pk)
        assert len(callbacks) == 1
        assert Brief.objects.filter(besluit=besluit).count() == 1


class TestFouten:
    def test_crash_after_writing_leaves_one_file(self, monkeypatch, private_media):
        """A failure after the file is written rolls back; the retry leaves exactly one file."""
        _, brief = besluit_en_brief()
        echt_klaar_melden = services._klaar_melden
        pogingen = []

        def klaar_melden_faalt_eenmaal(brief, nu):
            # The row is marked klaar inside the transaction, which then fails before commit.
            echt_klaar_melden(brief, nu)
            if not pogingen:
                pogingen.append(brief.bestand.name)
                raise OSError("database even weg")

        monkeypatch.setattr(services, "_klaar_melden", klaar_melden_faalt_eenmaal)
        brief_genereren_task.apply(args=[brief.pk])
        brief.refresh_from_db()
        assert brief.status == BriefStatus.KLAAR and pogingen
        bestanden = list(private_media.glob(f"brieven/*/{brief.pk}/*.pdf"))
        assert [p.name for p in bestanden] == [brief.bestand.name.rsplit("/", 1)[1]]
        with brief.bestand.open("rb") as bestand:
            assert hashlib.sha256(bestand.read()).hexdigest() == brief.sha256

    def test_transient_error_is_retried_then_mislukt(self, monkeypatch):
        """Transient errors are retried; after the last one the letter is mislukt."""
        _, brief = besluit_en_brief()

        def kapot(*args, **kwargs):
            raise OSError("schijf even weg")

        monkeypatch.setattr(services, "render_brief", kapot)
        brief_genereren_task.apply(args=[brief.pk])
        brief.refresh_from_db()
        assert brief.status == BriefStatus.MISLUKT
        assert brief.pogingen == brief_genereren_task.max_retries + 1
        assert "schijf even weg" in brief.laatste_fout
        monkeypatch.undo()
        assert services.brief_opnieuw_proberen(brief_id=brief.pk) is True
        assert genereren(brief)

    def test_other_error_is_mislukt_at_once(self, monkeypatch):
        _, brief = besluit_en_brief()
        monkeypatch.setattr(services.opbouw, "brief_context", lambda *a, **k: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            brief_genereren_task.apply(args=[brief.pk], throw=True)
        brief.refresh_from_db()
        assert brief.status == BriefStatus.MISLUKT and brief.pogingen == 1

    def test_sweeper_requeues_old_pending_brieven(self, settings):
        """Letters pending longer than the setting are queued again (and then generated)."""
        settings.BRIEVEN_NAZENDEN_NA_SECONDEN = 180
        _, oud = besluit_en_brief()
        _, nieuw = besluit_en_brief()
        Brief.objects.filter(pk=oud.pk).update(ingepland_op=timezone.now() - timedelta(minutes=4))
        assert services.wachtende_brieven_inplannen(ouder_dan=timedelta(minutes=3)) == [oud.pk]
        assert brieven_nasturen_task.apply().get() == 0  # just re-queued: not yet again
        nieuw.refresh_from_db()
        assert nieuw.status == BriefStatus.WACHTEND

    def test_sweeper_makes_the_besluit_brief_missing_after_a_crash(self, settings):
        """An approved decision whose after-commit hook never ran still gets its letter."""
        settings.BRIEVEN_NAZENDEN_NA_SECONDEN = 180
        besluit = zaken.goedgekeurd_besluit()  # approved without the hook, as after a crash
        assert not Brief.objects.filter(besluit=besluit).exists()
        assert brieven_nasturen_task.apply().get() == 0  # too recent: the hook may still run
        Besluit.objects.filter(pk=besluit.pk).update(
            goedgekeurd_op=timezone.now() - timedelta(minutes=4)
        )
        assert brieven_nasturen_task.apply().get() == 1
        brief = Brief.objects.get(besluit=besluit)
        assert (brief.soort, brief.ontvanger) == (BriefSoort.BESLUIT, Ontvanger.AANVRAGER)
        assert genereren(brief)
        assert brieven_nasturen_task.apply().get() == 0  # never twice


class TestBerichten:
    def test_message_without_content(self):
        """The notices say only that a letter is ready, with a link."""
        besluit, brief = besluit_en_brief()
        gemeente = besluit.aanvraag.gemeente
        gemeente.contact_email = "griffie@gemeente.example"
        gemeente.save()
        genereren(brief)
        genereren(Brief.objects.get(besluit=besluit, ontvanger=Ontvanger.GEMEENTE))
        aanvrager = Bericht.objects.get(sleutel=f"brief-klaar:{brief.pk}:aanvrager")
        afschrift = Brief.objects.get(besluit=besluit, ontvanger=Ontvanger.GEMEENTE)
        voor_gemeente = Bericht.objects.get(sleutel=f"brief-klaar:{afschrift.pk}:gemeente")
        assert voor_gemeente.aan == "griffie@gemeente.example"
        assert f"/aanvragen/{besluit.aanvraag.pk}/" in aanvrager.tekst
        assert "/brieven/portaal/" in voor_gemeente.tekst
        for bericht in (aanvrager, voor_gemeente):
            inhoud = bericht.onderwerp + bericht.tekst
            for detail in (
                "1.984,56",
                "1984",
                "Inbraakalarm",
                "camera",
                zaken.WOONADRES,
                "de Vries",
                "NL91",
                besluit.motivering,
                "gedeeltelijk",
            ):
                assert detail not in inhoud


class TestBrokerWeg:
    def test_creation_succeeds_when_the_broker_is_down(
        self, monkeypatch, django_capture_on_commit_callbacks
    ):
        """A failing broker after commit is logged; the pending letter waits for the sweeper."""
        besluit = zaken.goedgekeurd_besluit()

        def broker_weg(*args, **kwargs):
            raise ConnectionError("redis weg")

        monkeypatch.setattr(brief_genereren_task, "delay", broker_weg)
        with django_capture_on_commit_callbacks(execute=True):
            brief = services.besluitbrief_aanmaken(besluit_id=besluit.pk)
        brief.refresh_from_db()
        assert brief.status == BriefStatus.WACHTEND
