"""Collect the chaos tests' recovery times and print them at the end of every run."""

HERSTELTIJDEN: list[tuple[str, float, str]] = []


def pytest_terminal_summary(terminalreporter):
    if not HERSTELTIJDEN:
        return
    terminalreporter.section("chaos: recovery times")
    for wat, seconden, toelichting in HERSTELTIJDEN:
        terminalreporter.write_line(f"{wat}: {seconden:.1f} s ({toelichting})")
