"""Certificates of attendance: one PDF per attendee present at least N minutes.

fpdf2 (with uharfbuzz for Arabic and Devanagari shaping) and the Noto fonts
are the optional ``certificates`` extra (``pip install 'wmdctl[certificates]'``),
imported only here. Names come in every script the registration lists carry,
so the Noto Sans face (Latin, Cyrillic, Greek and Devanagari) is backed by Arabic and CJK faces,
each loaded only for a name that needs it (the CJK face alone takes half a
second to parse). A glyph no face has is reported, never printed as a box
silently.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import logging
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from wmdctl.errors import ConfigError
from wmdctl.event.model import Event
from wmdctl.reports.attendance import AttendanceReport
from wmdctl.reports.model import PersonRow
from wmdctl.state.files import write_bytes_atomic

EXTRA_HINT = "install the certificates extra: pip install 'wmdctl[certificates]'"
# (module, file name or glob under the package): the fonts the extra depends on.
FONT_MODULES = {
    "sans": ("fontpkg_noto_sans", "files/NotoSans[[]wdth,wght[]].ttf"),
    "arabic": ("fontpkg_noto_sans_arabic", "files/NotoSansArabic*.ttf"),
    "cjk": ("noto_cjk_sans_jp_regular", "NotoSansCJKjp-Regular.otf"),
}
_SCRIPT_RANGES = {
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "cjk": ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x2FA1F)),
}
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class CertificatesResult:
    folder: Path
    written: list[Path] = field(default_factory=list)
    below: list[tuple[str, float]] = field(default_factory=list)  # (name, minutes) of attendees under the bar
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "written": [p.name for p in self.written],
            "below_threshold": [{"name": n, "minutes": m} for n, m in self.below],
            "problems": self.problems,
        }


def check_available() -> None:
    """ConfigError naming the extra when fpdf2, uharfbuzz or a font package is missing."""
    missing = [name for name in ("fpdf", "uharfbuzz") if importlib.util.find_spec(name) is None]
    missing += [module for module, _ in FONT_MODULES.values() if importlib.util.find_spec(module) is None]
    if missing:
        raise ConfigError(f"certificates need {', '.join(missing)}, which is not installed", hint=EXTRA_HINT)


def font_path(face: str) -> Path:
    module_name, pattern = FONT_MODULES[face]
    root = Path(importlib.import_module(module_name).__file__ or "").parent
    found = sorted(root.glob(pattern))
    if not found:
        raise ConfigError(f"the font package {module_name} has no {pattern}", hint=EXTRA_HINT)
    return found[0]


def faces_for(text: str) -> list[str]:
    """The fallback faces ``text`` needs besides Noto Sans (which has Latin, Cyrillic, Greek, Devanagari)."""
    needed = []
    for face, ranges in _SCRIPT_RANGES.items():
        if any(lo <= ord(char) <= hi for char in text for lo, hi in ranges):
            needed.append(face)
    return needed


def write_certificates(
    report: AttendanceReport, event: Event, folder: Path, *, min_minutes: float
) -> CertificatesResult:
    """One PDF per attendee with at least ``min_minutes``; the others are listed in ``below``."""
    check_available()
    folder.mkdir(parents=True, exist_ok=True)
    result = CertificatesResult(folder)
    attendees = [r for r in report.rows if r.role == "attendee" and r.attended]
    earned = [(n, r) for n, r in enumerate(attendees, start=1) if r.total_minutes >= min_minutes]
    result.below = [(r.name or r.email, r.total_minutes) for r in attendees if r.total_minutes < min_minutes]
    with tempfile.TemporaryDirectory(prefix="wmdctl-fonts-") as scratch:
        fonts = run_fonts([r.name for _, r in earned] + [event.topic, event.theme, *event.organisers], Path(scratch))
        for index, row in earned:
            pdf, missing = certificate_pdf(row, event, report, fonts)
            if missing:
                result.problems.append(f"{row.name}: no bundled font has {missing}; those characters may not show")
            path = folder / file_name(index, row)
            write_bytes_atomic(path, pdf, private=False)
            result.written.append(path)
    return result


def run_fonts(texts: list[str], scratch: Path) -> dict[str, Path]:
    """The font files for one run. The CJK face (16 MB, half a second to parse per PDF) is cut down once to
    the characters the names at hand use, so each certificate loads a few kilobytes instead."""
    fonts = {face: font_path(face) for face in FONT_MODULES}
    cjk_text = "".join(t for t in texts if "cjk" in faces_for(t))
    if cjk_text:
        from fontTools import subset  # type: ignore[import-untyped]  # fpdf2 depends on it

        options = subset.Options()
        options.layout_features = ["*"]  # keep every substitution the shaper may need
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(fonts["cjk"]), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=cjk_text)
        subsetter.subset(font)
        fonts["cjk"] = scratch / "cjk-subset.otf"
        subset.save_font(font, str(fonts["cjk"]), options)
    return fonts


def file_name(index: int, row: PersonRow) -> str:
    """``007-jose-nunez-1a2b3c4d.pdf``: sortable, readable where the name is Latin, unique by e-mail."""
    ascii_name = unicodedata.normalize("NFKD", row.name).encode("ascii", "ignore").decode().lower()
    slug = _SLUG.sub("-", ascii_name).strip("-")[:40] or "attendee"
    tag = hashlib.sha256(f"{row.email}\0{row.name}".encode()).hexdigest()[:8]
    return f"{index:03d}-{slug}-{tag}.pdf"


def certificate_pdf(
    row: PersonRow, event: Event, report: AttendanceReport, fonts: dict[str, Path] | None = None
) -> tuple[bytes, str]:
    """The PDF's bytes, and the characters no font had ("" when all rendered)."""
    from fpdf import FPDF

    fonts = fonts or {face: font_path(face) for face in FONT_MODULES}
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_title(f"Certificate of attendance: {event.topic}")
    pdf.set_author(", ".join(event.organisers))
    pdf.add_font("sans", fname=str(fonts["sans"]))
    text = "".join((row.name, event.topic, *event.organisers))
    fallbacks = faces_for(text)
    for face in fallbacks:
        pdf.add_font(face, fname=str(fonts[face]))
    pdf.set_fallback_fonts(fallbacks)
    pdf.set_text_shaping(True)  # Arabic joins and Devanagari conjuncts need shaping, not char-by-char
    pdf.set_auto_page_break(False)
    pdf.add_page()
    _lay_out(pdf, row, event, report)
    fpdf_log = logging.getLogger("fpdf")
    level = fpdf_log.level
    fpdf_log.setLevel(logging.ERROR)  # its missing-glyph warning is ours to word, once, on stderr
    try:
        data = bytes(pdf.output())
    finally:
        fpdf_log.setLevel(level)
    missing = sorted({chr(code) for font in pdf.fonts.values() for code in getattr(font, "missing_glyphs", ())})
    return data, " ".join(f"{char!r} (U+{ord(char):04X})" for char in missing)


