"""Core benchmarks (`desk bench`): each module has bench(ctx) -> list[BenchRow]."""
