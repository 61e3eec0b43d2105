"""`desk import sales`: a POS export imported all or nothing, every bad row with its line."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from desk.capabilities import REGISTRY
from desk.catalog.commands import DefineCategory, RegisterCustomer, RegisterProduct
from desk.cli.main import main
from desk.platform import tables as t
from desk.platform.errors import DeskError
from desk.platform.journal import verify
from desk.platform.projections import rebuild
from desk.sales import tables as sales_t
from desk.sales.commands import RecordSale, SaleLine, Tender
from desk.sales.importing import import_sales_file, parse_sales_csv
from desk.staff.commands import RegisterStaff
from tests.support.staff import ADMIN

HEADER = ("receipt_no,sold_at,sku,qty,unit_price,line_discount,serial,is_gift,gift_value,"
          "customer_id,phone,tenders,promotions,points_earned\n")
GOOD = HEADER + (
    "R261120010001,2026-11-20 10:15:00,P100001,1,349.00,,SNABCDEFGH12,,,C0000001,,"
    "wechat_pay:300.00;cash:38.80,full_reduction:满300减50:50.00,338\n"
    "R261120010001,,P100002,2,19.90,,,,,,,,,\n"
    "R261120010001,,P100003,1,0,,,1,59.00,,,,,\n"
    "R261120010002,2026-11-20T11:00:00,P100002,3,19.00,1.00,,,,,13800138000,"
    "alipay:56.00:2026112022001,,\n"
)


@pytest.fixture
def shop(bus):
    bus.dispatch(DefineCategory("A01", "厨房电器", "appliance"), ADMIN)
    bus.dispatch(DefineCategory("F01", "新鲜水果", "fresh_food"), ADMIN)
    bus.dispatch(DefineCategory("G01", "赠品", "general"), ADMIN)
    bus.dispatch(RegisterProduct("P100001", "佳厨空气炸锅 4.5L", "A01", 34900), ADMIN)
    bus.dispatch(RegisterProduct("P100002", "红富士苹果 1.5kg装", "F01", 1990), ADMIN)
    bus.dispatch(RegisterProduct("P100003", "定制保温杯", "G01", 5900), ADMIN)
    bus.dispatch(RegisterCustomer("C0000001", "张三", "13912345678", "M12345678"), ADMIN)
    bus.dispatch(RegisterCustomer("C0000002", "李四", "13800138000"), ADMIN)
    bus.dispatch(RegisterStaff("1001", "张丽", "clerk", "1111"), ADMIN)
    return bus


def counts(bus) -> tuple[int, int, int]:
    with bus.db.engine.connect() as conn:
        return tuple(int(conn.execute(select(func.count()).select_from(tb)).scalar_one())
                     for tb in (t.journal, sales_t.receipts, sales_t.receipt_lines))


def problems_by_line(summary) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for p in summary["problems"]:
        out.setdefault(p["line"], []).append(p["code"])
    return out


def test_happy_path_imports_every_receipt(shop):
    summary = import_sales_file(shop, GOOD.encode(), ADMIN)
    assert summary["ok"] and summary["imported"] == 2 and summary["rows"] == 4
    assert summary["lines"] == 4 and summary["bad_rows"] == 0
    assert summary["paid_fen"] == 33880 + 5600
    with shop.db.engine.connect() as conn:
        r1 = conn.execute(
            select(sales_t.receipts).where(sales_t.receipts.c.receipt_no == "R261120010001")
        ).one()
        r2 = conn.execute(
            select(sales_t.receipts).where(sales_t.receipts.c.receipt_no == "R261120010002")
        ).one()
        lines = conn.execute(
            select(sales_t.receipt_lines).order_by(
                sales_t.receipt_lines.c.receipt_no, sales_t.receipt_lines.c.line_no
            )
        ).all()
        tenders = conn.execute(select(sales_t.receipt_tenders)).all()
        promos = conn.execute(select(sales_t.receipt_promotions)).all()
    assert (r1.sold_at, r1.customer_id, r1.points_earned, r1.paid_fen, r1.discount_fen) == (
        "2026-11-20T10:15:00",
        "C0000001",
        338,
        33880,
        5000,
    )
    assert r2.customer_id == "C0000002"  # found by phone
    assert [(ln.sku, ln.qty, ln.serial, ln.is_gift, ln.gift_value_fen) for ln in lines[:3]] == [
        ("P100001", 1, "SNABCDEFGH12", False, 0),
        ("P100002", 2, "", False, 0),
        ("P100003", 1, "", True, 5900),
    ]
    assert lines[0].name == "佳厨空气炸锅 4.5L"
    assert lines[3].line_discount_fen == 100
    assert sorted((td.tender, td.amount_fen, td.reference) for td in tenders) == [
        ("alipay", 5600, "2026112022001"),
        ("cash", 3880, ""),
        ("wechat_pay", 30000, ""),
    ]
    assert [(p.kind, p.description, p.amount_fen) for p in promos] == [
        ("full_reduction", "满300减50", 5000)
    ]
    with shop.db.engine.begin() as conn:
        assert verify(conn).ok
        before = sorted(conn.execute(select(sales_t.receipt_lines)).all())
        rebuild(conn, REGISTRY)
        assert sorted(conn.execute(select(sales_t.receipt_lines)).all()) == before


def test_bom_and_crlf_are_accepted(shop):
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode()
    summary = import_sales_file(shop, data, ADMIN)
    assert summary["ok"] and summary["imported"] == 2


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(shop):
    shop.dispatch(
        RecordSale(
            receipt_no="R261119010009",
            sold_at="2026-11-19T09:00:00",
            lines=[SaleLine("P100002", 1, 1990)],
            tenders=[Tender("cash", 1990)],
        ),
        ADMIN,
    )
    before = counts(shop)
    data = HEADER + (
        "R261120010011,2026-11-20 10:00:00,P100002,1,19.905,,,,,,,cash:19.90,,\n"  # 2
        "R261120010012,2026-11-20 10:01:00,P999999,1,19.90,,,,,,,cash:19.90,,\n"  # 3
        "R261120010013,2026-11-20 10:02:00,P100002,1,19.90,,,,,,,cash:20.00,,\n"  # 4
        "R261119010009,2026-11-19 09:00:00,P100002,1,19.90,,,,,,,cash:19.90,,\n"  # 5
        "R261120010015,2026-11-31 10:04:00,P100002,1,19.90,,,,,,,cash:19.90,,\n"  # 6
        "R261120010016,2026-11-20 10:05:00,P100002,1,19.90,,,,,,,cash:19.90,,\n"  # 7
        "R261120010016,,P100001,1,349.00,,,,,,,,,\n"  # 8
        "R261120010017,2026-11-20 10:06:00,P100002,1,19.90,,,,,,,cash:19.90,,\n"  # 9
        "R261120010016,,P100002,1,19.90,,,,,,,,,\n"  # 10
        "R261120010018,2026-11-20 10:07:00,P100002,0,19.90,,,,,,,cash:0.00,,\n"  # 11
        "R261120010019,2026-11-20 10:08:00,P100002,1,19.90,,,,,C9999999,,cash:19.90,,\n"  # 12
        "R261120010020,2026-11-20 10:09:00,P100002,1,19.90,,,,,,,bitcoin:19.90,,\n"  # 13
    )
    summary = import_sales_file(shop, data.encode(), ADMIN)
    assert not summary["ok"] and summary["imported"] == 0
    found = problems_by_line(summary)
    assert found == {
        2: ["import.bad_value"],  # 19.905: three decimals
        3: ["product.unknown"],  # unknown sku
        4: ["receipt.tenders_mismatch"],  # 20.00 tendered for 19.90
        5: ["receipt.exists"],  # already in the database
        6: ["import.bad_value"],  # 31 November
        7: ["receipt.tenders_mismatch"],  # line 8 added 349.00; the tenders (line 7) did not
        10: ["import.receipt_split"],  # the same receipt again after another one
        11: ["import.bad_value"],  # quantity 0
        12: ["customer.unknown"],
        13: ["receipt.tender_unknown"],
    }
    assert summary["bad_rows"] == len(found)
    assert counts(shop) == before
    by_line = {p["line"]: p for p in summary["problems"]}
    assert by_line[2]["column"] == "unit_price" and "19.905" in by_line[2]["message"]
    assert by_line[3]["column"] == "sku" and "P999999" in by_line[3]["message"]
    assert by_line[6]["column"] == "sold_at"


def test_bad_rows_reported_at_exact_lines(shop):
    data = HEADER + (
        "R261120010011,2026-11-20 10:00:00,P100002,1,19.905,,,,,,,cash:19.90,,\n"  # 2
        "R261120010012,2026-11-20 10:01:00,P999999,1,19.90,,,,,,,cash:19.90,,\n"  # 3
        "R261120010013,2026-11-20 10:02:00,P100002,1,19.90,,,,,,,cash:20.00,,\n"  # 4
        "R261120010014,2026-11-20 10:03:00,P100002,1,19.90,,,,,,,cash:19.90,,\n"  # 5 good
        "R261120010015,2026-11-31 10:04:00,P100002,1,19.90,,,,,,,cash:19.90,,\n"  # 6
        "\n"  # 7 blank
        "R261120010016,2026-11-20 10:05:00,P100002,1,19.90,,,,,,,cash:39.80,,\n"  # 8 good
        "R261120010016,,P100002,1,19.90,,,,,,,,,\n"  # 9 good
        "R261120010016,,P100001,x,349.00,,,,,,,,,\n"  # 10
        "R261120010017,2026-11-20 10:06:00,P100002,1,19.90,,,,,C9999999,,cash:19.90,,\n"  # 11
        "R261120010018,2026-11-20 10:07:00,P100002,1,19.90,,,,,,,bitcoin:19.90,,\n"  # 12
        "R261120010014,2026-11-20 10:03:00,P100002,1,19.90,,,,,,,cash:19.90,,\n"  # 13 split
        "R261120010019,2026-11-20 10:08:00,P100002,1,19.90,,,,,,13700000000,cash:19.90,,\n"  # 14
        "R261120010020,2026-11-20 10:09:00,P100002,1,19.90,,,,,,,cash:19.90,,\n"  # 15 good
        "R261120010020,2026-11-20 10:10:00,P100002,1,19.90,,,,,,,,,\n"  # 16 conflict
    )
    before = counts(shop)
    summary = import_sales_file(shop, data.encode(), ADMIN)
    assert problems_by_line(summary) == {
        2: ["import.bad_value"],
        3: ["product.unknown"],
        4: ["receipt.tenders_mismatch"],
        6: ["import.bad_value"],
        10: ["import.bad_value"],
        11: ["customer.unknown"],
        12: ["receipt.tender_unknown"],
        13: ["import.receipt_split"],
        14: ["import.phone_unknown"],
        16: ["import.receipt_conflict"],
    }
    assert summary["bad_rows"] == 10 and summary["imported"] == 0 and summary["rows"] == 14
    assert counts(shop) == before


def test_duplicate_receipt_already_imported(shop):
    assert import_sales_file(shop, GOOD.encode(), ADMIN)["ok"]
    before = counts(shop)
    again = import_sales_file(shop, GOOD.encode(), ADMIN)
    assert problems_by_line(again) == {2: ["receipt.exists"], 5: ["receipt.exists"]}
    assert counts(shop) == before


def test_missing_column_is_reported_on_the_header_line(shop):
    data = GOOD.replace("tenders,", "", 1).encode()
    summary = import_sales_file(shop, data, ADMIN)
    assert summary["problems"] == [
        {"line": 1, "code": "import.bad_header", "message": "missing column(s): tenders"}
    ]
    unknown = import_sales_file(shop, GOOD.replace("serial", "serail", 1).encode(), ADMIN)
    assert unknown["problems"][0]["line"] == 1
    assert unknown["problems"][0]["code"] == "import.unknown_columns"


def test_non_utf8_file_names_the_line_of_the_first_bad_byte(shop):
    gbk_row = (
        "R261120010003,2026-11-20 12:00:00,P100002,1,19.90,,,,,,,cash:18.90,"
        "full_reduction:满10减1:1.00,\n"
    ).encode("gbk")  # exported in GBK: line 6
    summary = import_sales_file(shop, GOOD.encode() + gbk_row, ADMIN)
    assert summary["problems"] == [
        {
            "line": 6,
            "code": "import.not_utf8",
            "message": "the file is not UTF-8 text (first bad byte on line 6)",
        }
    ]
    assert summary["imported"] == 0 and counts(shop)[1] == 0


def test_wrong_field_count_and_empty_file(shop):
    summary = import_sales_file(
        shop, (HEADER + "R261120010001,2026-11-20 10:00:00\n").encode(), ADMIN
    )
    assert problems_by_line(summary) == {2: ["import.bad_value"]}
    assert import_sales_file(shop, b"", ADMIN)["problems"][0]["code"] == "import.empty"


def test_check_only_validates_and_records_nothing(shop):
    before = counts(shop)
    summary = import_sales_file(shop, GOOD.encode(), ADMIN, check_only=True)
    assert summary["ok"] and summary["imported"] == 0 and summary["checked_only"]
    assert counts(shop) == before


def test_only_managers_and_admins_import(shop):
    with pytest.raises(DeskError) as err:
        import_sales_file(shop, GOOD.encode(), "1001")
    assert err.value.code == "auth.forbidden"


def test_parse_reads_receipt_level_fields_from_the_first_row():
    parsed = parse_sales_csv(GOOD.encode())
    assert not parsed.problems and parsed.rows == 4
    first = parsed.sales[0]
    assert first.rows == [2, 3, 4] and first.first_line == 2
    assert [td.tender for td in first.sale.tenders] == ["wechat_pay", "cash"]


def test_cli_exit_status_and_json(tmp_path, capsys):
    home = str(tmp_path / "home")
    assert main(["--home", home, "demo", "--seed", "2"]) == 0
    capsys.readouterr()
    good = tmp_path / "good.csv"
    good.write_text(
        HEADER + "R261120090001,2026-11-20 10:15:00,P100043,2,19.00,,,,,,,wechat_pay:38.00,,\n",
        encoding="utf-8",
    )
    code = main(["--home", home, "import", "sales", str(good), "--as", "3001"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["ok"] and out["imported"] == 1
    code = main(["--home", home, "import", "sales", str(good), "--as", "3001"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and out["problems"][0]["line"] == 2
    assert out["problems"][0]["code"] == "receipt.exists"
    assert (
        main(["--home", home, "import", "sales", str(tmp_path / "nope.csv"), "--as", "3001"]) == 2
    )
