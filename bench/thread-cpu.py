#!/usr/bin/python3
"""CPU per thread of a process over an interval, threads grouped by name (digits folded):
thread-cpu.py PID SECONDS [top]

Each group's cores, the part of them spent in the kernel, and its context switches a second
(voluntary: the thread waited, for a lock, a queue or a socket; involuntary: it was preempted).
Kernel time and switches are what a JFR profile does not show: its samples are of Java code, so
threads that spend their time in system calls (the broker's, the Kafka clients' network threads)
look smaller there than they are (docs/benchmarks.md, "What JFR does not see")."""
import os, re, sys, time, collections
pid, secs = sys.argv[1], float(sys.argv[2]); top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
HZ = os.sysconf('SC_CLK_TCK')
SWITCHES = re.compile(r'^(?:non)?voluntary_ctxt_switches:\s+(\d+)', re.M)

def snap():
    out = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            st = open(f'/proc/{pid}/task/{tid}/stat').read()
            name = st[st.index('(')+1:st.rindex(')')]
            f = st[st.rindex(')')+2:].split()
            switches = sum(int(n) for n in SWITCHES.findall(open(f'/proc/{pid}/task/{tid}/status').read()))
            out[tid] = (name, int(f[11]), int(f[12]), switches)
        except Exception: pass
    return out

a = snap(); time.sleep(secs); b = snap()
groups = collections.defaultdict(lambda: [0, 0, 0])
for tid, (name, user, system, switches) in b.items():
    _, user0, system0, switches0 = a.get(tid, (name, 0, 0, 0))
    group = groups[re.sub(r'\d+', '#', name)]
    group[0] += user - user0; group[1] += system - system0; group[2] += switches - switches0
user, system, switches = (sum(g[i] for g in groups.values()) for i in range(3))
print(f"total {(user + system)/HZ/secs:.3f} cores over {secs:.0f}s: kernel {system*100/max(user + system, 1):.0f} %, "
      f"{switches/secs:,.0f} context switches a second")
print("  cores  kernel  switches/s  threads")
for name, (u, s, c) in sorted(groups.items(), key=lambda g: -(g[1][0] + g[1][1]))[:top]:
    if u + s or c:
        print(f"{(u + s)/HZ/secs:7.3f}  {s*100/max(u + s, 1):5.0f} %  {c/secs:10,.0f}  {name}")
