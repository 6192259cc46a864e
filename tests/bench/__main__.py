"""`make bench`: backbone figures beside raw baselines measured in the same run, on this machine."""
from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import uvloop

from tests.bench import consume, latency, relay
from tests.bench.workload import messages
from tests.support import infrastructure, produce

EVENTS = int(os.environ.get("BENCH_EVENTS", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
LATENCY_SAMPLES = int(os.environ.get("BENCH_LATENCY_SAMPLES", "1000"))


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown cpu")
    return f"{os.cpu_count()} vCPU {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


async def fill_topic(bootstrap: str) -> None:
    batch = messages(EVENTS)
    for start in range(0, EVENTS, 10_000):
        await produce(bootstrap, batch[start:start + 10_000])


def median_of(rounds: list[float]) -> float:
    return statistics.median(rounds)


def main() -> int:
    uvloop.install()  # services run on uvloop under uvicorn; the baselines get the same loop
    results: dict = {"machine": machine(), "events": EVENTS, "rounds": ROUNDS}
    print(f"machine: {results['machine']}\nevents: {EVENTS}, rounds: {ROUNDS} (medians reported)\n", flush=True)
    with infrastructure() as infra:
        db, kafka = infra.database_url, infra.kafka_bootstrap_servers
        asyncio.run(fill_topic(kafka))
        raw, runtime = [], []
        for _ in range(ROUNDS):
            raw.append(asyncio.run(consume.raw_pipeline(db, kafka, EVENTS)))
            runtime.append(asyncio.run(consume.runtime_pipeline(db, kafka, EVENTS)))
        results["consume"] = _compare("consume → Postgres (inbox + effect + outbox row)", raw, runtime)

        raw, runtime = [], []
        for _ in range(ROUNDS):
            raw.append(asyncio.run(relay.raw_relay(db, kafka, EVENTS)))
            runtime.append(asyncio.run(relay.runtime_relay(db, kafka, EVENTS)))
        results["relay"] = _compare("outbox relay → Kafka (acks=all)", raw, runtime)

        lat = asyncio.run(latency.commit_to_effect(db, kafka, LATENCY_SAMPLES))
        results["latency"] = lat
        print(f"commit → effect latency over {lat['samples']} events: p50 {lat['p50_ms']:.1f} ms, "
              f"p99 {lat['p99_ms']:.1f} ms, max {lat['max_ms']:.1f} ms (aim: p99 < 50 ms)")
    out = Path("bench-results")
    out.mkdir(exist_ok=True)
    path = out / f"backbone-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"\nresults written to {path}")
    return 0


def _compare(title: str, baseline: list[float], runtime: list[float]) -> dict:
    base, ours = median_of(baseline), median_of(runtime)
    ratio = ours / base
    print(f"{title}\n  raw baseline   {base:>9,.0f} events/s   rounds {', '.join(f'{r:,.0f}' for r in baseline)}\n"
          f"  shared runtime {ours:>9,.0f} events/s   rounds {', '.join(f'{r:,.0f}' for r in runtime)}\n"
          f"  ratio {ratio:.2f}x (aim: at least 0.6x)\n", flush=True)
    return {"baseline_per_s": base, "runtime_per_s": ours, "ratio": ratio,
            "baseline_rounds": baseline, "runtime_rounds": runtime}


if __name__ == "__main__":
    sys.exit(main())
