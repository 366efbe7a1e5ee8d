"""The mixed load, run as a second process: threads on loopback, a bounded number of requests.

Reads a JSON job on stdin ({host, port, threads, requests, urls: [[path, cookies], …]}) and prints
a JSON result (requests, errors, seconds, p95_ms).
"""

import json
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.client import Browser
from bench.stats import percentile


def run(job: dict) -> dict:
    urls = job["urls"]
    total, threads = job["requests"], job["threads"]
    lock, times, errors, counter = threading.Lock(), [], [0], [0]

    def worker():
        while True:
            with lock:
                if counter[0] >= total:
                    return
                index = counter[0]
                counter[0] += 1
            path, cookies = urls[index % len(urls)]
            browser = Browser(job["host"], job["port"], cookies)
            started = time.perf_counter()
            try:
                ok = browser.get(path).status == 200
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                times.append(elapsed)
                errors[0] += 0 if ok else 1

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - started
    return {"requests": len(times), "errors": errors[0], "seconds": seconds,
            "p95_ms": percentile(times, 95) if times else 0.0}  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(run(json.load(sys.stdin))))
