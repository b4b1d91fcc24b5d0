"""The period a statistics page or report covers: a year, a quarter or a month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.opmaak.formaat import MAANDEN

EERSTE_JAAR = 2016  # the fund started in February 2016 (domain.md §1)


@dataclass(frozen=True)
class Periode:
    jaar: int
    kwartaal: int | None = None
    maand: int | None = None

    def __post_init__(self):
        if not EERSTE_JAAR <= self.jaar <= 9998:
            raise ValueError("jaar")
        if self.kwartaal is not None and not 1 <= self.kwartaal <= 4:
            raise ValueError("kwartaal")
        if self.maand is not None and not 1 <= self.maand <= 12:
            raise ValueError("maand")
        if self.kwartaal and self.maand and (self.maand - 1) // 3 + 1 != self.kwartaal:
            raise ValueError("maand valt niet in het kwartaal")

    @property
    def van(self) -> date:
        if self.maand:
            return date(self.jaar, self.maand, 1)
        if self.kwartaal:
            return date(self.jaar, 3 * self.kwartaal - 2, 1)
        return date(self.jaar, 1, 1)

    @property
    def tot(self) -> date:
        """The first day after the period."""
        if self.maand:
            return date(self.jaar + self.maand // 12, self.maand % 12 + 1, 1)
        if self.kwartaal:
            volgende = 3 * self.kwartaal + 1
            return date(self.jaar + volgende // 13, (volgende - 1) % 12 + 1, 1)
        return date(self.jaar + 1, 1, 1)

    def grenzen(self) -> tuple[datetime, datetime]:
        """Aware datetimes [van, tot) in the site's time zone, for timestamp columns."""
        tz = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.combine(self.van, time.min), tz),
            timezone.make_aware(datetime.combine(self.tot, time.min), tz),
        )

    def maanden(self) -> list[tuple[int, int]]:
        """(year, month) of every month in the period, in order."""
        start = self.van.year * 12 + self.van.month - 1
        eind = self.tot.year * 12 + self.tot.month - 1
        return [(m // 12, m % 12 + 1) for m in range(start, eind)]

    @property
    def label(self) -> str:
        if self.maand:
            return f"{MAANDEN[self.maand - 1]} {self.jaar}"
        if self.kwartaal:
            return _("%(k)se kwartaal %(jaar)s") % {"k": self.kwartaal, "jaar": self.jaar}
        return str(self.jaar)

    @property
    def slug(self) -> str:
        if self.maand:
            return f"{self.jaar}-{self.maand:02d}"
        if self.kwartaal:
            return f"{self.jaar}-K{self.kwartaal}"
        return str(self.jaar)

    @classmethod
    def uit_slug(cls, slug: str) -> Periode:
        """The period of `slug` ("2026", "2026-K4", "2026-12"); ValueError otherwise."""
        jaar, _streep, rest = slug.partition("-")
        if rest.startswith("K"):
            return cls(jaar=int(jaar), kwartaal=int(rest[1:]))
        return cls(jaar=int(jaar), maand=int(rest) if rest else None)

    @classmethod
    def van_jaar(cls, jaar: int) -> list[Periode]:
        """The year, its 4 quarters and its 12 months: the 17 periods the page offers."""
        return [
            cls(jaar=jaar),
            *(cls(jaar=jaar, kwartaal=k) for k in range(1, 5)),
            *(cls(jaar=jaar, maand=m) for m in range(1, 13)),
        ]

    def querystring(self) -> str:
        delen = [f"jaar={self.jaar}"]
        if self.kwartaal:
            delen.append(f"kwartaal={self.kwartaal}")
        if self.maand:
            delen.append(f"maand={self.maand}")
        return "&".join(delen)


def periode_uit(data, *, vandaag: date | None = None) -> Periode:
    """The period named by GET parameters jaar, kwartaal, maand (default: this year).

    Raises ValueError for values that are not a period.
    """
    vandaag = vandaag or timezone.localdate()

    def getal(naam):
        waarde = (data.get(naam) or "").strip()
        return int(waarde) if waarde else None

    jaar = getal("jaar") or vandaag.year
    if jaar > vandaag.year:
        raise ValueError("jaar")
    return Periode(jaar=jaar, kwartaal=getal("kwartaal"), maand=getal("maand"))


MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def maand_label(jaar: int, maand: int, *, met_jaar: bool = True) -> str:
    kort = MAANDEN_KORT[maand - 1]
    return f"{kort} {jaar}" if met_jaar else kort
