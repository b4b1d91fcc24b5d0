"""The virus scan against the real clamd that `make test` starts (scripts/clamd.sh).

That clamd loads only scripts/clamav/, a signature file that detects the EICAR test file;
production clamd loads freshclam's databases. "Down" is a socket where nothing listens.
"""

import io

import pytest

from fondsbeveiliging.core import scanner
from tests.core import hostile_files


def test_eicar_is_found_by_clamd():
    assert scanner.scan(io.BytesIO(hostile_files.eicar())).startswith("Eicar-Test-Signature")


def test_eicar_inside_a_pdf_is_found():
    assert scanner.scan(io.BytesIO(hostile_files.eicar_pdf())) is not None


def test_clean_file_has_no_finding():
    assert scanner.scan(io.BytesIO(hostile_files.simple_pdf())) is None


def test_missing_unix_socket_fails_closed(settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "clamd.sock")
    with pytest.raises(scanner.ScannerNietBeschikbaar):
        scanner.scan(io.BytesIO(b"data"))


def test_unreachable_tcp_scanner_fails_closed(settings):
    settings.CLAMAV_SOCKET = "tcp://127.0.0.1:9"
    with pytest.raises(scanner.ScannerNietBeschikbaar):
        scanner.scan(io.BytesIO(b"data"))


def test_stream_over_clamds_limit_fails_closed(settings, monkeypatch):
    """clamd's 'size limit exceeded' is no verdict: refused, not taken as clean."""
    from clamav_client.clamd import BufferTooLongError, ClamdUnixSocket

    def too_long(self, buff):
        raise BufferTooLongError("INSTREAM size limit exceeded. ERROR")

    monkeypatch.setattr(ClamdUnixSocket, "instream", too_long)
    with pytest.raises(scanner.ScannerNietBeschikbaar):
        scanner.scan(io.BytesIO(b"data"))


def test_scan_can_be_switched_off_for_a_machine_without_clamd(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fondsbeveiliging.core.uploads import check_upload

    settings.CLAMAV_ENABLED = False
    settings.CLAMAV_SOCKET = str(tmp_path / "clamd.sock")
    assert check_upload(SimpleUploadedFile("eicar.pdf", hostile_files.eicar_pdf()))
