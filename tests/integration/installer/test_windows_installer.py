"""The Windows installer: its Chinese message file is complete, and
installer/check-windows.sh compiles it with ISCC under Wine, installs,
upgrades and uninstalls it, with everything it checks printed (issue 14).
Runs where Wine, xvfb-run and MinGW are installed (tools/dev.sh installs them
for CI: BRANCHDESK_INSTALLER_CHECKS=1)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
INNO = ROOT / "build" / "innosetup" / "package" / "bin"
REQUIRED = bool(os.environ.get("BRANCHDESK_INSTALLER_CHECKS") or os.environ.get("CI"))
# Same text in both languages on purpose: empty notes, and sizes ("%1 KB").
SAME_IN_BOTH = {"HelpTextNote", "BeveledLabel", "AboutSetupNote", "ComponentSize1", "ComponentSize2"}


def missing_or_skip(what: str) -> None:
    if REQUIRED:
        pytest.fail(f"{what} (tools/dev.sh installs it when BRANCHDESK_INSTALLER_CHECKS=1)")
    pytest.skip(what)


def messages(path: Path) -> dict[str, dict[str, str]]:
    """section -> key -> value of an Inno Setup .isl file."""
    out: dict[str, dict[str, str]] = {}
    section = ""
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if m := re.match(r"^\[(\w+)\]", line):
            section = m.group(1)
        elif line and not line.startswith(";") and "=" in line:
            key, value = line.split("=", 1)
            out.setdefault(section, {})[key] = value
    return out


def test_the_chinese_message_file_translates_every_standard_message():
    if not (INNO / "Default.isl").is_file():
        missing_or_skip("Inno Setup's Default.isl (npm package innosetup, in build/innosetup) is missing")
    english, chinese = messages(INNO / "Default.isl"), messages(ROOT / "installer" / "ChineseSimplified.isl")
    assert chinese["LangOptions"]["LanguageID"] == "$0804" and chinese["LangOptions"]["LanguageName"] == "简体中文"
    placeholders = re.compile(r"%\d|%n|\[\w+(?:/\w+)?\]")
    for section in ("Messages", "CustomMessages"):
        assert set(chinese[section]) == set(english[section]), section
        for key, text in english[section].items():
            zh = chinese[section][key]
            assert sorted(placeholders.findall(zh)) == sorted(placeholders.findall(text)), key
            if key not in SAME_IN_BOTH:
                assert zh != text, f"{key} is not translated"
            if re.search(r"[A-Za-z]{3,}", placeholders.sub("", text)):  # words, not only "%1 (%2)"
                assert re.search(r"[\u4e00-\u9fff]", zh), f"{key} is not in Chinese: {zh!r}"


def test_the_installer_script_speaks_chinese_first_and_english():
    iss = (ROOT / "installer" / "branchdesk.iss").read_text(encoding="utf-8")
    languages = re.findall(r'^Name: "(\w+)"; MessagesFile: "([^"]+)"', iss, re.M)
    assert languages == [("chinesesimplified", "ChineseSimplified.isl"), ("english", "compiler:Default.isl")]
    assert "LanguageDetectionMethod=none" in iss  # the first language, whatever Windows speaks
    for key in set(re.findall(r"^chinesesimplified\.(\w+)=", iss, re.M)):  # every custom message in both
        assert re.search(rf"^english\.{key}=", iss, re.M), key


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_check_windows_compiles_installs_upgrades_and_uninstalls():
    for tool in ("wine", "wineserver", "xvfb-run"):
        if shutil.which(tool) is None:
            missing_or_skip(f"{tool} is not installed")
    if shutil.which("x86_64-w64-mingw32-gcc") is None and not (ROOT / "dist" / "BranchDesk" / "BranchDesk.exe").exists():
        missing_or_skip("MinGW (gcc-mingw-w64-x86-64-win32) is needed for the stand-in payload")
    if not (INNO / "ISCC.exe").is_file() and shutil.which("npm") is None:
        missing_or_skip("ISCC.exe (npm package innosetup) is missing and npm is not installed")
    env = dict(os.environ, PYTHON=sys.executable, WORK="build/wincheck-test")
    env.pop("WINEPREFIX", None)
    proc = subprocess.run(["bash", str(ROOT / "installer" / "check-windows.sh")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=540)
    out = proc.stdout
    print(out)  # what was checked, in the test's log
    assert proc.returncode == 0, out + proc.stderr[-3000:]
    assert out.rstrip().endswith("check-windows.sh: OK") and "FAIL" not in out
    for line in ("OK   Start menu\\BranchDesk\\取号（大堂引导）.lnk",
                 "OK       -> C:\\Program Files\\BranchDesk\\BranchDesk.exe run --open greeter",
                 "OK   Startup\\大厅显示屏.lnk (task lobbyautostart chosen)",
                 "OK       Inno Setup: Language = 'chinesesimplified'",
                 "OK   uninstall entry removed",
                 "OK       its database still holds ['A001', 'A002', 'B001']"):
        assert line in out, line
    assert out.count("OK   branch data in C:\\ProgramData\\BranchDesk kept") == 2  # after the upgrade and the uninstall
    shutil.rmtree(ROOT / "build" / "wincheck-test", ignore_errors=True)  # the Wine prefix: about 1 GB
