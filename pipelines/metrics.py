"""Beam counters of a run, for the end-of-run report (Dataflow shows the same counters in its UI)."""

from __future__ import annotations

from apache_beam.metrics.metric import MetricsFilter


def counter_report(result) -> str:
    """One line per wirelake counter: ``namespace/name  value``, sorted."""
    try:
        counters = result.metrics().query(MetricsFilter())["counters"]
    except (AttributeError, KeyError, NotImplementedError):
        return "(this runner reports no metrics)"
    totals: dict[str, int] = {}
    for counter in counters:
        name = f"{counter.key.metric.namespace}/{counter.key.metric.name}"
        value = counter.committed if counter.committed is not None else counter.attempted
        totals[name] = totals.get(name, 0) + (value or 0)
    if not totals:
        return "(no counters)"
    width = max(map(len, totals))
    return "\n".join(f"  {name:<{width}}  {value}" for name, value in sorted(totals.items()))
