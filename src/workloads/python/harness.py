# concur-tui's Python harness: runs the tasks it is given with one strategy, the way a Python
# program would, and reports every phase boundary to the engine. Standard library only; the same
# file runs unchanged on CPython 2.7, CPython 3.6+ and PyPy (asyncio strategies need Python 3).
#
# Protocol. The engine starts `python -I harness.py` (2.7: `-E -s`) and writes one JSON line on
# stdin: {"strategy", "workers", "tasks": [{"name", "arrivalUs", "calls": [{"workload",
# "argument"}]}], "traceSocket", "switchIntervalUs", "checkInterval", "dbPort", "dbToken"}.
# The run's time 0 is the "begin" event, sent just before the strategy starts. Every process of the run connects to the Unix socket `traceSocket` and sends one JSON
# line per event: {"ev", "lane", "pid", "tid", "ns", ...} with `ns` on CLOCK_MONOTONIC, the clock
# the engine's samples use. Events: "begin" (lane -1), "spawn" (the parent is about to start the lane's thread or
# process), "start" (the lane's code runs; "first": the first task of its thread or process),
# "phase" ("kind": cpu | io | compress, "us": the planned I/O time), "done" ("result"), "error"
# ("message": the exception's last line), "exit" (a process ended with "code" before its lane
# reported an end). Nothing is printed on stdout: that stays the program's. Lines arrive in
# batches (TraceChannel says when), each stamped when it happened.
#
# When stdin closes (the engine died or cancelled the run), the whole process group is killed:
# no interpreter or multiprocessing child outlives the engine.

from __future__ import print_function

import json
import os
import signal
import socket
import sys
import threading
import time
import traceback
import zlib

PY2 = sys.version_info[0] == 2
if PY2:
    range = xrange  # noqa: F821 -- the tutorial's loop must not build a list on 2.7


def _monotonic_ns_clock():
    """CLOCK_MONOTONIC in ns: time.monotonic on 3.3+ is that clock on Linux; 2.7 asks libc."""
    if hasattr(time, 'monotonic_ns'):
        return time.monotonic_ns
    if hasattr(time, 'clock_gettime') and hasattr(time, 'CLOCK_MONOTONIC'):
        return lambda: int(time.clock_gettime(time.CLOCK_MONOTONIC) * 1e9)
    import ctypes
    import ctypes.util

    class Timespec(ctypes.Structure):
        _fields_ = [('tv_sec', ctypes.c_long), ('tv_nsec', ctypes.c_long)]

    # PyDLL, not CDLL: a ctypes call through CDLL releases the GIL, and a trace line's time stamp
    # must not be a point where the thread can lose it (see TraceChannel).
    libc = ctypes.PyDLL(ctypes.util.find_library('rt') or ctypes.util.find_library('c'), use_errno=True)

    def now():
        spec = Timespec()
        libc.clock_gettime(1, ctypes.byref(spec))  # 1 = CLOCK_MONOTONIC on Linux
        return spec.tv_sec * 1000000000 + spec.tv_nsec

    return now


monotonic_ns = _monotonic_ns_clock()


_thread_ids = threading.local()


def native_thread_id():
    """The OS thread id that names /proc/<pid>/task/<tid>. Read once per thread (and process: a
    forked child's thread is another one): before 3.8 it is a readlink, which releases the GIL."""
    if hasattr(threading, 'get_native_id'):
        return threading.get_native_id()
    known = getattr(_thread_ids, 'known', None)
    if known is not None and known[0] == os.getpid():
        return known[1]
    try:
        tid = int(os.readlink('/proc/thread-self').split('/')[-1])
    except OSError:
        tid = None
    _thread_ids.known = (os.getpid(), tid)
    return tid


# How long trace lines may wait in a process's buffer when nothing needs them sooner. Each send
# beside a CPU-bound thread can cost the sender a switch interval: at 20 ms, verify's convoy (round
# trips of ~10 ms) paid one every other trip, most of its excess over the model. At 200 ms it is
# one in ~30 trips; a live view learns of an I/O phase up to this late (a CPU phase, at once).
FLUSH_EVERY_NS = 200 * 1000000


