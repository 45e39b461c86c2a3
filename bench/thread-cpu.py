#!/usr/bin/python3
"""CPU per thread of a process over an interval, threads grouped by name (digits folded): thread-cpu.py PID SECONDS [top]"""
import os, re, sys, time, collections
pid, secs = sys.argv[1], float(sys.argv[2]); top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
def snap():
    out = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            st = open(f'/proc/{pid}/task/{tid}/stat').read()
            name = st[st.index('(')+1:st.rindex(')')]
            f = st[st.rindex(')')+2:].split()
            out[tid] = (name, int(f[11]) + int(f[12]))
        except Exception: pass
    return out
a = snap(); time.sleep(secs); b = snap()
groups = collections.Counter(); total = 0
for tid, (name, t) in b.items():
    d = t - a.get(tid, (name, 0))[1]
    total += d
    groups[re.sub(r'\d+', '#', name)] += d
print(f"total {total/100/secs:.3f} cores over {secs:.0f}s")
for name, d in groups.most_common(top):
    if d: print(f"{d/100/secs:7.3f}  {name}")
