"""Benchmarks (`make bench`). Each bench_<name>.py has main(); results go to bench/results/."""
