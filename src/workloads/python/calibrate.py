# concur-tui's calibration of a Python interpreter: what `calibrate --python PATH` asks of it.
# Standard library only; runs unchanged on CPython 2.7, 3.6+ and PyPy. It borrows the harness's
# loop and clock (the very code a real run times), and prints one JSON line on stdout:
#   {"nsPerIteration", "threadStartUs", "forkStartUs", "spawnStartUs", "startMethod",
#    "switchIntervalUs", "interpreterStartUs"}
# Start-up costs are medians, from just before `start()` to the first line of the new thread's or
# process's code (CLOCK_MONOTONIC is one clock for every process). `spawnStartUs` is null where
# multiprocessing has no spawn method (2.7); `switchIntervalUs` null where there is none (2.7);
# `interpreterStartUs` (create() to the end of a first statement) null before 3.13.

from __future__ import print_function

import json
import multiprocessing
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import count, monotonic_ns  # noqa: E402 -- the path is set just above

LOOP_RUNS = 3
THREAD_STARTS = 21
PROCESS_STARTS = 5
INTERPRETER_STARTS = 7


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2.0


def ns_per_iteration(iterations):
    count(iterations // 10)  # warm-up (and, on PyPy, the JIT's compile)
    timed = []
    for _ in range(LOOP_RUNS):
        start = monotonic_ns()
        total = count(iterations)
        timed.append(monotonic_ns() - start)
        if total != iterations * (iterations - 1) // 2:
            raise ArithmeticError('count(%d) summed to %d' % (iterations, total))
    return median(timed) / float(iterations)


def thread_start_us():
    started = []

    def first_line():
        started.append(monotonic_ns())

    costs = []
    for _ in range(THREAD_STARTS):
        del started[:]
        thread = threading.Thread(target=first_line)
        before = monotonic_ns()
        thread.start()
        thread.join()
        costs.append((started[0] - before) / 1000.0)
    return median(costs)


def report_first_line(connection):
    connection.send(monotonic_ns())
    connection.close()


def process_start_us(context):
    costs = []
    for _ in range(PROCESS_STARTS):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=report_first_line, args=(sender,))
        before = monotonic_ns()
        process.start()
        first = receiver.recv()
        process.join()
        receiver.close()
        costs.append((first - before) / 1000.0)
    return median(costs)


def interpreter_start_us():
    """A subinterpreter's start, as the interpreters strategy pays it. _interpreters is 3.13's
    module (3.14's concurrent.interpreters is built on it); None where it is missing."""
    try:
        import _interpreters
    except ImportError:
        return None
    run = getattr(_interpreters, 'exec')  # a keyword on 2.7: this file must still parse there
    costs = []
    for _ in range(INTERPRETER_STARTS):
        before = monotonic_ns()
        interpreter = _interpreters.create()
        run(interpreter, 'pass')
        costs.append((monotonic_ns() - before) / 1000.0)
        _interpreters.destroy(interpreter)
    return median(costs)


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10000000
    has_contexts = hasattr(multiprocessing, 'get_context')
    fork = multiprocessing.get_context('fork') if has_contexts else multiprocessing
    spawn = multiprocessing.get_context('spawn') if has_contexts else None
    result = {
        'nsPerIteration': ns_per_iteration(iterations),
        'threadStartUs': thread_start_us(),
        'forkStartUs': process_start_us(fork),
        'spawnStartUs': process_start_us(spawn) if spawn is not None else None,
        'startMethod': multiprocessing.get_start_method() if has_contexts else 'fork',
        'switchIntervalUs': sys.getswitchinterval() * 1e6 if hasattr(sys, 'getswitchinterval') else None,
        'interpreterStartUs': interpreter_start_us(),
    }
    print(json.dumps(result))


if __name__ == '__main__':
    main()
