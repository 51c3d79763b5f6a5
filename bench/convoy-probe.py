# The convoy probe (bench/convoy-probe.ts): verify's round trip, a sendall and a recv on one kept
# connection to the engine's loopback database, next to a CPU-bound thread, timed per round trip.
# Args: PORT TOKEN IO_CPU CPU_CPU TRIPS (a CPU number, or -1 for unpinned). Python 3.3+ on Linux.
# Prints one JSON object: the alone trips, then the trips beside the CPU thread, each
# [send_ns, recv_ns, send_voluntary, send_involuntary, recv_voluntary, recv_involuntary,
#  cpu_before_send, cpu_after_send, cpu_after_recv, cpu_thread_cpu_at_send, send_start_ns], and the
# CPU thread's resumes after a pause of more than 20 us: [paused_ns, resumed_ns, cpu].
import ctypes, json, os, resource, socket, sys, threading, time

port, token, io_cpu, cpu_cpu, trips = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
# PyDLL keeps the GIL across the call (a CDLL call releases it, which would be one more chance to lose it).
getcpu = ctypes.PyDLL(None).sched_getcpu


def pin(cpu):
    if cpu >= 0:
        os.sched_setaffinity(0, {cpu})  # pid 0: the calling thread only (Linux)


def switches():
    # getrusage keeps the GIL; RUSAGE_THREAD counts this thread's context switches.
    usage = resource.getrusage(resource.RUSAGE_THREAD)
    return usage.ru_nvcsw, usage.ru_nivcsw


def round_trips(n, out):
    conn = socket.create_connection(('127.0.0.1', port))
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    request = (json.dumps({'token': token, 'table': 'employees', 'delayMs': 0}) + '\n').encode('ascii')
    for _ in range(n):
        w = where[0]; c0 = getcpu(); v0, i0 = switches(); t0 = time.monotonic_ns()
        conn.sendall(request)
        t1 = time.monotonic_ns(); v1, i1 = switches(); c1 = getcpu()
        answer = conn.recv(65536)
        while not answer.endswith(b'\n'):
            answer += conn.recv(65536)
        t2 = time.monotonic_ns(); v2, i2 = switches(); c2 = getcpu()
        out.append([t1 - t0, t2 - t1, v1 - v0, i1 - i0, v2 - v1, i2 - i1, c0, c1, c2, w, t0])
    conn.close()


stop = []
where = [-1]  # the CPU the CPU thread last ran bytecode on
resumes = []


def spin():
    pin(cpu_cpu)
    total = i = 0
    last = time.monotonic_ns()
    while not stop:  # the tutorial's loop, until the round trips are over, noting where and when it ran
        total = total + i
        i += 1
        where[0] = cpu = getcpu()
        now = time.monotonic_ns()
        if now - last > 20000:
            resumes.append([last, now, cpu])
        last = now


def pinned_trips(n, out):
    pin(io_cpu)
    round_trips(n, out)


alone, beside = [], []
t = threading.Thread(target=pinned_trips, args=(max(50, trips // 3), alone)); t.start(); t.join()
cpu_thread = threading.Thread(target=spin); cpu_thread.start()
time.sleep(0.02)
t = threading.Thread(target=pinned_trips, args=(trips, beside)); t.start(); t.join()
stop.append(True); cpu_thread.join()
print(json.dumps({'alone': alone, 'beside': beside, 'resumes': resumes}))
