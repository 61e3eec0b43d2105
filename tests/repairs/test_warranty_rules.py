"""The warranty rules (pure, desk/repairs/warranty.py) and the policy's warranty section: the
three 三包 windows at their boundaries, lifetime repair, the same-fault repeat, and properties
(Hypothesis) that hold for any windows and any history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.platform.paths import resources_dir
from desk.policies import PolicyError, parse_document
from desk.repairs.warranty import FAULT_KINDS, PastRepair, Terms, period_words, verdict

APPLIANCE = Terms(return_days=7, exchange_days=15, repair_days=365, rule="r", version="v")
JACKET = Terms(45, 0, 0, lifetime=True, lifetime_faults=("seam", "button"))
BOUGHT = date(2026, 1, 1)
TEXT = (resources_dir() / "policies" / "store-2026.2.toml").read_text(encoding="utf-8")


def on_day(day: int, terms: Terms = APPLIANCE, fault: str = "no_heat", history=()):
    return verdict(terms, BOUGHT, BOUGHT + timedelta(days=day), fault, history)


@pytest.mark.parametrize(("day", "kind"), [(0, "return"), (7, "return"), (8, "exchange"),
                                           (15, "exchange"), (16, "repair"), (365, "repair"),
                                           (366, "expired")])
def test_the_windows_at_their_boundaries(day, kind):
    v = on_day(day)
    assert v.kind == kind and v.day == day
    assert v.free_reason == ("" if kind == "expired" else "warranty")


def test_the_words():
    assert on_day(40).zh == "三包期内：免费维修（购买后第 40 天，三包 1 年）"
    assert on_day(3).zh.startswith("三包期内：可退货、换货或免费维修（购买后第 3 天，7 天内可退")
    assert on_day(400).zh == "已过三包期：收费维修（购买后第 400 天，三包 1 年）"
    assert on_day(400).en.startswith("Past the statutory warranty")
    assert period_words(90) == ("90 天", "90-day")


def test_lifetime_covers_only_the_faults_it_names():
    assert on_day(1000, JACKET, "seam").free_reason == "lifetime"
    assert on_day(1000, JACKET, "zipper").free_reason == ""
    assert on_day(1000, Terms(0, 0, 0, lifetime=True), "zipper").free_reason == "lifetime"
    # a category with no repair warranty is never "within 三包", not even on the purchase day
    assert on_day(0, JACKET, "zipper").kind == "expired"


def test_no_purchase_is_a_paid_repair():
    v = verdict(APPLIANCE, None, BOUGHT, "no_heat")
    assert v.kind == "no_purchase" and not v.free and not v.offer


def repair(code, fault="no_heat", day=10, repaired=True):
    return PastRepair(code, fault, BOUGHT + timedelta(days=day), repaired)


def test_the_repeat_offer():
    assert on_day(100, history=[repair("T1")]).offer
    assert not on_day(100, history=[repair("T1", repaired=False)]).offer  # not repaired
    assert not on_day(100, history=[repair("T1", fault="leak")]).offer  # another fault
    assert not on_day(100, fault="other", history=[repair("T1", fault="other")]).offer
    assert not on_day(100, history=[repair("T1", day=-30)]).offer  # before this purchase
    assert not on_day(366, history=[repair("T1")]).offer  # past the window
    two = Terms(7, 15, 365, repeat_offer_after=2)
    assert not on_day(100, two, history=[repair("T1")]).offer
    assert on_day(100, two, history=[repair("T1"), repair("T2", day=50)]).offer


# the machine is shared: a slow first draw is load, not a strategy generating too much
settings.register_profile("warranty", suppress_health_check=[HealthCheck.too_slow],
                          deadline=None)
shared = settings(settings.get_profile("warranty"))
windows = st.builds(lambda r, e, w: Terms(r, max(r, e), max(r, e, w) if w else 0),
                    st.integers(0, 60), st.integers(0, 60), st.integers(0, 800))
days = st.integers(0, 2000)
histories = st.lists(st.builds(repair, st.text("T0123456789", min_size=2, max_size=4),
                               st.sampled_from(sorted(FAULT_KINDS)), st.integers(-100, 1500),
                               st.booleans()), max_size=6)


@shared
@given(windows, days)
def test_free_exactly_inside_the_repair_window(terms, day):
    assert on_day(day, terms).free == (terms.repair_days > 0 and day <= terms.repair_days)


@shared
@given(windows, days)
def test_return_and_exchange_only_inside_their_windows(terms, day):
    kind = on_day(day, terms).kind
    if kind == "return":
        assert day <= terms.return_days
    if kind == "exchange":
        assert terms.return_days < day <= terms.exchange_days


@shared
@given(windows, st.integers(0, 1999))
def test_the_window_only_closes_as_days_pass(terms, day):
    """Free on a day means free on every earlier day (no window reopens)."""
    if on_day(day + 1, terms).free:
        assert on_day(day, terms).free


@shared
@given(windows, days, histories, st.sampled_from(sorted(FAULT_KINDS)))
def test_a_repair_never_resets_the_window(terms, day, history, fault):
    """Earlier tickets change only the offer, never what the repair costs or the day counted."""
    with_history, without = on_day(day, terms, fault, history), on_day(day, terms, fault)
    assert (with_history.kind, with_history.free_reason, with_history.day) == (
        without.kind, without.free_reason, without.day)
    assert with_history.offer <= with_history.free  # an offer only within 三包


# --- the policy's warranty section ------------------------------------------------------------

def refused(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as err:
        parse_document(text, "bad.toml")
    return err.value


def test_the_shipped_terms():
    doc = parse_document(TEXT, "store-2026.2.toml")
    rule = doc.rules[doc.warranty_by_kind["appliance"]]
    assert rule["repair_days"] == 365 and rule["repeat_offer_after"] == 1
    assert doc.rules[doc.warranty_by_kind["down_jacket"]]["lifetime_faults"] == ["seam", "button"]


def test_an_unknown_fault_kind_is_refused_at_its_line():
    text = TEXT.replace('lifetime_faults = ["seam", "button"]', 'lifetime_faults = ["seams"]')
    err = refused(text)
    assert "seams" in err.reason and 'lifetime_faults = ["seams"]' in text.splitlines()[
        err.line - 1]


def test_a_repair_warranty_shorter_than_the_exchange_window_is_refused():
    err = refused(TEXT.replace("repair_days = 365                 # 三包", "repair_days = 10 #"))
    assert "shorter than the 15-day exchange window" in err.reason


def test_lifetime_faults_without_lifetime_and_a_rule_that_gives_nothing_are_refused():
    assert "needs lifetime = true" in refused(TEXT.replace(
        'repair_days = 365                 # 三包: the whole unit, 1 year',
        'repair_days = 365\nlifetime_faults = ["leak"]')).reason
    assert "repair_days above 0 or lifetime" in refused(TEXT.replace(
        "repair_days = 365                 # 三包", "repair_days = 0 #")).reason
    assert "already has warranty rule" in refused(TEXT.replace(
        'kinds = ["down_jacket"]', 'kinds = ["down_jacket", "appliance"]')).reason


def test_a_version_without_the_section_is_still_a_policy():
    start = TEXT.index("[[warranty]]")
    end = TEXT.index("# --- a return without the paper receipt")
    doc = parse_document(TEXT[:start] + TEXT[end:], "old.toml")
    assert doc.warranty_by_kind == {}