class TraceChannel(object):
    """The trace lines of one process, on one connection (a forked child starts its own), one
    lock for its threads. Lines are buffered: a send releases the GIL, and a thread that releases
    it beside a CPU-bound thread may have to wait a switch interval to get it back: the very
    convoy the runs measure, once per phase boundary. So lines go out at most every
    FLUSH_EVERY_NS, at a boundary, and at once where the engine needs them: the run's begin, a
    thread's first start (the sampler follows the thread from it), before a CPU phase, at a
    task's end or error, a child's exit code, and when a process ends (`flush`). Every line
    carries the time it happened, so a late one still lands where it belongs."""

    def __init__(self, path):
        self.path = path
        self.start_afresh()

    def start_afresh(self):
        """A new process's channel: no connection yet, no lines (a forked child inherits its
        parent's unsent ones, which the parent sends), and a lock no other thread can hold."""
        self.lock = threading.Lock()
        self.sock = None
        self.owner = os.getpid()
        self.lines = []
        self.flushed_ns = 0

    def emit(self, ev, lane, urgent=False, **fields):
        if self.owner != os.getpid():
            self.start_afresh()
        fields.update(ev=ev, lane=lane, pid=self.owner, tid=native_thread_id())
        fields.setdefault('ns', monotonic_ns())
        line = (json.dumps(fields) + '\n').encode('utf-8')
        urgent = urgent or ev in ('begin', 'done', 'error', 'exit') or (ev == 'start' and fields.get('first')) or (ev == 'phase' and fields.get('kind') != 'io')
        with self.lock:
            self.lines.append(line)
            if urgent or fields['ns'] - self.flushed_ns >= FLUSH_EVERY_NS:
                self._send()

    def flush(self):
        """Sends what is buffered (a process's end: nothing else would)."""
        if self.owner != os.getpid():
            self.start_afresh()
        with self.lock:
            self._send()

    def _send(self):
        if not self.lines:
            return
        if self.sock is None:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.connect(self.path)
        batch, self.lines = b''.join(self.lines), []
        self.sock.sendall(batch)
        self.flushed_ns = monotonic_ns()


SPEC = None
SPEC_LINE = None
CHANNEL = None
# Whether this thread or process already ran a task (only a first task waited for a start-up).
_ran_here = threading.local()
_process_ran = {'pid': None}


def count(n):
    """The tutorial's loop: nothing but the addition in its body."""
    total = 0
    for i in range(n):
        total = total + i
    return total


WORDS = ['employee', 'project', 'salary', 'department', 'thread', 'process', 'lock', 'queue', '2026', 'id']


def compressible_data(size):
    """Text-like data that compresses about 3:1: the Node workload's words and LCG, in Python."""
    parts, at, state = [], 0, 12345
    while at < size:
        state = (state * 1103515245 + 12345) & 0xFFFFFFFF
        word = '%s%d ' % (WORDS[state % len(WORDS)], state & 0xFF)
        parts.append(word)
        at += len(word)
    return ''.join(parts)[:size].encode('ascii')


def compress(lane, size):
    data = compressible_data(size)
    # zlib releases the GIL while it deflates (CPython's zlibmodule.c): threads overlap here only.
    CHANNEL.emit('phase', lane, kind='compress')
    return len(zlib.compress(data, 6))


_db = threading.local()


def db_connection():
    """This thread's connection to the run's database, opened at its first query and kept, as a
    client's connection pool keeps one per thread: a query is then a send and a receive, each
    releasing the GIL once (a connect and a close would release it twice more)."""
    if getattr(_db, 'pid', None) != os.getpid():  # a forked child does not share its parent's
        conn = socket.create_connection(('127.0.0.1', SPEC['dbPort']))
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        _db.conn, _db.pid = conn, os.getpid()
    return _db.conn


def forget_db_connection():
    _db.conn.close()
    _db.pid = None


