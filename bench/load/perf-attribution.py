#!/usr/bin/env python3
"""Where the server's CPU goes, from `perf script -F comm,tid,ip,sym` of a run with DOTNET_PerfMapEnabled=1.

Each sample is given to the innermost frame of a library that is not the runtime's own plumbing (CoreLib, collections,
threading, LINQ): "which library was working", not "which thread pool callback". Prints the share per thread, per library
and per method. Used by bench/load/profile.sh; see docs/benchmarks.md ("2026-12-08").
"""
import re,sys,collections
# attribute each sample to the innermost frame of a "library" (not CoreLib/System.* runtime plumbing)
skip=re.compile(r'\[(System\.Private\.CoreLib|System\.Runtime|System\.Collections|System\.Collections\.Concurrent|System\.Linq|System\.Threading|System\.Memory)\]')
asm=re.compile(r'\[([A-Za-z0-9_.]+)\]')
cats=collections.Counter(); thread=collections.Counter(); total=0
fn=collections.Counter()
samples=open(sys.argv[1]).read().split('\n\n')
for s in samples:
    lines=s.strip().split('\n')
    if len(lines)<2: continue
    total+=1
    head=lines[0]; tname=re.sub(r'\s+\d+\s*$','',head.strip())
    thread[tname]+=1
    frames=[l.strip() for l in lines[1:]]
    c=None; f=None
    for fr in frames:
        parts=fr.split(' ',1)
        sym=parts[1] if len(parts)>1 else ''
        if '[unknown]' in sym or sym=='' : continue
        m=asm.search(sym)
        if not m: continue
        if skip.search(sym): continue
        c=m.group(1); f=sym; break
    leaf=frames[0].split(' ',1)[1] if ' ' in frames[0] else frames[0]
    kind='managed' if '[' in leaf and ']' in leaf and ('Optimized' in leaf or 'Jitted' in leaf or 'Tier' in leaf) else ('kernel' if leaf.startswith('[k]') or re.match(r'^[a-z_0-9.]+$',leaf) else 'native')
    cats[c or ('(no library frame) '+tname)]+=1
    if f: fn[re.sub(r'\[Optimized.*?\]|\(.*','',f)[:200]]+=1
print('samples',total)
for k,v in thread.most_common(12): print(f'{100*v/total:6.2f}% thread {k}')
print()
for k,v in cats.most_common(40): print(f'{100*v/total:6.2f}% {k}')
print()
for k,v in fn.most_common(60): print(f'{100*v/total:6.2f}% {k}')
