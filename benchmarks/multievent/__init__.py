"""Multi-event benchmark with ground truth: a corpus generator (:mod:`.generate`) and a scorer
(:mod:`.score`) for factcheck JSON reports. See ``benchmarks/bench_events.py`` for the driver."""
