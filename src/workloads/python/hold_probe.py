# concur-tui's GIL hold probe: how long a thread keeps the GIL at a switch interval, read from
# inside the interpreter (verify's hold cases), to the microsecond, where the engine's 1 ms
# sampler cannot resolve a hold shorter than its period. Standard library only; runs unchanged on
# CPython 3 and PyPy 3 (interpreters with a switch interval).
#
# Two threads run the tutorial's loop in strides of a few microseconds and read the clock after
# each stride. A thread that finds more than GAP_NS between two readings did not run in between;
# what it ran without such a gap is one stretch. The engine merges both threads' stretches into
# holds (hold-probe.ts): a hold lasts until the other thread ran, so a gap where the OS preempted
# the holder without a hand-off does not split a hold.
#
#   python hold_probe.py SWITCH_INTERVAL_US DURATION_US
# prints one JSON line: {"strideNs": ..., "stretches": [[thread, start_ns, end_ns], ...]}

from __future__ import print_function

import json
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import count, monotonic_ns  # noqa: E402 -- the path is set just above

# A stride takes about STRIDE_NS; a gap above GAP_NS is time the thread did not run (a hold of the
# other thread lasts at least a tick of PyPy's ticker, ~0.3 ms at a 1 ms interval).
STRIDE_NS = 5000
GAP_NS = 25000
WARM_UP_ITERATIONS = 2000000


def stride_iterations():
    count(WARM_UP_ITERATIONS)  # on PyPy, the JIT compiles the loop first
    start = monotonic_ns()
    count(WARM_UP_ITERATIONS)
    ns_per_iteration = max(0.01, (monotonic_ns() - start) / float(WARM_UP_ITERATIONS))
    return max(1, int(STRIDE_NS / ns_per_iteration))


def stretches_of(thread, stride, deadline, out):
    found = []
    now = monotonic_ns()
    start = last = now
    while now < deadline:
        count(stride)
        now = monotonic_ns()
        if now - last > GAP_NS:
            found.append([thread, start, last])
            start = now
        last = now
    found.append([thread, start, last])
    out.extend(found)  # one call: list.extend holds the GIL throughout


def main():
    switch_interval_us, duration_us = int(sys.argv[1]), int(sys.argv[2])
    sys.setswitchinterval(switch_interval_us / 1e6)
    stride = stride_iterations()
    out = []
    deadline = monotonic_ns() + duration_us * 1000
    threads = [threading.Thread(target=stretches_of, args=(i, stride, deadline, out)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({'strideNs': STRIDE_NS, 'stretches': out}))


if __name__ == '__main__':
    main()