def query(table, ms):
    """A request/response round trip to the engine's loopback database: a send, then a receive."""
    conn = db_connection()
    request = {'table': table, 'delayMs': ms}
    if SPEC.get('dbToken'):
        request['token'] = SPEC['dbToken']
    try:
        conn.sendall((json.dumps(request) + '\n').encode('utf-8'))
        answer = conn.recv(65536)
        while not answer.endswith(b'\n'):
            chunk = conn.recv(65536)
            if not chunk:
                raise RuntimeError('query %s: the database closed the connection' % table)
            answer += chunk
        rows = json.loads(answer.decode('utf-8'))
        if not isinstance(rows, list):
            raise RuntimeError('query %s: %s' % (table, rows.get('error', 'bad answer')))
    except Exception:
        forget_db_connection()  # the server closes after some errors: the next query reconnects
        raise
    return len(rows)


def fault(code):
    if code == 1:
        raise RuntimeError('injected fault: the workload raised')
    if code == 2:
        os._exit(3)
    if code == 3:
        while True:
            pass
    raise ValueError('unknown fault %r' % code)


def run_call(lane, call):
    workload, argument = call['workload'], call['argument']
    if workload == 'count':
        CHANNEL.emit('phase', lane, kind='cpu')
        n = int(argument)
        total = count(n)
        if total != n * (n - 1) // 2:
            raise ArithmeticError('count(%d) summed to %d' % (n, total))
        return total
    if workload == 'sleep':
        CHANNEL.emit('phase', lane, kind='io', us=int(argument * 1000))
        time.sleep(argument / 1000.0)
        return 0
    if workload == 'query':
        CHANNEL.emit('phase', lane, kind='io', us=int(argument * 1000))
        return query('employees', argument)
    if workload == 'compress':
        CHANNEL.emit('phase', lane, kind='cpu')
        return compress(lane, int(argument))
    if workload == 'fault':
        CHANNEL.emit('phase', lane, kind='cpu')
        return fault(int(argument))
    raise ValueError('unknown workload %r' % workload)


def last_line(error):
    return traceback.format_exception_only(type(error), error)[-1].strip()


def wait_for_arrival(task):
    delay_ns = SPEC['originNs'] + int(task['arrivalUs']) * 1000 - monotonic_ns()
    if delay_ns > 0:
        time.sleep(delay_ns / 1e9)


def first_here():
    """True the first time this thread (and, in a child, this process) runs a task."""
    first = not getattr(_ran_here, 'ran', False) or _process_ran['pid'] != os.getpid()
    _ran_here.ran = True
    _process_ran['pid'] = os.getpid()
    return first


def run_task(lane):
    task = SPEC['tasks'][lane]
    CHANNEL.emit('start', lane, first=first_here())
    try:
        result = 0
        for call in task['calls']:
            result = run_call(lane, call)
        CHANNEL.emit('done', lane, result=str(result))
    except Exception as error:  # a task's failure is its lane's, never the run's
        CHANNEL.emit('error', lane, message=last_line(error))


def run_in_child(lane, spec_line):
    """A process's target. A forked child connects afresh (the parent's socket is not its own);
    a spawned or forkserver child (3.14's default) starts without the parent's globals."""
    global SPEC, CHANNEL
    if SPEC is None:
        SPEC = json.loads(spec_line)
        CHANNEL = TraceChannel(SPEC['traceSocket'])
        configure_interpreter()
    try:
        run_task(lane)
    finally:
        # A multiprocessing child ends in os._exit, which runs no exit handler.
        CHANNEL.flush()


def lanes_by_arrival():
    return sorted(range(len(SPEC['tasks'])), key=lambda lane: SPEC['tasks'][lane]['arrivalUs'])


def sequential():
    """The tasks one after another in the main thread, as a plain script runs them. (Quiet, this
    machine's count loop costs the same on the main thread as on another within its own noise,
    0.87-1.15x across interpreters: npm run bench -- python-threads.)"""
    for lane in lanes_by_arrival():
        wait_for_arrival(SPEC['tasks'][lane])
        run_task(lane)


