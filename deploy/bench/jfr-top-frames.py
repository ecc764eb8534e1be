#!/usr/bin/env python3
"""Top frames of the jdk.ExecutionSample events in a JFR recording of the check-in service, from its
first sample inside the scan endpoint on: by self samples (the method on the CPU) and by total samples
(anywhere on the stack), and the share of samples in a few libraries.

    python3 deploy/bench/jfr-top-frames.py checkin.jfr [N] [THREAD_REGEX]

Uses the `jfr` tool of $JAVA_HOME (any JDK 17+ reads a JDK 17 recording). How the recordings of
docs/benchmarks.md ("Profiling and fix (issue 10)") were made: ./bench --only scans --runs 1
--jvm-opt -XX:StartFlightRecording:filename=/tmp/jfr/,settings=profile,dumponexit=true
"""
import collections, os, re, subprocess, sys
jfr = os.path.join(os.environ['JAVA_HOME'], 'bin', 'jfr') if os.environ.get('JAVA_HOME') else 'jfr'
path = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
thread_filter = sys.argv[3] if len(sys.argv) > 3 else None
out = subprocess.run([jfr, 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '200', path],
                     capture_output=True, text=True, check=True).stdout
events = []
for block in out.split('jdk.ExecutionSample {')[1:]:
    thread = re.search(r'sampledThread = "([^"]*)"', block)
    when = re.search(r'startTime = (\d+):(\d+):([\d.]+)', block)
    frames = []
    m = re.search(r'stackTrace = \[(.*?)\n\s*\]', block, re.S)
    if m:
        for line in m.group(1).strip().split('\n'):
            line = line.strip()
            if not line or line == '...':
                continue
            frames.append(re.sub(r'\s+line:.*$', '', line))
    t = int(when.group(1)) * 3600 + int(when.group(2)) * 60 + float(when.group(3))
    events.append((thread.group(1) if thread else '?', frames, t))
# Only the load: from the first sample inside the scan endpoint on (start-up left out).
first = min(e[2] for e in events if any('ScanController' in f for f in e[1]))
events = [(th, f) for th, f, t in events if t >= first]
if thread_filter:
    events = [e for e in events if re.search(thread_filter, e[0])]
total = len(events)
def short(fr):
    return re.sub(r'\(.*\)$', '()', fr)
self_c = collections.Counter(short(f[0]) for _, f in events if f)
incl = collections.Counter()
for _, f in events:
    for fr in set(short(x) for x in f):
        incl[fr] += 1
print(f'{total} execution samples from the first scan on' + (f' (threads matching {thread_filter})' if thread_filter else ''))
print(f'\nTop {n} frames by self samples (the method on the CPU):')
for fr, c in self_c.most_common(n):
    print(f'  {100*c/total:5.1f}%  {fr}')
print(f'\nTop {n} frames by total samples (anywhere on the stack; framework plumbing - Micronaut, Netty, reflection, thread pools - left out):')
skip = re.compile(r'^(io\.micronaut\.|io\.netty\.|reactor\.|java\.lang\.invoke\.|jdk\.internal\.reflect\.|java\.util\.concurrent\.|java\.util\.Optional|java\.util\.stream\.|java\.lang\.Thread\.|java\.lang\.VirtualThread|io\.opentelemetry|\$Proxy)')
k = 0
for fr, c in incl.most_common():
    if skip.search(fr):
        continue
    print(f'  {100*c/total:5.1f}%  {fr}')
    k += 1
    if k >= n:
        break
groups = collections.OrderedDict([
    ('EdDSA verify/sign (JDK sun.security.ec.ed / BouncyCastle rfc8032)', r'sun\.security\.ec\.ed\.|sun\.security\.ec\.point|sun\.security\.util\.math|org\.bouncycastle\.math\.ec\.rfc8032|org\.bouncycastle\.math\.raw'),
    ('JDBC / PostgreSQL driver', r'^org\.postgresql\.'),
    ('Kafka client', r'^org\.apache\.kafka\.'),
    ('Jackson', r'^(tools\.jackson|com\.fasterxml\.jackson)\.'),
    ('Netty', r'^io\.netty\.'),
])
print('\nShare of samples with a frame of:')
for name, rx in groups.items():
    r = re.compile(rx)
    c = sum(1 for _, f in events if any(r.search(x) for x in f))
    print(f'  {100*c/total:5.1f}%  {name}')
