"""Summarise a load-test run: Locust's CSV (client times) and gunicorn's access log (server
time per request, `%(M)s`), per page kind, with the targets of issue #21.

    python loadtest/samenvatting.py var/loadtest/locust var/loadtest/access.log --users 200

Prints a Markdown table (p50/p95/p99 as the client saw them, the server's median and p95,
failures) and then each target with "met" or "MISSED". Standard library only.
"""

import argparse
import csv
import re
import statistics
from pathlib import Path

P95_MAX_MS = 300
SERVER_MEDIAAN_MAX_MS = 15
# The applicant's pages with the server-time target.
SNELLE_PAGINAS = ("Mijn aanvragen", "aanvraag: statuspagina")
# (method, path pattern, kind): the same kinds as the locustfile's request names.
SOORTEN = [
    ("GET", r"/account/login/", "login: formulier"),
    ("POST", r"/account/login/", "login: POST (wachtwoord of 2FA-code)"),
    ("GET", r"/aanvragen/", "Mijn aanvragen"),
    ("GET", r"/aanvragen/\d+/", "aanvraag: statuspagina"),
    ("POST", r"/aanvragen/nieuw/", "aanvraag: concept starten"),
    ("GET", r"/aanvragen/\d+/gegevens/", "aanvraag: gegevens (formulier)"),
    ("POST", r"/aanvragen/\d+/gegevens/", "aanvraag: concept opslaan"),
    ("POST", r"/aanvragen/\d+/kosten/", "aanvraag: kostenpost toevoegen"),
    ("GET", r"/aanvragen/\d+/kosten/\d+/", "aanvraag: kostenpost (formulier)"),
    ("POST", r"/aanvragen/\d+/kosten/\d+/", "aanvraag: factuur uploaden"),
    ("GET", r"/meldingen/nieuw/", "melding: stap (formulier)"),
    (
        "POST",
        r"/meldingen/(nieuw|[0-9a-f-]{36}/bewerken/(?!bijlagen)\w+)/",
        "melding: stap opslaan",
    ),
    ("POST", r"/meldingen/[0-9a-f-]{36}/bewerken/bijlagen/", "melding: bijlage uploaden"),
    ("GET", r"/meldingen/[0-9a-f-]{36}/controleren/", "melding: controleren"),
    ("POST", r"/meldingen/[0-9a-f-]{36}/controleren/", "melding: versturen"),
    ("GET", r"/backoffice/aanvragen/aanvraag/", "werkvoorraad (filters en zoeken)"),
    ("GET", r"/backoffice/aanvragen/aanvraag/\d+/change/", "zaakpagina"),
    ("GET", r"/backoffice/aanvragen/aanvraag/\d+/actie/beoordelen/", "beoordelingsformulier"),
    ("GET", r"/brieven/voorbeeld/besluit/\d+/", "conceptbesluit: voorbeeld (PDF)"),
    ("GET", r"/brieven/portaal/", "brievenportaal"),
    ("GET", r"/brieven/\d+/download/", "brief downloaden (PDF)"),
    ("GET", r"/backoffice/aanvragen/betaalbatch/te-betalen/", "te betalen"),
    ("GET", r"/backoffice/aanvragen/betaalbatch/\d+/bestand/csv/", "betaalbatch: CSV"),
]


def soort_van(methode: str, pad: str) -> str:
    for m, patroon, soort in SOORTEN:
        if m == methode and re.fullmatch(patroon, pad):
            return soort
    return f"other: {methode} {pad}"


def server_tijden(log: Path) -> tuple[dict[str, list[float]], int, int]:
    """Per kind the server times in ms; the number of 5xx and of all requests in the log."""
    tijden: dict[str, list[float]] = {}
    vijfxx = totaal = 0
    for regel in log.read_text().splitlines():
        delen = regel.split()
        if len(delen) != 4 or not delen[3].isdigit():
            continue
        methode, pad, status, ms = delen
        totaal += 1
        vijfxx += status.startswith("5")
        tijden.setdefault(soort_van(methode, pad), []).append(float(ms))
    return tijden, vijfxx, totaal


def perc(waarden: list[float], p: float) -> float:
    if not waarden:
        return float("nan")
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(round(p / 100 * (len(geordend) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_prefix", type=Path)
    parser.add_argument("access_log", type=Path)
    parser.add_argument("--users", type=int, default=200)
    args = parser.parse_args()
    with open(f"{args.csv_prefix}_stats.csv", newline="") as f:
        rijen = list(csv.DictReader(f))
    server, vijfxx, server_totaal = server_tijden(args.access_log)
    print(
        "| page kind | requests | failures | p50 ms | p95 ms | p99 ms | server p50 ms "
        "| server p95 ms |\n|---|---|---|---|---|---|---|---|"
    )
    te_traag, totaal = [], None
    for rij in rijen:
        if rij["Name"] == "Aggregated":
            totaal = rij
            continue
        # Server times of the kinds the summary maps by path (the login POSTs share one row).
        sleutel = rij["Name"]
        if sleutel.startswith("login: ") and rij["Type"] == "POST":
            sleutel = "login: POST (wachtwoord of 2FA-code)"
        if sleutel.startswith("werkvoorraad"):
            sleutel = "werkvoorraad (filters en zoeken)"
        tijden = server.get(sleutel, [])
        p95 = float(rij["95%"])
        if p95 > P95_MAX_MS:
            te_traag.append(f"{rij['Name']} ({p95:.0f} ms)")
        print(
            f"| {rij['Type']} {rij['Name']} | {rij['Request Count']} | {rij['Failure Count']} "
            f"| {rij['50%']} | {rij['95%']} | {rij['99%']} "
            f"| {statistics.median(tijden) if tijden else float('nan'):.1f} "
            f"| {perc(tijden, 95):.1f} |"
        )
    assert totaal is not None, "no Aggregated row in the Locust CSV"
    fouten = int(totaal["Failure Count"])
    print(
        f"| **all** | {totaal['Request Count']} | {fouten} | {totaal['50%']} | {totaal['95%']} "
        f"| {totaal['99%']} | | |"
    )
    print(
        f"\n{float(totaal['Requests/s']):.1f} requests/s over the run; "
        f"{server_totaal} requests in the access log, {vijfxx} with a 5xx status."
    )
    overig = sorted(k for k in server if k.startswith("other: "))
    if overig:
        print("Not mapped to a kind:", ", ".join(overig[:10]))

    def oordeel(gehaald: bool) -> str:
        return "met" if gehaald else "MISSED"

    print(f"\nTargets ({args.users} concurrent users):")
    print(f"- 0 errors: {oordeel(fouten == 0)} ({fouten})")
    print(f"- 0 5xx: {oordeel(vijfxx == 0)} ({vijfxx})")
    print(
        f"- p95 <= {P95_MAX_MS} ms for every kind: {oordeel(not te_traag)}"
        + (f" (over: {', '.join(te_traag)})" if te_traag else "")
    )
    for pagina in SNELLE_PAGINAS:
        tijden = server.get(pagina, [])
        mediaan = statistics.median(tijden) if tijden else float("nan")
        print(
            f"- server median of '{pagina}' <= {SERVER_MEDIAAN_MAX_MS} ms: "
            f"{oordeel(mediaan <= SERVER_MEDIAAN_MAX_MS)} ({mediaan:.1f} ms)"
        )


if __name__ == "__main__":
    main()
