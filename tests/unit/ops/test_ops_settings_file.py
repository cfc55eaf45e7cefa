"""The machine settings file: hand edits with a wrong value are refused with
one sentence naming the key; what is written reads back the same."""

from __future__ import annotations

import pytest

from app.ops import settings_file as sf


def test_written_settings_read_back_identically():
    values = sf.defaults()
    values.update({"database.url": "postgresql://branch:pw@10.1.2.3:5432/branchdesk", "ui.language": "en",
                   "ui.screen_role": "lobby", "ui.lobby_monitor": 1, "sync.enabled": True,
                   "sync.hq_url": "postgresql://hq.example.cn/hq", "backup.folder": 'D:\\备份\\"x"'})
    assert sf.parse(sf.dumps(values)) == values


def test_missing_keys_take_their_defaults():
    values = sf.parse('[ui]\nlanguage = "en"\n')
    assert values["ui.language"] == "en"
    assert values["database.url"] == "" and values["backup.keep"] == 14


@pytest.mark.parametrize("text, key", [
    ('[database]\nurl = "mysql://x"\n', "database.url"),
    ('[database]\nurl = 5\n', "database.url"),
    ('[ui]\nlanguage = "fr"\n', "ui.language"),
    ('[ui]\nlobby_monitor = -1\n', "ui.lobby_monitor"),
    ('[logging]\nlevel = "LOUD"\n', "logging.level"),
    ('[sync]\nenabled = "yes"\n', "sync.enabled"),
    ('[backup]\nkeep = 0\n', "backup.keep"),
    ('[ui]\ncolour = "red"\n', "ui.colour"),
])
def test_a_wrong_value_names_its_key_in_one_sentence(text, key):
    with pytest.raises(sf.SettingsFileError) as err:
        sf.parse(text)
    msg = err.value.message
    assert msg.startswith(f"settings.toml: key '{key}' ")
    assert msg.endswith(".") and "\n" not in msg


def test_database_url_message_is_the_documented_sentence():
    with pytest.raises(sf.SettingsFileError) as err:
        sf.parse('[database]\nurl = "not a url"\n')
    assert err.value.message.startswith("settings.toml: key 'database.url' is not a valid database address")


def test_broken_toml_is_one_sentence():
    with pytest.raises(sf.SettingsFileError) as err:
        sf.parse("[database\nurl = 1")
    assert err.value.message.startswith("settings.toml: the file is not valid TOML")


def test_load_of_a_missing_file_gives_defaults_and_save_is_atomic(tmp_path):
    path = tmp_path / "cfg" / "settings.toml"
    assert sf.load(path) == sf.defaults()
    values = {**sf.defaults(), "ui.language": "en"}
    sf.save(values, path)
    assert sf.load(path)["ui.language"] == "en"
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]  # no temporary file left


def test_save_refuses_an_invalid_value_and_keeps_the_old_file(tmp_path):
    path = tmp_path / "settings.toml"
    sf.save(sf.defaults(), path)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(sf.SettingsFileError):
        sf.save({**sf.defaults(), "sync.interval_min": 0}, path)
    assert path.read_text(encoding="utf-8") == before


def test_the_pcs_screen_role_and_monitor_apply_to_run_unless_flags_say_otherwise():
    import argparse

    from app.ops.startup import apply_screen_settings

    values = {**sf.defaults(), "ui.screen_role": "lobby", "ui.lobby_monitor": 2, "ui.language": "en"}
    args = argparse.Namespace(open=None, lobby=False, screen=None, language=None)
    apply_screen_settings(args, values)
    assert (args.lobby, args.screen, args.language) == (True, 2, "en")
    args = argparse.Namespace(open="teller", lobby=False, screen=0, language="zh_CN")
    apply_screen_settings(args, {**values, "ui.screen_role": "greeter"})
    assert (args.open, args.lobby, args.screen, args.language) == ("teller", False, 0, "zh_CN")
