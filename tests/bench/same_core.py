#!/usr/bin/python3
"""The measures collabnet and python-igraph both leave to igraph, timed without the load
(issue 3: "within 1.1x"). Not part of the test run.

    /usr/bin/python3 tests/bench/same_core.py [--scale S] [--runs 5] [--collabnet PATH]

bench.py times whole processes, so at S a peer's row is mostly Python's start-up and CSV
reading (about 1 s for python-igraph). Here python-igraph's calls are timed inside the process
(time.perf_counter around closeness+harmonic, around betweenness), and collabnet's whole
`centrality` command is timed minus its `validate` time (the load), the runs interleaved so both
see the same machine. Same graph (actors, merged ties, length 1/weight), same igraph functions:
igraph_closeness + igraph_harmonic_centrality, igraph_betweenness."""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def wall(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="S")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--collabnet", default=os.path.join(ROOT, "build/tools/collabnet"))
    ap.add_argument("--data", default="/tmp/collabnet-bench")
    a = ap.parse_args()
    d = os.path.join(a.data, a.scale)
    if not os.path.exists(os.path.join(d, "edges.csv")):
        subprocess.run([a.collabnet, "generate", "--scale", a.scale, "--seed", "1", "-o", d],
                       check=True, stderr=subprocess.DEVNULL)
    # the peer's graph, built as bench's peer.py builds it (tool igraph, no step)
    sys.argv = ["peer.py", "igraph", "none", d]
    scope = {"__name__": "peer"}
    with open(os.path.join(HERE, "peer.py"), encoding="utf-8") as f:
        exec(compile(f.read(), "peer.py", "exec"), scope)
    g = scope["g"]
    out = os.path.join(tempfile.mkdtemp(), "centrality.csv")
    steps = {
        "closeness+harmonic": (["-m", "closeness,harmonic", "--exact"],
                               lambda: (g.closeness(weights="length"),
                                        g.harmonic_centrality(weights="length"))),
        "betweenness exact": (["-m", "betweenness", "--exact"],
                              lambda: g.betweenness(weights="length", directed=False)),
    }
    print(f"scale {a.scale}: {g.vcount()} actors, {g.ecount()} ties; median of {a.runs} "
          "interleaved runs, seconds")
    print()
    print("| measure | collabnet (command - load) | python-igraph (in process) | ratio |")
    print("|---|---|---|---|")
    for name, (args, call) in steps.items():
        cn, ig = [], []
        for _ in range(a.runs):
            load = wall([a.collabnet, "validate", "-q", d])
            cn.append(wall([a.collabnet, "centrality", d] + args + ["-f", "csv", "-o", out])
                      - load)
            t = time.perf_counter()
            call()
            ig.append(time.perf_counter() - t)
        c, i = statistics.median(cn), statistics.median(ig)
        print(f"| {name} | {c:.2f} | {i:.2f} | {c / i:.2f} |")
    os.unlink(out)
    os.rmdir(os.path.dirname(out))


if __name__ == "__main__":
    sys.exit(main())
