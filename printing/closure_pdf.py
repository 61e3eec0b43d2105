"""The closure report as an A4 PDF (reportlab platypus, reportlab.graphics charts).

A one-page summary first (headline numbers, the cash count, signature lines, the fingerprint),
then one section per subject with its tables and charts. Chinese throughout, in an embedded
TrueType font (printing/fonts.py finds it). The numbers come from desk.closure.queries as they
are (a Z closure's are frozen): this module formats, it never computes a total of its own.
Render it off the GUI thread (it takes a few hundred milliseconds).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desk.closure.queries import ClosureReport
from desk.platform.errors import DeskError
from printing import closure_words as w
from printing.fonts import chinese_font_path

FONT = "DeskCJK"
BAR = colors.HexColor("#1f5fbf")  # the charts' bars (tests look for this colour)
GRID = colors.HexColor("#b0b7c3")
HEAD = colors.HexColor("#e8edf5")
WIDTH = A4[0] - 30 * mm


@lru_cache(maxsize=1)
def font_name() -> str:
    """Register the Chinese font once (embedded as a subset in every PDF)."""
    path = chinese_font_path()
    if path is None:
        raise DeskError("closure.pdf_failed", reason="no Chinese font found (DESK_PRINT_FONT)")
    pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=0))
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    f = font_name()
    return {
        "title": ParagraphStyle("title", fontName=f, fontSize=17, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=f, fontSize=12, leading=16, spaceBefore=8,
                             spaceAfter=4, textColor=colors.HexColor("#13315c")),
        "body": ParagraphStyle("body", fontName=f, fontSize=9, leading=12),
        "small": ParagraphStyle("small", fontName=f, fontSize=7.5, leading=10,
                                textColor=colors.HexColor("#444444")),
    }


def _table(rows: Sequence[Sequence[Any]], widths: Sequence[float], *, header: bool = True,
           align_right_from: int = 1) -> Table:
    table = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=1 if header else 0)
    style = [("FONTNAME", (0, 0), (-1, -1), font_name()), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("ALIGN", (align_right_from, 0), (-1, -1), "RIGHT"),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEAD))
    table.setStyle(TableStyle(style))
    return table


def _bar_chart(labels: list[str], values: list[float], *, horizontal: bool = False,
               title: str = "") -> Drawing:
    height = max(120.0, 18.0 * len(labels) + 40) if horizontal else 170.0
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (90, 20) if horizontal else (40, 35)
    chart.width = WIDTH - (120 if horizontal else 60)
    chart.height = height - (40 if horizontal else 60)
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = labels or ["—"]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = BAR
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([*values, 1]) * 1.15
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font_name()
        axis.labels.fontSize = 7
    if not horizontal and len(labels) > 8:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.dy = -8
    drawing.add(chart)
    if title:
        drawing.add(String(0, height - 12, title, fontName=font_name(), fontSize=8))
    return drawing


# --- the summary page ----------------------------------------------------------------------------

def _title(report: ClosureReport, copy: bool) -> str:
    kind = f"日结报告 Z{report.z_number}" if report.closed else "X 报告（当日截至目前，未日结）"
    return kind + ("　副本 COPY" if copy else "")


def _header_rows(report: ClosureReport, printed_at: str) -> list[list[str]]:
    n, h, names = report.numbers, report.header, dict(report.staff_names or {})
    scope = f"柜台 {h.counter_name}" if h.device_id else "全店"
    rows = [["门店", f"{h.name}（{h.store_id}）", "范围", scope],
            ["营业日", n["business_date"], "时段", f"{n['window'][0][11:16]} 至次日 "
             f"{n['window'][1][11:16]}（{n['timezone']}）"],
            ["打印时间", printed_at, "地址", h.address or "—"]]
    if report.closed:
        rows.append(["日结时间", report.closed_at, "日结人", w.person(report.closed_by, names)])
    return rows


def _headline_rows(n: dict[str, Any]) -> list[list[str]]:
    r, c, rep = n["returns"], n["compensations"], n["repairs"]
    pairs = [("退货笔数", str(r["count"])), ("退款合计", w.yuan(r["refund_fen"])),
             ("其中现金退款", w.yuan(r["cash_fen"])), ("补偿笔数", str(c["count"])),
             ("补偿合计", w.yuan(c["fen"])), ("待总部审批", str(len(n["pending"]))),
             ("特批（越权）", str(len(n["overrides"]))), ("维修受理", str(rep["opened"])),
             ("维修结案", str(rep.get("closed", 0))),
             ("维修在修", str(rep["open"])), ("维修超期", str(rep["overdue"])),
             ("豁免检查", str(rep.get("checks_waived", 0))),
             ("缺少签名", str(len(n["signatures_missing"]))),
             ("重打小票", str(n["prints"]["reprints"])),
             ("打印失败", str(n["prints"]["failures"])), ("未决冲突", str(n["conflicts_open"])),
             ("未同步事件", str(n["unsynced_events"])),
             ("迟到事件", str(len(n["late_arrivals"])))]
    rows = [["项目", "数值", "项目", "数值"]]
    half = (len(pairs) + 1) // 2
    for left, right in zip(pairs[:half], [*pairs[half:], ("", "")], strict=False):
        rows.append([*left, *right])
    return rows


def _cash_rows(report: ClosureReport) -> list[list[str]]:
    cash, names = report.numbers["cash"], dict(report.staff_names or {})
    rows = [["现金", "金额"], ["备用金", w.yuan(cash["opening_float_fen"])],
            ["减：现金退款", w.yuan(cash["cash_refunds_fen"])],
            ["减：现金补偿", w.yuan(cash["cash_compensations_fen"])],
            ["加：维修现金收款", w.yuan(cash["cash_repair_payments_fen"])],
            ["应有现金", w.yuan(cash["expected_fen"])]]
    if cash.get("counted"):
        rows += [["实点现金", w.yuan(cash["counted_fen"])],
                 ["差额（实点 − 应有）", w.yuan(cash["variance_fen"])],
                 ["复点人", w.person(cash.get("second_counter", ""), names)],
                 ["差额说明", cash.get("note") or "—"]]
    else:
        rows.append(["实点现金", "未清点（X 报告）"])
    return rows


def _signature_block() -> Table:
    rows = [["店长签名：", "", "复点人签名：", ""], ["日期：", "", "日期：", ""]]
    table = Table(rows, colWidths=[25 * mm, 60 * mm, 27 * mm, 60 * mm],
                  rowHeights=[14 * mm, 8 * mm])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font_name()),
                               ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LINEBELOW", (1, 0), (1, 1), 0.6, colors.black),
                               ("LINEBELOW", (3, 0), (3, 1), 0.6, colors.black)]))
    return table


def _summary(report: ClosureReport, copy: bool, printed_at: str,
             s: dict[str, ParagraphStyle]) -> list[Any]:
    col = WIDTH / 4
    story: list[Any] = [Paragraph(_title(report, copy), s["title"]),
                        _table(_header_rows(report, printed_at), [20 * mm, col * 2 - 20 * mm,
                                                                  16 * mm, col * 2 - 16 * mm],
                               header=False, align_right_from=9),
                        Paragraph("摘要", s["h2"]),
                        _table(_headline_rows(report.numbers), [col] * 4),
                        Paragraph("现金清点", s["h2"]),
                        _table(_cash_rows(report), [WIDTH * 0.5, WIDTH * 0.5])]
    if report.confirm_unsynced:
        story.append(Paragraph("日结时仍有未同步事件或未决冲突：已确认后日结。", s["small"]))
    story += [Spacer(1, 4 * mm), Paragraph(f"报告指纹 SHA-256：{report.fingerprint}", s["small"]),
              Spacer(1, 6 * mm), _signature_block()]
    return story


# --- the sections ------------------------------------------------------------------------------

def _money_table(rows: list[dict[str, Any]], key: str, label: str, name: Any) -> Table:
    body = [[label, "笔数", "金额"]]
    body += [[name(r[key]), str(r["count"]), w.yuan(r["fen"])] for r in rows]
    body.append(["合计", str(sum(r["count"] for r in rows)), w.yuan(sum(r["fen"] for r in rows))])
    return _table(body, [WIDTH * 0.5, WIDTH * 0.2, WIDTH * 0.3])


def _none(s: dict[str, ParagraphStyle]) -> Paragraph:
    return Paragraph("无", s["body"])


def _returns_sections(n: dict[str, Any], names: dict[str, str],
                      s: dict[str, ParagraphStyle]) -> list[Any]:
    r = n["returns"]
    hours = r["by_hour"]
    story: list[Any] = [Paragraph("一、退款按小时", s["h2"]),
                        _bar_chart([w.hour(h["hour"])[:5] for h in hours],
                                   [h["fen"] / 100 for h in hours], title="退款金额（元）"),
                        _money_table(hours, "hour", "时段", w.hour),
                        Paragraph("二、退款按支付方式", s["h2"])]
    tenders = r["by_tender"]
    story += [_bar_chart([w.tender(t["tender"]) for t in tenders],
                         [t["fen"] / 100 for t in tenders], horizontal=True,
                         title="退款金额（元）"),
              _money_table(tenders, "tender", "退款方式", w.tender),
              Paragraph("三、退款按品类", s["h2"]),
              _money_table(r["by_category"], "category", "品类", w.category),
              Paragraph("四、退款按原因", s["h2"])]
    reasons = r["by_reason"]
    story += [_bar_chart([w.reason(x["reason"])[:12] for x in reasons],
                         [x["fen"] / 100 for x in reasons], horizontal=True,
                         title="退款金额（元）"),
              _money_table(reasons, "reason", "原因", w.reason),
              Paragraph("五、退款按员工", s["h2"]),
              _money_table(r["by_staff"], "staff", "员工", lambda i: w.person(i, names))]
    return story


def _cases_sections(n: dict[str, Any], names: dict[str, str],
                    s: dict[str, ParagraphStyle]) -> list[Any]:
    c = n["compensations"]
    story: list[Any] = [Paragraph("六、补偿按规则", s["h2"]),
                        _money_table(c["by_rule"], "rule", "规则", w.rule),
                        Paragraph("补偿按审批人", s["h2"]),
                        _money_table(c["by_approver"], "approver", "审批人",
                                     lambda i: w.person(i, names)),
                        Paragraph("七、特批（越权）", s["h2"])]
    if n["overrides"]:
        rows = [["时间", "退货单", "特批内容", "理由", "审批人", "金额"]]
        rows += [[o["at"][11:16], o["return_id"], "、".join(w.override(k) for k in o["kinds"]),
                  Paragraph(o["reason"] or "—", s["body"]), w.person(o["approved_by"], names),
                  w.yuan(o["fen"])] for o in n["overrides"]]
        story.append(_table(rows, [14 * mm, 38 * mm, 32 * mm, 40 * mm, 30 * mm, 26 * mm],
                            align_right_from=5))
    else:
        story.append(_none(s))
    story.append(Paragraph("八、待总部审批（不计入退款合计）", s["h2"]))
    if n["pending"]:
        rows = [["时间", "案件", "类型", "金额"]]
        rows += [[p["at"][11:16], p["case"], w.KINDS.get(p["kind"], "案件"), w.yuan(p["fen"])]
                 for p in n["pending"]]
        story.append(_table(rows, [20 * mm, 70 * mm, 40 * mm, WIDTH - 130 * mm],
                            align_right_from=3))
    else:
        story.append(_none(s))
    return story


def _repairs_sections(n: dict[str, Any], names: dict[str, str],
                      s: dict[str, ParagraphStyle]) -> list[Any]:
    rep = n["repairs"]
    steps = rep["by_step"]
    # a closure frozen before the repairs' closing numbers existed has none of the .get keys
    story: list[Any] = [Paragraph("九、维修", s["h2"]),
                        _table([["受理", "结案", "其中归档", "其中未修退回", "在修", "超期"],
                                [str(rep["opened"]), str(rep.get("closed", 0)),
                                 str(rep.get("closed_archived", 0)),
                                 str(rep.get("closed_returned", 0)), str(rep["open"]),
                                 str(rep["overdue"])]],
                               [WIDTH / 6] * 6, align_right_from=0),
                        Paragraph("在修维修单按步骤", s["body"]),
                        _bar_chart([w.step(x["step"]) for x in steps],
                                   [float(x["count"]) for x in steps], title="维修单数"),
                        _table([["步骤", "维修单数"]] + [[w.step(x["step"]), str(x["count"])]
                                                         for x in steps],
                               [WIDTH * 0.6, WIDTH * 0.4])]
    # a closure frozen before repairs took payments has no repair_payments: nothing was taken
    paid = n.get("repair_payments") or {"by_tender": [], "fen": 0, "pickups": 0}
    story += [Paragraph(f"维修收款按支付方式（取件 {paid['pickups']} 笔，合计 "
                        f"{w.yuan(paid['fen'])}）", s["body"]),
              _money_table(paid["by_tender"], "tender", "支付方式", w.tender)]
    if rep["overdue_codes"]:
        story.append(Paragraph("超期维修单：" + "、".join(rep["overdue_codes"]), s["body"]))
    if rep.get("closed_codes"):
        story.append(Paragraph("结案维修单：" + "、".join(rep["closed_codes"]), s["body"]))
    breaches = rep.get("breaches_by_level")
    if breaches is not None:
        story += [Paragraph("服务时限违约（在修且已过承诺日期）按服务级别", s["body"]),
                  _table([["服务级别", "违约单数"]]
                         + [[w.service_level(b["level"]), str(b["count"])] for b in breaches]
                         + [["合计", str(sum(b["count"] for b in breaches))]],
                         [WIDTH * 0.6, WIDTH * 0.4])]
    story.append(Paragraph("豁免检查（店长批准）", s["body"]))
    waivers = rep.get("waivers", [])
    if waivers:
        rows = [["时间", "维修单", "步骤", "检查项", "批准店长", "原因"]]
        rows += [[x["at"][11:16], x["ticket"], w.step(x["step"]),
                  Paragraph(x["check"] or "—", s["body"]), w.person(x["approved_by"], names),
                  w.waiver_reason(x["reason"])] for x in waivers]
        story.append(_table(rows, [14 * mm, 28 * mm, 16 * mm, 52 * mm, 42 * mm, 28 * mm],
                            align_right_from=9))
    else:
        story.append(_none(s))
    return story


def _other_sections(n: dict[str, Any], s: dict[str, ParagraphStyle]) -> list[Any]:
    story: list[Any] = [Paragraph("十、缺少必需签名的单据", s["h2"])]
    story.append(Paragraph("、".join(n["signatures_missing"]), s["body"])
                 if n["signatures_missing"] else _none(s))
    pr = n["prints"]
    story += [Paragraph("十一、打印、冲突与同步", s["h2"]),
              _table([["打印任务", "重打", "打印失败", "未决冲突", "未同步事件"],
                      [str(pr["jobs"]), str(pr["reprints"]), str(pr["failures"]),
                       str(n["conflicts_open"]), str(n["unsynced_events"])]],
                     [WIDTH / 5] * 5, align_right_from=0),
              Paragraph("十二、迟到事件（已日结营业日的事件，日结后才到达本柜台）", s["h2"])]
    late = n["late_arrivals"]
    if late:
        rows = [["序号", "原始时间", "营业日", "类型", "单号", "柜台", "金额"]]
        rows += [[str(a["n"]), a["at"].replace("T", " "), a["business_date"],
                  w.KINDS.get(a["kind"], "事件"), a["ref"], a["device"][-6:], w.yuan(a["fen"])]
                 for a in late]
        story.append(_table(rows, [11 * mm, 33 * mm, 22 * mm, 16 * mm, 40 * mm, 18 * mm,
                                   WIDTH - 140 * mm], align_right_from=6))
    else:
        story.append(_none(s))
    return story



def _count_section(report: ClosureReport, s: dict[str, ParagraphStyle]) -> list[Any]:
    cash = report.numbers["cash"]
    story: list[Any] = [Paragraph("十三、现金清点明细（盲点：先点数，后显示应有现金）", s["h2"])]
    if not cash.get("counted"):
        return [*story, Paragraph("未清点（X 报告）", s["body"])]
    rows = [["面额", "张/枚", "金额"]]
    rows += [[w.denomination(p["denomination_fen"]), str(p["count"]),
              w.yuan(p["denomination_fen"] * p["count"])] for p in cash["pieces"]]
    rows.append(["实点合计", "", w.yuan(cash["counted_fen"])])
    return [*story, _table(rows, [WIDTH * 0.4, WIDTH * 0.25, WIDTH * 0.35]),
            Spacer(1, 8 * mm), KeepTogether([_signature_block()])]


# --- the document ------------------------------------------------------------------------------

def _page_decorator(report: ClosureReport, copy: bool) -> Any:
    def decorate(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font_name(), 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        left = f"{report.header.name}　营业日 {report.numbers['business_date']}　{report.title}"
        canvas.drawString(15 * mm, 10 * mm, left)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"第 {doc.page} 页")
        canvas.drawString(15 * mm, 6 * mm, f"指纹 {report.fingerprint}")
        if copy:
            canvas.setFont(font_name(), 40)
            canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.18))
            canvas.translate(A4[0] / 2, A4[1] / 2)
            canvas.rotate(35)
            canvas.drawCentredString(0, 0, "副本 COPY")
        canvas.restoreState()

    return decorate


def render(report: ClosureReport, *, printed_at: str, copy: bool = False) -> bytes:
    """The PDF's bytes. `copy`: a reprint, marked 副本 COPY on every page."""
    s = _styles()
    names = dict(report.staff_names or {})
    n = report.numbers
    story = _summary(report, copy, printed_at, s)
    story += [PageBreak(), *_returns_sections(n, names, s), *_cases_sections(n, names, s),
              *_repairs_sections(n, names, s), *_other_sections(n, s), *_count_section(report, s)]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm, bottomMargin=16 * mm,
                            title=_title(report, copy), author=report.header.name,
                            subject=f"fingerprint {report.fingerprint}")
    decorate = _page_decorator(report, copy)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return out.getvalue()


def write(report: ClosureReport, path: str, *, printed_at: str, copy: bool = False) -> int:
    """Render and save; returns the size in bytes."""
    data = render(report, printed_at=printed_at, copy=copy)
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as err:
        raise DeskError("closure.pdf_failed", reason=str(err)) from None
    return len(data)
