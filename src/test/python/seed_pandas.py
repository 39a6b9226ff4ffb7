#!/usr/bin/env python3
"""The reference Journey Explorer replaces, as the seed wrote it: pandas reads an event CSV, sorts it, and walks the
rows with ``iterrows`` to cut sessions (a new one when the gap is strictly over 30 minutes, as DuckDB's peer and
our ``sessions`` do) and count event -> next-event transitions with START and END.

    python3 src/test/python/seed_pandas.py FILE.csv     # FILE in the peer's format: user_id,timestamp,event_type,...

Prints the read, the in-memory analysis pass (sort + walk) and the total, in wall and CPU seconds of this process
(on a shared machine the CPU figures are the steadier ones), and the session count, which must equal
``sessions --json`` of the same file. Issue 16 target 6 compares these with our three CLI calls (end to
end) and with the engine's in-memory pass (``engine`` benchmark).
"""
import sys
import time
from collections import Counter

import pandas as pd

GAP_SECONDS = 30 * 60


def main(path):
    t0, c0 = time.perf_counter(), time.process_time()
    df = pd.read_csv(path, usecols=["user_id", "timestamp", "event_type"])
    df["ts"] = pd.to_datetime(df["timestamp"], utc=True)
    t1, c1 = time.perf_counter(), time.process_time()
    df = df.sort_values(["user_id", "ts"], kind="stable")
    counts = Counter()
    sessions = 0
    prev_user = prev_ts = prev_type = None
    for _, row in df.iterrows():
        user, ts, etype = row["user_id"], row["ts"], row["event_type"]
        if user != prev_user or (ts - prev_ts).total_seconds() > GAP_SECONDS:
            if prev_type is not None:
                counts[(prev_type, "END")] += 1
            sessions += 1
            counts[("START", etype)] += 1
        else:
            counts[(prev_type, etype)] += 1
        prev_user, prev_ts, prev_type = user, ts, etype
    if prev_type is not None:
        counts[(prev_type, "END")] += 1
    t2, c2 = time.perf_counter(), time.process_time()
    print(f"RESULT seed-pandas rows={len(df)} sessions={sessions} pairs={len(counts)} "
          f"wall: read={t1 - t0:.2f}s pass={t2 - t1:.2f}s total={t2 - t0:.2f}s; "
          f"cpu: read={c1 - c0:.2f}s pass={c2 - c1:.2f}s total={c2 - c0:.2f}s")


if __name__ == "__main__":
    main(sys.argv[1])
