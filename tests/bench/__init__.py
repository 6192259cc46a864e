"""Benchmarks of the event backbone (`make bench`): each figure beside a raw baseline of the same run."""
