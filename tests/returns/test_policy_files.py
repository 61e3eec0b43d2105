"""Policy files: loaded, validated, refused with file, line and reason; the previous policies
stay in force when a reload fails; the version in force follows each rule's date basis."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from desk.platform.paths import resources_dir
from desk.policies import PolicyError, PolicyHolder, load_directory, parse_document

SHIPPED = resources_dir() / "policies"
TEXT = (SHIPPED / "store-2026.2.toml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), start=1) if needle in ln)


def refused(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as err:
        parse_document(text, "bad.toml")
    assert err.value.code == "policy.invalid"
    assert err.value.params["file"] == "bad.toml"
    return err.value


def test_an_amount_with_three_decimals_is_refused_at_its_line():
    text = TEXT.replace('clerk_refund = "2000"', 'clerk_refund = "2000.005"')
    err = refused(text)
    assert err.line == line_of(text, "clerk_refund =")
    assert "2 decimals" in err.reason


def test_a_float_amount_is_refused():
    text = TEXT.replace('minimum = "500"', "minimum = 500.0")
    err = refused(text)
    assert err.line == line_of(text, "minimum = 500.0")
    assert "as text" in err.reason


def test_a_toml_syntax_error_names_its_line():
    text = TEXT.replace('return_days = 7\nopened_ok = true                  # by taste',
                        'return_days = = 7\nopened_ok = true  # by taste')
    err = refused(text)
    assert err.line == line_of(text, "return_days = = 7")
    assert "TOML" in err.reason


def test_an_unknown_key_in_the_third_return_rule_is_refused_at_its_line():
    text = TEXT.replace("exchange_days = 15", "exchange_days = 15\nexchange_dayz = 20")
    err = refused(text)
    assert err.line == line_of(text, "exchange_dayz")
    assert "exchange_dayz" in err.reason


def test_a_wrong_date_basis_and_a_missing_section():
    text = TEXT.replace('id = "comp.quality"\nkind = "quality"\ndate_basis = "return"',
                        'id = "comp.quality"\nkind = "quality"\ndate_basis = "today"')
    err = refused(text)
    assert err.line == line_of(text, 'date_basis = "today"')
    start = TEXT.index("[authority]")
    end = TEXT.index("# --- compensation")
    err = refused(TEXT[:start] + TEXT[end:])
    assert "[authority]" in err.reason


def test_a_category_kind_with_two_rules_and_two_defaults():
    text = TEXT.replace('kinds = ["general"]', 'kinds = ["general", "clothing"]')
    err = refused(text)
    assert "clothing" in err.reason and err.line == line_of(text, '"general", "clothing"')
    text = TEXT.replace('kinds = ["fresh_food"]', 'kinds = ["fresh_food"]\ndefault = true')
    assert "default" in refused(text).reason


def test_a_negative_window_and_limits_out_of_order():
    assert "0 or more" in refused(TEXT.replace("return_days = 45", "return_days = -1")).reason
    err = refused(TEXT.replace('manager_limit = "10000"', 'manager_limit = "100"'))
    assert "manager_limit" in err.reason


def test_two_files_with_the_same_version_are_refused(tmp_path):
    shutil.copy(SHIPPED / "store-2026.2.toml", tmp_path / "a.toml")
    shutil.copy(SHIPPED / "store-2026.2.toml", tmp_path / "b.toml")
    with pytest.raises(PolicyError) as err:
        load_directory(tmp_path)
    assert "2026.2" in err.value.reason


def test_a_failed_reload_keeps_the_previous_policies(tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    for f in SHIPPED.glob("*.toml"):
        shutil.copy(f, folder / f.name)
    holder = PolicyHolder([folder])
    before = holder.current()
    assert before.versions == ["2025.1", "2026.2"]
    broken = TEXT.replace('version = "2026.2"', 'version = "2027.1"').replace(
        "effective_from = 2026-09-01", "effective_from = 2027-01-01").replace(
        'per_day = "20"', 'per_day = "20.001"')
    (folder / "store-2027.1.toml").write_text(broken, encoding="utf-8")
    err = holder.reload()
    assert err is not None
    assert Path(err.file).name == "store-2027.1.toml"
    assert err.line == line_of(broken, "per_day =")
    assert holder.current() is before
    assert holder.last_error is err
    (folder / "store-2027.1.toml").write_text(broken.replace('"20.001"', '"30"'),
                                              encoding="utf-8")
    assert holder.reload() is None
    assert holder.current().versions == ["2025.1", "2026.2", "2027.1"]
    assert holder.current().at(date(2027, 3, 1)).version == "2027.1"


def test_each_rule_uses_the_version_of_its_date_basis():
    policies = load_directory(SHIPPED)
    bought, returned = date(2026, 8, 20), date(2026, 9, 5)
    window = policies.return_rule("clothing", bought, returned)
    assert (window.version, window["return_days"]) == ("2025.1", 30)  # purchase
    late = policies.compensation_rule("late_repair", bought, returned)
    assert (late.version, late["per_day"]) == ("2026.2", 2000)  # return
    early = policies.return_rule("clothing", date(2024, 1, 1), date(2024, 1, 5))
    assert early.version == "2025.1"  # before the first version: the first one
