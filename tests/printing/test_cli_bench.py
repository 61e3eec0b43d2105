"""`desk print sample --out` writes the bytes and a PNG; the benchmark rows hold the byte budget."""

from __future__ import annotations

import json

from PIL import Image as PILImage

from desk.bench import BenchContext
from desk.cli.main import main
from printing.bench import bench
from printing.decode import decode


def test_print_sample_to_a_file_with_preview(tmp_path, capsys):
    out = tmp_path / "slip.bin"
    assert main(["print", "sample", "intake_slip", "--profile", "58mm-cn", "--out", str(out),
                 "--copy"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["bytes"] == out.stat().st_size
    paper = decode(out.read_bytes())
    assert "** 副本 COPY **" in paper.texts[0]
    assert [q.data for q in paper.qr_codes] == ["https://service.example-store.cn/t/T2611200007"]
    png = PILImage.open(summary["png"])
    assert png.width > 384 and png.height > 600


def test_unknown_profile_and_bad_output_are_clear_errors(tmp_path, capsys):
    assert main(["print", "sample", "quote", "--profile", "nope", "--out",
                 str(tmp_path / "x")]) == 2
    assert "printer.unknown_profile" in capsys.readouterr().err
    assert main(["print", "sample", "quote", "--out", str(tmp_path / "no" / "dir" / "x")]) == 2
    assert "--out" in capsys.readouterr().err


def test_bench_rows_and_the_intake_slip_budget(tmp_path):
    rows = bench(BenchContext(home=tmp_path, quick=True))
    budget = rows[0]
    assert budget.name == "intake slip with native QR, no signature"
    assert budget.ok and budget.value <= 1500
    names = {r.name for r in rows}
    for kind in ("return_receipt", "intake_slip", "quote", "completion", "closure"):
        assert f"print {kind} (80mm-cn-qr-cut) at 9600 baud" in names
        assert f"print {kind} (80mm-cn-qr-cut) at 115200 baud" in names


def test_print_sample_to_a_serial_printer_on_a_pty(capsys):
    from tests.printing.fakeprinter import FakePrinter

    with FakePrinter() as printer:
        assert main(["print", "sample", "intake_slip", "--profile", "58mm-cn", "--port",
                     printer.port, "--baud", "115200"]) == 0
        summary = json.loads(capsys.readouterr().out)
        data = printer.wait_for(summary["bytes"])
        assert printer.queries  # it asked the printer first (DLE EOT)
    paper = decode(data)
    assert [q.data for q in paper.qr_codes] == ["https://service.example-store.cn/t/T2611200007"]
    assert all(line.width <= 32 for line in paper.lines)
    assert summary["status"] == "ready"


def test_print_sample_refuses_clearly(capsys):
    from tests.printing.fakeprinter import FakePrinter

    assert main(["print", "sample", "quote", "--port", "/dev/ttyDOES-NOT-EXIST"]) == 2
    assert "/dev/ttyDOES-NOT-EXIST" in capsys.readouterr().err
    with FakePrinter() as printer:
        printer.paper_out = True
        assert main(["print", "sample", "quote", "--port", printer.port]) == 2
        assert "paper" in capsys.readouterr().err