def threads():
    started = []
    for lane in lanes_by_arrival():
        wait_for_arrival(SPEC['tasks'][lane])
        thread = threading.Thread(target=run_task, args=(lane,), name='T%d' % (lane + 1))
        CHANNEL.emit('spawn', lane)
        thread.start()
        started.append(thread)
    for thread in started:
        thread.join()


def processes():
    import multiprocessing
    started = []
    for lane in lanes_by_arrival():
        wait_for_arrival(SPEC['tasks'][lane])
        process = multiprocessing.Process(target=run_in_child, args=(lane, SPEC_LINE), name='P%d' % (lane + 1))
        # Sent at once: the child cannot carry it, and no thread of this process competes for its GIL.
        CHANNEL.emit('spawn', lane, urgent=True)
        process.start()
        started.append((lane, process))
    for lane, process in started:
        process.join()
        if process.exitcode != 0:
            CHANNEL.emit('exit', lane, code=process.exitcode)


def pooled(make_pool, target, args_for, in_processes):
    """A pool of SPEC['workers'] takes the tasks in arrival order; a lane whose job raised (or
    whose worker process died, which breaks the pool's futures) reports the error. A pool of
    threads carries the 'spawn' lines out with its threads' own; a pool of processes cannot."""
    pool, submit, wait = make_pool(SPEC['workers'])
    pending = []
    for lane in lanes_by_arrival():
        wait_for_arrival(SPEC['tasks'][lane])
        CHANNEL.emit('spawn', lane, urgent=in_processes)
        pending.append((lane, submit(pool, target, args_for(lane))))
    for lane, job in pending:
        try:
            wait(job)
        except Exception as error:
            CHANNEL.emit('error', lane, message=last_line(error))
    if hasattr(pool, 'shutdown'):
        pool.shutdown()
    else:
        pool.close()
        pool.join()


def executor_pool(executor_class):
    return lambda workers: (executor_class(max_workers=workers), lambda pool, f, args: pool.submit(f, *args), lambda job: job.result())


def multiprocessing_pool(pool_class):
    return lambda workers: (pool_class(workers), lambda pool, f, args: pool.apply_async(f, args), lambda job: job.get())


def thread_pool():
    try:
        from concurrent.futures import ThreadPoolExecutor
        make_pool = executor_pool(ThreadPoolExecutor)
    except ImportError:  # 2.7 has no concurrent.futures; multiprocessing's ThreadPool does the same
        from multiprocessing.pool import ThreadPool
        make_pool = multiprocessing_pool(ThreadPool)
    pooled(make_pool, run_task, lambda lane: (lane,), False)


def process_pool():
    try:
        from concurrent.futures import ProcessPoolExecutor
        make_pool = executor_pool(ProcessPoolExecutor)
    except ImportError:
        from multiprocessing import Pool
        make_pool = multiprocessing_pool(Pool)
    pooled(make_pool, run_in_child, lambda lane: (lane, SPEC_LINE), True)


