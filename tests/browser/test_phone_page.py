"""The phone page in a real browser: Debian's headless Chromium driven by
Selenium through chromium-driver, at a phone's size, in both languages.

A ticket is issued and its QR link taken from the command line; the page is
opened; the ticket is called from the command line; the page changes to
"go to window 3" without a reload. Screenshots go to the test's folder (and
to $BRANCHDESK_SHOTS when set: docs/screenshots/phone-page-*.png)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from app.settings import change_settings
from app.staff.roles import SYSTEM
from app.store import open_database
from app.web.server import create_app
from app.web.sources import BranchSource
from tests.integration.core_support import cli, cli_json
from tests.support.servers import ServerThread, free_port

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
AT = "2026-11-23T09:{:02d}:00"
PHONE = {"width": 390, "height": 844, "pixelRatio": 2.0}


@pytest.fixture(scope="module")
def browser_parts():
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium and chromium-driver are missing; tools/dev.sh installs them")
        pytest.skip("chromium and chromium-driver are not installed")
    from selenium import webdriver  # noqa: F401

    return CHROMIUM, DRIVER


def open_browser(lang: str, folder: Path):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={folder / f'profile-{lang}'}", f"--lang={lang}"):
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {"intl.accept_languages": lang})
    opts.add_experimental_option("mobileEmulation", {"deviceMetrics": PHONE})
    return webdriver.Chrome(options=opts, service=Service(DRIVER))


def shot(driver, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{name}.png"
    driver.save_screenshot(str(path))
    if os.environ.get("BRANCHDESK_SHOTS"):
        shutil.copy(path, Path(os.environ["BRANCHDESK_SHOTS"]) / f"{name}.png")


def test_the_page_follows_the_call_without_a_reload(browser_parts, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    path = tmp_path / "branch.sqlite3"
    port = free_port()
    assert cli("init", "--db", str(path), "--at", AT.format(0).replace("09:", "08:")).returncode == 0
    db = open_database(f"sqlite:///{path}")
    change_settings(db, {"web.public_url": f"http://127.0.0.1:{port}", "web.poll_s": 2,
                         "notify.gateway": "recording"}, actor=SYSTEM, now=dt.datetime(2026, 11, 23, 8, 1))
    clock = [dt.datetime(2026, 11, 23, 9, 5)]
    source = BranchSource(db, clock=lambda: clock[0])
    with ServerThread(create_app(source, poll_s=2), port=port):
        for i in range(1, 4):
            cli_json("ticket", "issue", "--service", "A", "--db", str(path), "--at", AT.format(i))
        url = cli_json("ticket", "link", "--ticket", "A003", "--db", str(path), "--at", AT.format(4))["url"]
        assert url.startswith(f"http://127.0.0.1:{port}/t/")
        assert cli("window", "open", "--window", "3", "--db", str(path), "--at", AT.format(4)).returncode == 0
        drivers = {lang: open_browser(lang, tmp_path) for lang in ("zh-CN", "en-US")}
        try:
            zh, en = drivers["zh-CN"], drivers["en-US"]
            for d in drivers.values():
                d.get(url)
                d.execute_script("window.__same_page = true;")  # gone if the page ever reloads
            assert zh.find_element(By.ID, "number").text == "A003"
            assert zh.find_element(By.ID, "headline").text == "请耐心等候"
            assert zh.find_element(By.ID, "ahead").text == "前面还有 2 人"
            assert en.find_element(By.ID, "headline").text == "Please wait"
            assert en.find_element(By.ID, "service").text == "Personal Banking"
            width = zh.execute_script("return document.documentElement.scrollWidth")
            assert width <= PHONE["width"]  # nothing wider than the phone
            shot(zh, tmp_path, "phone-page-waiting-zh")
            shot(en, tmp_path, "phone-page-waiting-en")

            for minute in (6, 7):  # A001 and A002 are called and served; then A003 is called
                cli("call", "next", "--window", "3", "--finish-current", "--db", str(path), "--at", AT.format(minute))
            clock[0] = dt.datetime(2026, 11, 23, 9, 7, 30)
            WebDriverWait(zh, 20).until(lambda d: d.find_element(By.ID, "ahead").text == "前面还有 0 人")
            r = cli("call", "next", "--window", "3", "--finish-current", "--db", str(path), "--at", AT.format(8))
            assert r.returncode == 0 and "A003 called at window 3" in r.stdout
            clock[0] = dt.datetime(2026, 11, 23, 9, 8, 30)
            WebDriverWait(zh, 20).until(lambda d: d.find_element(By.ID, "headline").text == "请到 3 号窗口")
            WebDriverWait(en, 20).until(lambda d: d.find_element(By.ID, "headline").text == "Go to window 3")
            for d in drivers.values():
                assert d.execute_script("return window.__same_page === true;")  # no reload
                assert "go" in d.find_element(By.ID, "headline").get_attribute("class")
                assert not d.find_element(By.ID, "subscribe").is_displayed()
            shot(zh, tmp_path, "phone-page-called-zh")
            shot(en, tmp_path, "phone-page-called-en")
        finally:
            for d in drivers.values():
                d.quit()
    source.close()
    db.dispose()
