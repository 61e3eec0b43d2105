"""The PDF's numbers against an independent sum over the journal (pdftotext), its Chinese font
(pdffonts), its charts (pdftoppm), the COPY mark, and the thermal summary's fingerprint."""

from __future__ import annotations

import re
import subprocess

import pytest
from PIL import Image

from desk.closure import queries
from desk.platform.money import format_yuan as yuan
from printing.closure_pdf import BAR
from printing.closure_print import save_pdf, thermal_document
from printing.closure_words import hour, tender, waiver_reason
from tests.closure.day import DAY, at, expected, other_counter, pull, ret
from tests.closure.pdftext import shows, text_of
from tests.closure.signing import close
from tests.returns.seed import MANAGER

PRINTED = "2026-11-21 09:00"


@pytest.fixture
def closed_day(day, db, tmp_path):
    """The 20th closed (Z1); then a return counter 2 made offline on the 20th arrives."""
    at(day, "2026-11-21T09:00:00")
    other, other_bus = other_counter(db)
    close(day, DAY, note="差额已登记")
    counted = expected(db)  # the journal's sum when the day was closed
    at(other_bus, "2026-11-20T12:00:00")
    late = ret(other_bus, "R1", (1, 1), reason="质量问题")
    pull(db, other)
    other.dispose()
    return late, counted


def test_every_number_of_the_closed_day_matches_the_journal(closed_day, db, tmp_path):
    path = tmp_path / "z1.pdf"
    info = save_pdf(db, DAY, None, path, printed_at=PRINTED)
    text = text_of(path)
    _late, want = closed_day
    assert expected(db) != want  # the late return is in the journal now, and in the day's hours
    assert info["closed"] and info["z_number"] == 1
    assert "日结报告 Z1" in text and info["fingerprint"] in text.replace("\n", "")
    assert shows(text, "退货笔数", str(want["returns"]))
    assert shows(text, "退款合计", yuan(want["refund"]))
    assert shows(text, "补偿笔数", str(want["compensations"]))
    assert shows(text, "补偿合计", yuan(want["compensation"]))
    assert shows(text, "待总部审批", str(want["pending"]))
    assert shows(text, "特批（越权）", str(want["overrides"]))
    assert shows(text, "维修受理", str(want["tickets_opened"]))
    assert shows(text, "迟到事件", "0")
    assert shows(text, "维修结案", str(want["tickets_closed"]))
    assert shows(text, "豁免检查", str(want["checks_waived"]))
    # one row per waiver: time, ticket, step, check, the manager, the reason in words
    rows = re.findall(rf"\d\d:\d\d (T\d) (\S+) (?:.*? )?\S*（{MANAGER}） (\S+)", text)
    assert sorted((t, r) for t, _step, r in rows) == sorted(
        (ticket, waiver_reason(reason)) for ticket, _check, _by, reason in want["waivers"])
    assert ("T1", "登记", "顾客拒绝") in rows
    assert shows(text, "重大", "1") and shows(text, "简单", "0")
    for name, fen in want["by_hour"].items():
        assert shows(text, hour(name), yuan(fen)), hour(name)
    assert hour(12) not in text  # the late return's hour: not counted in the closure
    for key, fen in want["by_tender"].items():
        assert shows(text, tender(key), yuan(fen)), key
    for reason, fen in want["by_reason"].items():
        assert shows(text, reason or "未填写", yuan(fen)), reason
    # the cash: float - cash refunds - cash compensations + repair payments (0)
    expected_cash = 300000 - want["cash_refunds"] - want["compensation"]
    assert shows(text, "应有现金", yuan(expected_cash))
    assert shows(text, "实点现金", yuan(35500))
    assert shows(text, "差额（实点 − 应有）", yuan(35500 - expected_cash))
    assert re.search(r"第\s*1\s*页", text) and re.search(r"第\s*2\s*页", text)
    assert "店长签名" in text and "复点人签名" in text


def test_the_next_report_lists_the_late_arrival_with_its_original_time(closed_day, db,
                                                                      tmp_path):
    path = tmp_path / "x.pdf"
    save_pdf(db, "2026-11-21", None, path, printed_at=PRINTED)
    text = text_of(path)
    assert "X 报告" in text and shows(text, "迟到事件", "1")
    row = re.search(r"1 2026-11-20 12:00:00 2026-11-20 退货 (\S+) \S+ (\S+)", text)
    late, _ = closed_day
    assert row is not None and row.group(1) == late["return_id"]
    assert row.group(2) == yuan(late["refund_fen"])


def test_the_pdf_embeds_a_chinese_font_and_draws_its_charts(day, db, tmp_path):
    path = tmp_path / "x.pdf"
    save_pdf(db, DAY, None, path, printed_at=PRINTED)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout
    assert any("WenQuanYi" in line and " yes yes " in line for line in fonts.splitlines()), fonts
    assert "营业日" in text_of(path)  # the glyphs map back to Chinese text
    subprocess.run(["pdftoppm", "-r", "40", "-f", "2", "-l", "2", "-png", str(path),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("RGB")
    top = image.crop((0, 0, image.width, image.height // 3))  # the refunds-by-hour chart
    bar = tuple(int(c * 255) for c in BAR.rgb())
    colours = top.getcolors(maxcolors=top.width * top.height) or []
    near = sum(n for n, px in colours if all(abs(a - b) < 30 for a, b in zip(px, bar, strict=True)))
    assert near > 500, near


def test_a_reprint_is_marked_copy_and_keeps_the_fingerprint(closed_day, db, tmp_path):
    path = tmp_path / "copy.pdf"
    info = save_pdf(db, DAY, None, path, printed_at=PRINTED, copy=True)
    text = text_of(path)
    assert "副本 COPY" in text and info["fingerprint"] in text.replace("\n", "")


def test_the_thermal_summary_carries_the_same_fingerprint(closed_day, db):
    with db.engine.connect() as conn:
        report = queries.report(conn, DAY)
    doc = thermal_document(report, PRINTED)
    lines = [getattr(b, "text", "") for b in doc.blocks]
    assert report.fingerprint[:32] in lines and report.fingerprint[32:] in lines
    _late, want = closed_day
    pairs = {getattr(b, "left", ""): getattr(b, "right", "") for b in doc.blocks}
    assert pairs["维修结案"] == str(want["tickets_closed"])
    assert pairs["豁免检查"] == str(want["checks_waived"])
    assert pairs["维修违约"] == "重大 1"
    assert thermal_document(report, PRINTED, copy=True).copy


def test_an_empty_day_renders(store, db, tmp_path):
    path = tmp_path / "empty.pdf"
    save_pdf(db, "2026-10-01", None, path, printed_at=PRINTED)
    text = text_of(path)
    assert shows(text, "退货笔数", "0") and shows(text, "应有现金", yuan(0))
