"""The closure PDF benchmark runs (quick: 200 transactions) and reports against its budget."""

from __future__ import annotations

from desk.bench import BenchContext
from printing.bench_closure import bench


def test_the_closure_pdf_bench_runs(tmp_path):
    (row,) = bench(BenchContext(home=tmp_path, quick=True))
    assert row.budget == 1.0 and row.unit == "s" and row.value > 0
    assert "200 transactions" in row.name and "196 returns" in row.detail


def test_the_gui_stall_bench_renders_through_the_page(qapp, tmp_path):
    from ui.bench.closure_stall import bench as stall_bench

    (row,) = stall_bench(BenchContext(home=tmp_path, quick=True))
    assert row.budget == 50.0 and row.unit == "ms" and row.value > 0 and row.ok
    assert "200 transactions" in row.detail
