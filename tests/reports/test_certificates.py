"""Certificates: one PDF per attendee at the threshold, names in every script, checked by extracting the text."""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest

from reports.after_support import after_event, after_report, needs
from wmdctl.errors import ConfigError


@pytest.fixture(autouse=True)
def _certificates_extra() -> None:
    needs(
        "fpdf",
        "uharfbuzz",
        "pypdf",
        "noto_cjk_sans_jp_regular",
        reason="needs the test extra (pip install -e '.[test]')",
    )


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(path).pages)


def squashed(text: str) -> str:
    """The text without spaces and control characters.

    pypdf decodes the CJK face's two-byte CID codes with a NUL before each character, and Arabic's
    shaped lam-alef ligature with a stray control code (poppler's pdftotext shows neither): the
    letters themselves, in order, are what this checks.
    """
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cc")


def certificates(tmp_path: Path, minimum: float):  # type: ignore[no-untyped-def]
    from wmdctl.reports.certificates import write_certificates

    return write_certificates(after_report(), after_event(), tmp_path / "certs", min_minutes=minimum)


@pytest.fixture(scope="module")
def at_ten(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The certificates at a 10-minute bar, written once for the tests that only read them."""
    modules = ("fpdf", "uharfbuzz", "pypdf", "noto_cjk_sans_jp_regular")
    needs(*modules, reason="needs the test extra (pip install -e '.[test]')")
    return certificates(tmp_path_factory.mktemp("certificates"), 10)


def test_one_pdf_per_attendee_at_the_threshold_and_the_rest_are_named(at_ten) -> None:  # type: ignore[no-untyped-def]
    result = at_ten
    assert len(result.written) == 5  # six attendees came; Иван stayed 8 minutes
    assert result.below == [("Иван Петров", 8.0)]
    assert sorted(p.name for p in result.folder.iterdir()) == sorted(p.name for p in result.written)
    assert not result.problems


def test_a_higher_bar_writes_fewer(tmp_path: Path) -> None:
    # José 90 and अनिल 60 minutes; 王小明 and محمد 45, the hostile name 40, Иван 8 fall below.
    assert len(certificates(tmp_path, 46).written) == 2


def _certificate_of(result, email_part: str) -> Path:  # type: ignore[no-untyped-def]
    from wmdctl.reports.certificates import file_name

    report = after_report()
    rows = [r for r in report.rows if r.role == "attendee" and r.attended]
    index, row = next((n, r) for n, r in enumerate(rows, start=1) if email_part in r.email)
    path = result.folder / file_name(index, row)
    assert path in result.written
    return path


def test_cjk_and_arabic_names_render_as_text(at_ten) -> None:  # type: ignore[no-untyped-def]
    result = at_ten
    chinese = pdf_text(_certificate_of(result, "wang"))
    assert "王小明" in squashed(chinese)
    arabic = pdf_text(_certificate_of(result, "mohammed"))
    assert "محمد" in squashed(arabic) and "الأحمد" in squashed(arabic)
    assert "45 minutes" in arabic


def test_each_certificate_carries_title_date_organisers_name_and_minutes(at_ten) -> None:  # type: ignore[no-untyped-def]
    result = at_ten
    text = pdf_text(_certificate_of(result, "jose"))
    event = after_event()
    assert "Certificate of attendance" in text
    assert "José Núñez" in text and "90 minutes" in text
    assert event.topic in text.replace("\n", " ")
    assert "7 October 2021" in text
    assert "Metropolis" in text and "UN-Habitat" in text
    devanagari = pdf_text(_certificate_of(result, "anil"))
    assert "60 minutes" in devanagari and "अ" in devanagari


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from wmdctl.reports import certificates as module

    real = importlib.util.find_spec
    monkeypatch.setattr(module.importlib.util, "find_spec", lambda name, *a: None if name == "fpdf" else real(name, *a))
    with pytest.raises(ConfigError) as error:
        module.check_available()
    assert "wmdctl[certificates]" in (error.value.hint or "")
