"""Which folders hold the branch data: the install marker beside the
executable (or $BRANCHDESK_MACHINE_FILE) makes them the machine's."""

from __future__ import annotations

from pathlib import Path

import pytest

import app.paths as paths
from app.paths import MachineFolderError, folders, read_marker


@pytest.fixture(autouse=True)
def no_marker(monkeypatch):
    monkeypatch.delenv("BRANCHDESK_MACHINE_FILE", raising=False)


def test_without_a_marker_a_run_keeps_this_accounts_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    f = folders()
    assert not f.per_machine and f.marker is None
    assert f.database == tmp_path / "share" / "BranchDesk" / "branchdesk.sqlite3"


def test_an_empty_marker_means_the_linux_package_folders(tmp_path):
    marker = tmp_path / "branchdesk-machine.ini"
    marker.write_text("; written by the installer\n", encoding="utf-8")
    f = read_marker(marker)
    assert f.per_machine and f.marker == marker
    assert (f.data, f.config, f.logs, f.group) == (Path("/var/lib/branchdesk"), Path("/etc/branchdesk"),
                                                   Path("/var/lib/branchdesk/logs"), "branchdesk")
    assert f.database == Path("/var/lib/branchdesk/branchdesk.sqlite3")


def test_on_windows_everything_goes_to_programdata(monkeypatch):
    monkeypatch.setenv("PROGRAMDATA", r"D:\ProgramData")
    d = paths.machine_defaults(windows=True)
    assert d["data"] == d["config"] == r"D:\ProgramData\BranchDesk"
    assert (d["logs"], d["group"]) == (r"D:\ProgramData\BranchDesk\logs", "BranchDesk")


def test_the_marker_may_name_other_folders_and_the_env_names_a_marker(tmp_path, monkeypatch):
    marker = tmp_path / "m.ini"
    marker.write_text(f"[machine]\ndata = {tmp_path / 'data'}\nconfig = {tmp_path / 'etc'}\ngroup = staff\n",
                      encoding="utf-8")
    monkeypatch.setenv("BRANCHDESK_MACHINE_FILE", str(marker))
    f = folders()
    assert (f.per_machine, f.data, f.config, f.group) == (True, tmp_path / "data", tmp_path / "etc", "staff")


@pytest.mark.parametrize("text,expected", [
    ("[machine]\ndata = relative/folder\n", "'data' must be a full path"),
    ("[machine\n", "cannot be read"),
])
def test_a_broken_marker_is_one_sentence(tmp_path, text, expected):
    marker = tmp_path / "branchdesk-machine.ini"
    marker.write_text(text, encoding="utf-8")
    with pytest.raises(MachineFolderError) as err:
        read_marker(marker)
    assert expected in err.value.message and str(marker) in err.value.message


def test_a_marker_named_but_missing_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("BRANCHDESK_MACHINE_FILE", str(tmp_path / "nowhere.ini"))
    with pytest.raises(MachineFolderError, match="does not exist"):
        folders()