# asyncio's syntax does not parse on 2.7, so the coroutines are compiled only where they exist.
ASYNC_SOURCE = '''
import asyncio

async def run_coroutine(lane):
    task = SPEC['tasks'][lane]
    delay_ns = SPEC['originNs'] + int(task['arrivalUs']) * 1000 - monotonic_ns()
    if delay_ns > 0:
        await asyncio.sleep(delay_ns / 1e9)
    # Sent at once: the sampler follows the loop's thread from its first start.
    CHANNEL.emit('start', lane, urgent=True, first=False)
    try:
        result = 0
        for call in task['calls']:
            workload, argument = call['workload'], call['argument']
            if workload == 'sleep':
                CHANNEL.emit('phase', lane, kind='io', us=int(argument * 1000))
                await asyncio.sleep(argument / 1000.0)
            elif workload == 'query':
                CHANNEL.emit('phase', lane, kind='io', us=int(argument * 1000))
                result = await query_async('employees', argument)
            else:
                # CPU work in a coroutine blocks the event loop, as it does in asyncio.
                result = run_call(lane, call)
        CHANNEL.emit('done', lane, result=str(result))
    except Exception as error:
        CHANNEL.emit('error', lane, message=last_line(error))

async def query_async(table, ms):
    reader, writer = await asyncio.open_connection('127.0.0.1', SPEC['dbPort'])
    request = {'table': table, 'delayMs': ms}
    if SPEC.get('dbToken'):
        request['token'] = SPEC['dbToken']
    writer.write((json.dumps(request) + '\\n').encode('utf-8'))
    body = await reader.readline()
    writer.close()
    rows = json.loads(body.decode('utf-8'))
    if not isinstance(rows, list):
        raise RuntimeError('query %s: %s' % (table, rows.get('error', 'bad answer')))
    return len(rows)

async def run_all():
    await asyncio.gather(*[run_coroutine(lane) for lane in range(len(SPEC['tasks']))])

def run_async():
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(run_all())
    finally:
        loop.close()
'''


def async_strategy():
    if sys.version_info < (3, 5):
        raise SystemExit('concur-tui: the async strategy needs Python 3.5 or later (asyncio with async/await)')
    scope = dict(globals())
    exec(compile(ASYNC_SOURCE, 'harness-async', 'exec'), scope)
    scope['run_async']()


def interpreters_strategy():
    """A subinterpreter per task (or a pool of them), each with its own GIL: PEP 734's
    concurrent.interpreters and InterpreterPoolExecutor, new in 3.14."""
    if sys.version_info < (3, 14):
        raise SystemExit('concur-tui: %s needs Python 3.14 (concurrent.interpreters); this is %d.%d'
                         % ((SPEC['strategy'],) + tuple(sys.version_info[:2])))
    # No 3.14 was at hand to build and test the harness side on: refuse rather than guess.
    raise SystemExit('concur-tui: the harness cannot run %s yet (written before Python 3.14 was at hand)' % SPEC['strategy'])


STRATEGIES = {
    'sequential': sequential,
    'threads': threads,
    'thread-pool': thread_pool,
    'processes': processes,
    'process-pool': process_pool,
    'async': async_strategy,
    'interpreters': interpreters_strategy,
    'interpreter-pool': interpreters_strategy,
}


def watch_engine():
    """stdin closes when the engine goes away: take every process of the run down with it.
    It reads the raw descriptor: a thread blocked inside sys.stdin holds that file's lock, and a
    forked child that closes sys.stdin (multiprocessing does) would wait for it forever."""
    try:
        while os.read(0, 65536):
            pass
    finally:
        os.killpg(os.getpgid(0), signal.SIGKILL)


def configure_interpreter():
    if hasattr(sys, 'setswitchinterval'):
        sys.setswitchinterval(SPEC['switchIntervalUs'] / 1e6)
    elif hasattr(sys, 'setcheckinterval'):
        sys.setcheckinterval(SPEC['checkInterval'])


def main():
    global SPEC, SPEC_LINE, CHANNEL
    SPEC_LINE = sys.stdin.readline()
    SPEC = json.loads(SPEC_LINE)
    CHANNEL = TraceChannel(SPEC['traceSocket'])
    strategy = STRATEGIES.get(SPEC['strategy'])
    if strategy is None:
        raise SystemExit('concur-tui: unknown strategy %r' % SPEC['strategy'])
    configure_interpreter()
    watcher = threading.Thread(target=watch_engine, name='concur-tui-watch')
    watcher.daemon = True
    watcher.start()
    # The run starts here: arrivals count from this instant, in this process and its children.
    SPEC['originNs'] = monotonic_ns()
    SPEC_LINE = json.dumps(SPEC)
    CHANNEL.emit('begin', -1, ns=SPEC['originNs'])
    try:
        strategy()
    finally:
        CHANNEL.flush()


if __name__ == '__main__':
    main()
