"""`desk bench --quick` is part of the suite: it builds the small demo, runs the replay and return
benchmarks and fails when a budget that holds at any size is missed."""

from __future__ import annotations

import json

from desk.bench import BenchRow
from desk.cli.bench_cmd import passed
from desk.cli.main import main


def test_quick_bench_passes_its_size_free_budgets_and_fails_an_impossible_one(tmp_path):
    out = tmp_path / "bench.json"
    args = ["bench", "--quick", "--only", "replay", "--json", str(out)]
    assert main(args) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    checked = {r["name"]: r for r in rows if r["ok"] is not None}
    assert checked and all(r["ok"] for r in checked.values())
    assert checked["projection tables differing after a rebuild"]["value"] == 0
    # the same run with a ratio no code can reach: the guard must fail it
    assert main([*args, "--budget", "db rebuild ÷ bare=0.001"]) == 1
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert [r["ok"] for r in rows if r["name"].startswith("db rebuild ÷")] == [False]


def test_a_quick_run_checks_only_size_free_rows():
    slow = BenchRow("rate", 10.0, "events/s", 20_000.0, at_least=True)
    ratio = BenchRow("ratio", 12.0, "×", 10.0, any_size=True)
    assert slow.ok is False and slow.verdict(quick=True) is None
    assert not passed([slow], quick=False) and passed([slow], quick=True)
    assert not passed([ratio], quick=True)
    assert BenchRow("nothing measured", float("nan"), "ms", 5.0).ok is False


def test_a_benchmark_that_raises_fails_the_run_and_keeps_the_others(monkeypatch, capsys):
    from desk.cli import bench_cmd

    def fine(_ctx):
        return [BenchRow("fine", 1.0, "ms", 5.0, any_size=True)]

    def broken(_ctx):
        raise RuntimeError("the bench's own set-up broke")

    monkeypatch.setattr(bench_cmd, "all_benches", lambda: [("a.fine", fine), ("b.broken", broken)])
    rows = bench_cmd.run_benches(None, None)  # type: ignore[arg-type]
    assert [r.name for r in rows] == ["fine", "b.broken ran to the end"]
    assert rows[1].ok is False and "the bench's own set-up broke" in rows[1].detail
    assert not passed(rows, quick=True)
