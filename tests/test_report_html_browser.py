"""The HTML report in a real browser: headless Debian Chromium driven by Selenium through chromedriver.

Why a browser: string checks cannot tell whether the page *renders* (CSS, inline SVG, the CSP that forbids
scripts) or whether the numbers a reader sees are the ones in the JSON. This test loads the page from disk,
fails on any console error (a blocked load, a CSP violation from an unescaped ``<script>``), reads the key
numbers back from the DOM and compares them with the JSON, and saves a full-page screenshot.

Why Selenium with Debian's chromedriver: the `chromium-driver` package is built from the same source and
version as `chromium`, so driver and browser always match; Selenium is pure Python and is pointed at both
binaries explicitly (with SE_OFFLINE set), so it never downloads a driver or a browser. The test fails, and
never skips, when Chromium or chromedriver is missing: a skipped browser test would hide a broken page.

Run: ``pytest tests/test_report_html_browser.py -m browser``. Set DISTILLBENCH_SCREENSHOT=/path/shot.png to
keep the screenshot of the suite-run report (the synthetic one goes beside it as shot-sample.png).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import struct
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from test_report_html import sample_report

from distillbench.cli.html import main as html_main
from distillbench.report.html.page import render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--window-size=1300,900", "--force-device-scale-factor=1")
READ_CELLS = ("return Array.from(document.querySelectorAll('[data-metric]'))"
              ".map(e => Object.assign({text: e.textContent.trim()}, e.dataset));")


def require_browser() -> None:
    """Fail (not skip) with the command that fixes it when the browser, its driver or Selenium is missing."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: the HTML report's browser test needs Debian's Chromium; install it "
                    "with `apt-get install -y chromium chromium-driver`", pytrace=False)
    if not CHROMEDRIVER.is_file():
        pytest.fail(f"{CHROMEDRIVER} not found: install it with `apt-get install -y chromium-driver` "
                    "(it must match the installed chromium)", pytrace=False)
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.fail("selenium is not installed: `pip install -e '.[dev]'` (or `pip install selenium`)", pytrace=False)


@contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """A headless Chromium session with a throw-away profile and the browser console log enabled."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SE_OFFLINE", "true")  # Selenium Manager: never fetch a driver or a browser
        driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        driver.set_page_load_timeout(120)  # a hang guard on a loaded machine, not a performance check
        yield driver
    finally:
        driver.quit()


def open_page(driver: Any, page: Path) -> list[dict[str, Any]]:
    """Load `page` and return its data-metric cells, after checking it rendered without a console error."""
    driver.get(page.resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, f"console errors while rendering {page}: {errors}"
    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded == [], f"the report loaded external resources: {loaded}"
    assert driver.execute_script("return document.querySelector('#ice svg').getBoundingClientRect().width") > 300
    cells: list[dict[str, Any]] = driver.execute_script(READ_CELLS)
    return cells


def screenshot(driver: Any, target: Path, keep_as: str | None) -> None:
    """A full-page PNG in `target`, copied to `keep_as` when given; checks that it is a real page-wide image."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    data = base64.b64decode(shot["data"])
    target.write_bytes(data)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1000 and height > 900  # the whole page, taller than one window
    if keep_as:
        Path(keep_as).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, keep_as)


def check_ice_cells(cells: list[dict[str, Any]], report: dict[str, Any]) -> None:
    """Every model's four ICE rates are on the page, shown to 3 decimals (n/a when n == 0), JSON value in data-value."""
    found = {(c["metric"], c.get("model")): c for c in cells}
    assert report["models"], "the report has no model to check"
    for model, scores in report["models"].items():
        for metric, expected in scores["ice"].items():
            if metric == "judge":
                continue
            cell = found[(f"ice.{metric}", model)]
            assert float(cell["value"]) == expected["score"], (model, metric)
            assert cell["text"] == (f"{expected['score']:.3f}" if expected["n"] else "n/a"), (model, metric)
            assert int(cell["n"]) == expected["n"], (model, metric)
        assert found[("cases.passed", model)]["text"] == str(scores["cases"]["passed"])


def test_suite_report_renders_in_chromium(suite_project: Any, tmp_path: Path) -> None:
    """End to end: the real plugin replays cassettes, `distillbench html` renders its JSON, Chromium shows it."""
    require_browser()
    suite_project.run()
    source = suite_project.reports / "distillation.json"
    assert source.is_file(), "the suite wrote no distillation.json"
    assert html_main([str(source)]) == 0
    report = json.loads(source.read_text(encoding="utf-8"))
    with chromium(tmp_path / "profile") as driver:
        cells = open_page(driver, source.with_name("index.html"))
        check_ice_cells(cells, report)
        failed = sum(c["status"] == "failed" for c in report["cases"])
        shown = driver.execute_script("return document.querySelector('[data-count=failed]').textContent")
        assert shown == str(failed)
        screenshot(driver, tmp_path / "report.png", os.environ.get("DISTILLBENCH_SCREENSHOT"))


def test_sample_report_renders_in_chromium(tmp_path: Path) -> None:
    """Similarity heatmaps, gates and hostile model output, in the browser: no script runs, numbers match."""
    require_browser()
    report = sample_report()
    page = tmp_path / "index.html"
    page.write_text(render_html(report), encoding="utf-8")
    keep = os.environ.get("DISTILLBENCH_SCREENSHOT")
    with chromium(tmp_path / "profile") as driver:
        cells = open_page(driver, page)
        assert driver.execute_script("return window.__pwned === undefined")
        assert driver.execute_script("return document.querySelectorAll('script, img').length") == 0
        answer = driver.execute_script("return document.querySelector('[data-case=\"student__q-script\"] "
                                       "blockquote').textContent")
        assert "<script>window.__pwned = 1</script>" in answer  # shown as text, not run
        marks = driver.execute_script("return Array.from(document.querySelectorAll('mark.contra'))"
                                      ".map(m => m.textContent)")
        assert {"ChatGPT", "OpenAI"} <= set(marks)
        check_ice_cells(cells, report)
        matrix = report["similarity"]["matrix"]
        rse = [c for c in cells if c.get("row")]
        assert len(rse) == 4 * len(matrix["models"]) ** 2
        for c in rse:
            i, j = matrix["models"].index(c["row"]), matrix["models"].index(c["col"])
            expected = matrix[c["metric"].removeprefix("rse.")]["mean"][i][j]
            assert c["text"] == ("n/a" if expected is None else f"{expected:.3f}")
        assert driver.execute_script("return document.querySelectorAll('#similarity svg').length") == 4
        screenshot(driver, tmp_path / "sample.png",
                   str(Path(keep).with_stem(Path(keep).stem + "-sample")) if keep else None)
        # The console check is not vacuous: the same page with one unescaped script is caught (the CSP blocks it).
        tampered = tmp_path / "tampered.html"
        tampered.write_text(page.read_text(encoding="utf-8").replace("</main>", "<script>1</script></main>"),
                            encoding="utf-8")
        with pytest.raises(AssertionError, match="console errors"):
            open_page(driver, tampered)


def test_missing_chromium_fails_with_the_install_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(pytest.fail.Exception, match=r"apt-get install -y chromium"):
        require_browser()
