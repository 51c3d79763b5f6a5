"""A SimPy peer of concur-tui's emulator: CPU-bound threads under CPython's new GIL on C cores.

The bench runs this beside `concur-tui emulate` on the same case and checks that both give the
same makespan and GIL hand-off count (with a context switch costing nothing), then compares
their speed. It is written from the same sources as the emulator, not from its code:

- Cores are a SimPy Resource of capacity C with a FIFO queue. A thread runs on its core in OS
  slices; at a slice's end it goes to the tail of the queue only if another thread is waiting
  for a core (round robin), else it starts a new slice where it is.
- The GIL follows Python/ceval_gil.c (3.2+): a thread that finds it taken waits on its condition
  for one switch interval; if that wait timed out and the GIL did not change hands meanwhile, it
  sets the drop request. The holder sees the request at once when it is running (SimPy's
  interrupt stands in for the eval breaker), or at its next check when it is not, drops the GIL,
  signals one waiter and, with FORCE_SWITCHING, waits until another thread has taken it.
  A thread blocked on the GIL leaves its core.

Usage: python3 simpy_new_gil.py --threads 2 --cpu-us 12500000 --cores 2 --slice-us 100
       --interval-us 5000 [--switch-cost-us 0]; prints one JSON line.
"""

import argparse
import collections
import json
import time

import simpy


class Gil:
    def __init__(self, env):
        self.env = env
        self.holder = None
        self.last_holder = None
        self.switch_number = 0
        self.drop_request = False
        self.waiters = collections.deque()  # (thread, event) in the order they began waiting
        self.switch_waiters = []  # events of droppers waiting for another thread to take it
        self.handoffs = 0

    def take(self, thread):
        self.holder = thread
        if self.last_holder is not thread:
            if self.last_holder is not None:
                self.handoffs += 1
            self.last_holder = thread
            self.switch_number += 1
        self.drop_request = False
        for event in self.switch_waiters:
            event.succeed()
        self.switch_waiters = []

    def unlock(self):
        """drop_gil: unlock and signal the longest waiter."""
        self.holder = None
        if self.waiters:
            _, event = self.waiters.popleft()
            event.succeed()


class Machine:
    def __init__(self, env, cores, slice_us, interval_us, switch_cost_us):
        self.env = env
        self.cores = simpy.Resource(env, capacity=cores)
        self.slice_us = slice_us
        self.interval_us = interval_us
        self.switch_cost_us = switch_cost_us
        self.gil = Gil(env)
        self.running = set()  # threads inside a slice: the ones an interrupt reaches at once


class Thread:
    def __init__(self, machine, name, cpu_us):
        self.machine = machine
        self.name = name
        self.remaining_us = cpu_us
        self.core = None
        self.process = machine.env.process(self.run())

    def get_core(self):
        machine = self.machine
        self.core = machine.cores.request()
        yield self.core
        if machine.switch_cost_us:
            yield machine.env.timeout(machine.switch_cost_us)

    def leave_core(self):
        self.machine.cores.release(self.core)
        self.core = None

    def take_gil(self):
        """take_gil: wait in slices of one interval until the GIL is free; the core is left while waiting."""
        machine, gil, env = self.machine, self.machine.gil, self.machine.env
        while gil.holder is not None:
            saved = gil.switch_number
            signalled = env.event()
            entry = (self, signalled)
            gil.waiters.append(entry)
            self.leave_core()
            timeout = env.timeout(machine.interval_us)
            yield signalled | timeout
            timed_out = not signalled.triggered
            if timed_out:
                gil.waiters.remove(entry)
            yield from self.get_core()
            if timed_out and gil.holder is not None and gil.switch_number == saved:
                self.request_drop()
        gil.take(self)

    def request_drop(self):
        gil = self.machine.gil
        gil.drop_request = True
        if gil.holder in self.machine.running:
            gil.holder.process.interrupt()

    def drop_forced(self):
        """The holder drops on request, then waits (off its core) until another thread took the GIL."""
        gil, env = self.machine.gil, self.machine.env
        gil.unlock()
        gil.drop_request = False
        switched = env.event()
        gil.switch_waiters.append(switched)
        self.leave_core()
        yield switched
        yield from self.get_core()

    def run(self):
        machine, gil, env = self.machine, self.machine.gil, self.machine.env
        yield from self.get_core()
        while self.remaining_us > 0:
            if gil.holder is self and gil.drop_request:
                yield from self.drop_forced()
                continue
            if gil.holder is not self:
                yield from self.take_gil()
                continue
            started = env.now
            machine.running.add(self)
            try:
                yield env.timeout(min(machine.slice_us, self.remaining_us))
            except simpy.Interrupt:
                pass
            machine.running.discard(self)
            self.remaining_us -= env.now - started
            if self.remaining_us > 0 and not gil.drop_request and machine.cores.queue:
                self.leave_core()  # round robin: the slice is over and another thread wants a core
                yield from self.get_core()
        self.machine.finished_us = env.now
        gil.unlock()
        self.leave_core()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cpu-us", type=int, default=12_500_000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--slice-us", type=int, default=100)
    parser.add_argument("--interval-us", type=int, default=5_000)
    parser.add_argument("--switch-cost-us", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    env = simpy.Environment()
    machine = Machine(env, args.cores, args.slice_us, args.interval_us, args.switch_cost_us)
    for i in range(args.threads):
        Thread(machine, "T%d" % (i + 1), args.cpu_us)
    env.run()
    run_ms = (time.perf_counter() - started) * 1000
    print(json.dumps({"makespanUs": machine.finished_us, "handoffs": machine.gil.handoffs, "runMs": run_ms}))


if __name__ == "__main__":
    main()
