"""The HTML report: self-contained, everything escaped, and really drawn in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reports.after_support import HOSTILE, needs
from reports.html_support import render


def test_every_hostile_string_is_escaped(tmp_path: Path) -> None:
    page = render(tmp_path / "report.html")
    assert HOSTILE not in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<b>budgets</b>" not in page and "<em>markup</em>" not in page
    assert page.count("<script>") == 1  # ours, and only ours


def test_it_needs_no_network_and_shows_no_email(tmp_path: Path) -> None:
    page = render(tmp_path / "report.html")
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "wang@example.cn" not in page and "@example" not in page


def test_it_has_every_section(tmp_path: Path) -> None:
    page = render(tmp_path / "report.html")
    for section in ("summary", "attendance", "panels", "registrations", "geography", "qa", "polls"):
        assert f'<section id="{section}">' in page
    assert "Panel 1: Creating caring metropolises" in page
    assert "José Núñez" in page and "محمد الأحمد" in page
    assert "@media print" in page and "width=device-width" in page


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (
        "/usr/lib/chromium/chromedriver" if os.path.exists("/usr/lib/chromium/chromedriver") else None
    )
    if not browser or not driver:
        message = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return browser, driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the module (starting one takes two seconds)."""
    needs("selenium", reason="needs selenium (the test extra)")
    binary, driver_path = _chromium()
    os.environ["SE_OFFLINE"] = "true"  # never let selenium look for a driver on the network
    profile = tmp_path_factory.mktemp("chromium-profile")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        os.environ.pop("SE_OFFLINE", None)


def _open(browser: Any, tmp_path: Path, width: int, height: int) -> None:
    path = tmp_path / "report.html"
    render(path)
    browser.set_window_size(width, height)
    browser.get(path.as_uri())


@pytest.mark.e2e  # the browser is a subprocess
def test_chromium_draws_every_chart_without_console_errors(browser: Any, tmp_path: Path) -> None:
    _open(browser, tmp_path, 1280, 900)
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    charts = browser.execute_script("return document.querySelectorAll('svg.chart').length")
    assert charts >= 5  # attendance, registrations, two geography charts, a poll
    assert browser.execute_script("return document.documentElement.getAttribute('data-charts')") == str(charts)
    shapes = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.chart')).map(function (svg) {"
        "  var marks = svg.querySelectorAll('path.line, rect.bar');"
        "  return Array.from(marks).filter(function (m) {"
        "    var box = m.getBBox(); return box.width > 0 && box.height > 0;"
        "  }).length;"
        "})"
    )
    assert all(count > 0 for count in shapes), shapes
    bands = browser.execute_script("return document.querySelectorAll('#attendance rect.band').length")
    assert bands == 2  # the two panels' windows, shaded
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0


@pytest.mark.e2e  # the browser is a subprocess
def test_on_a_phone_nothing_overflows_sideways(browser: Any, tmp_path: Path) -> None:
    _open(browser, tmp_path, 390, 844)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.mark.e2e  # the browser is a subprocess
def test_printing_unfolds_the_panels(browser: Any, tmp_path: Path) -> None:
    _open(browser, tmp_path, 1280, 900)
    assert browser.execute_script("return document.querySelectorAll('details[open]').length") == 0
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        browser.execute_script("window.dispatchEvent(new Event('beforeprint'))")
        assert browser.execute_script("return document.querySelectorAll('details:not([open])').length") == 0
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})  # the browser is shared
