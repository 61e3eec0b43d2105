"""The shipped checklist files load; a bad file is refused with its file, line and reason."""

from __future__ import annotations

from datetime import date

import pytest

from desk.platform.paths import resources_dir
from desk.repairs.checklists import ChecklistError, in_force, load_folder, parse_checklist
from desk.repairs.rules import CHECKLIST_STEPS, EVIDENCE, KINDS

FOLDER = resources_dir() / "checklists"
GOOD = (FOLDER / "appliance-2026.1.toml").read_text(encoding="utf-8")


def test_every_kind_has_nine_steps_of_three_checks():
    found = load_folder(FOLDER)
    assert sorted(c.kind for c in found) == sorted(KINDS)
    for checklist in found:
        assert tuple(s.key for s in checklist.steps) == CHECKLIST_STEPS
        assert all(len(s.checks) == 3 for s in checklist.steps)
        assert {c.evidence for s in checklist.steps for c in s.checks} == set(EVIDENCE)
    assert in_force(found, "clothing", date(2026, 11, 20)).version == "2026.1"
    assert in_force(found, "clothing", date(2025, 1, 1)) is None


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(needle)]
    return lines[nth]


def refusal(text: str) -> ChecklistError:
    with pytest.raises(ChecklistError) as err:
        parse_checklist(text, "bad.toml")
    assert err.value.code == "checklist.invalid" and err.value.file == "bad.toml"
    return err.value


def test_eight_steps_are_refused():
    cut = GOOD.rsplit("[[step]]", 1)[0]
    err = refusal(cut)
    assert "exactly 9 steps, this one has 8" in err.reason
    assert err.line == line_of(cut, "[[step]]", 7)


def test_two_checks_in_a_step_are_refused():
    head, tail = GOOD.split('key = "cleaning"', 1)
    tail = tail.replace('[[step.check]]\nid = "parts_counted"', '[[x]]\nid = "parts_counted"', 1)
    text = head + 'key = "cleaning"' + tail.replace("[[x]]", "", 1).replace(
        'id = "parts_counted"\nzh = "清点零件与螺丝"\nen = "Parts and screws counted"\n'
        'evidence = "tick"\nwho = "technician"\n', "", 1)
    err = refusal(text)
    assert err.reason == "step 5 (cleaning) needs exactly 3 checks, it has 2"
    assert err.line == line_of(text, "[[step]]", 4)


def test_an_unknown_evidence_type_is_refused_at_its_line():
    text = GOOD.replace('evidence = "photo"', 'evidence = "video"', 1)
    err = refusal(text)
    assert "evidence 'video' is not one of" in err.reason
    assert err.line == line_of(text, 'evidence = "video"')


def test_a_value_without_unit_or_range_is_refused():
    text = GOOD.replace('unit = "V"\n', "", 1)
    assert "needs a unit" in refusal(text).reason
    text = GOOD.replace("max = 240\n", "", 1)
    err = refusal(text)
    assert "needs a number 'max'" in err.reason
    assert err.line == line_of(text, 'id = "test_value"') - 1  # the check's header


def test_not_toml_and_unknown_keys():
    assert refusal("[checklist\n").line == 1
    text = GOOD.replace('who = "clerk"', 'who = "clerk"\ncolour = "red"', 1)
    err = refusal(text)
    assert err.reason == "unknown key 'colour' in a check" and err.line == line_of(text, "colour")


def test_every_checklist_is_named_in_both_languages():
    for checklist in load_folder(FOLDER):
        assert checklist.title and checklist.title_en and checklist.title_en.isascii()
        assert checklist.to_dict()["title_en"] == checklist.title_en


def test_a_name_in_one_language_only_is_refused_at_its_line():
    no_english = GOOD.replace('title_en = "Appliance repair checklist"\n', "")
    err = refusal(no_english)
    assert "title_en" in err.reason and err.line == line_of(no_english, "[checklist]")
    no_chinese = GOOD.replace('title = "家电维修检查单"\n', "")
    err = refusal(no_chinese)
    assert "'title'" in err.reason and err.line == line_of(no_chinese, "[checklist]")
    err = refusal(GOOD.replace('title_en = "Appliance repair checklist"', "title_en = 3"))
    assert err.line == line_of(GOOD, "title_en")


def test_a_ticket_pinned_before_the_english_name_still_reads():
    from desk.repairs.rules import Checklist

    body = parse_checklist(GOOD, "good.toml").to_dict()
    del body["title_en"]
    assert Checklist.from_dict(body).title_en == ""