def _lay_out(pdf: Any, row: PersonRow, event: Event, report: AttendanceReport) -> None:
    width = pdf.w - 2 * pdf.l_margin
    pdf.set_draw_color(30, 80, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(32)
    for size, text, gap in _lines(row, event, report):
        pdf.set_font("sans", size=size)
        pdf.multi_cell(width, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)


def _lines(row: PersonRow, event: Event, report: AttendanceReport) -> Iterator[tuple[int, str, int]]:
    """(font size, text, space after) from the top of the page down."""
    yield 30, "Certificate of attendance", 10
    yield 14, "This certifies that", 6
    yield 34, row.name or row.email, 8
    yield 14, f"attended {_minutes(row.total_minutes)} of the webinar", 4
    yield 20, event.topic, 4
    if event.theme:
        yield 12, event.theme, 2
    yield 14, _event_date(event), 8
    panels = [p for p in report.panels if row.panel_present.get(p.number)]
    if panels:
        yield 12, "Panels attended: " + "; ".join(f"Panel {p.number}: {p.title}" for p in panels), 6
    if event.organisers:
        yield 14, "Organised by " + _joined(event.organisers), 0


def _minutes(minutes: float) -> str:
    whole = round(minutes)
    return "1 minute" if whole == 1 else f"{whole} minutes"


def _event_date(event: Event) -> str:
    start: datetime = event.start
    hours = f"{start.strftime('%H:%M')}–{event.end.strftime('%H:%M')}"
    return f"{start.day} {start.strftime('%B %Y')}, {hours} ({event.timezone})"


def _joined(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
