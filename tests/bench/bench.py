#!/usr/bin/python3
"""collabnet's benchmark suite (issues 3 and 20): the same steps on the same generated datasets,
timed for collabnet, NetworkX, python-igraph and graph-tool in one run. Not part of the test run.

    /usr/bin/python3 tests/bench/bench.py [--scales S,M] [--runs N] [--peer-runs N]
                                          [--peers networkx,igraph,graph-tool] [--skip-slow]
                                          [--steps load,pagerank] [--no-floors] [--out FILE]

Each step is a whole process (load included, as a user runs it), timed with /usr/bin/time:
the median wall time of --runs runs, the processor seconds (user + system, every thread and
worker) of that run after a slash, and the peak RSS. On a machine others share, the
processor seconds are the steadier figure. 'ratio' is collabnet / peer: below 1,
collabnet is faster (wall times). 'collabnet - load' is the step's time less the load row's;
graph-tool's 'in proc' is its own clock around the step's calls after its load (peer.py), wall
/ processor seconds, and 'step ratio' is collabnet - load over it (wall / processor). Under each table, the floors: `cat` of the two CSV files, a
minimal C scan of them (floor_csv.c) and a plain single-threaded C Brandes over a CSR array of
the collaboration graph (floor_brandes.c, ms per source), both compiled here with cc -O2.
Needs Debian's python3-networkx, python3-igraph and python3-graph-tool (.ci/install-deps
--bench), run with /usr/bin/python3."""
import argparse
import os
import statistics
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# step: (collabnet arguments after DIR, peer step name or None, scales it runs on)
STEPS = [
    ("load", ["validate", "-q"], "load", "SML"),
    ("degree+strength", ["centrality", "-m", "degree,strength", "-f", "csv"], "degree", "SML"),
    ("pagerank", ["centrality", "-m", "pagerank", "-f", "csv"], "pagerank", "SML"),
    ("closeness+harmonic", ["centrality", "-m", "closeness,harmonic", "--exact", "-f", "csv"],
     "closeness", "S"),
    ("betweenness exact", ["centrality", "-m", "betweenness", "--exact", "-f", "csv"],
     "betweenness", "S"),
    ("betweenness 256 sources", ["centrality", "-m", "betweenness", "--sample", "256", "-f",
                                 "csv"], "betweenness256", "ML"),
    ("betweenness 256 sources -j 1", ["centrality", "-m", "betweenness", "--sample", "256",
                                      "-j", "1", "-f", "csv"], None, "ML"),
    ("betweenness 256 sources unweighted", ["centrality", "-m", "betweenness", "--sample", "256",
                                            "--unweighted", "-f", "csv"], "betweenness256u",
     "ML"),
    ("coreness", ["centrality", "-m", "coreness", "-f", "csv"], "coreness", "SML"),
    ("overlap pairs", ["overlap", "-f", "csv"], "overlap", "SML"),
    ("coverage matrix", ["coverage", "--matrix", "-f", "csv"], None, "SML"),
    # the whole dataset as GraphML (every node and edge row with its attributes), for Gephi
    ("export graphml", ["export", "--to", "graphml"], "graphml", "SM"),
    # diagrams: Graphviz layout and SVG drawing within each view's node budget (no peer draws
    # the same diagrams, so these rows have collabnet's figures only)
    ("render membership", ["render", "-v", "membership", "-T", "svg"], None, "SML"),
    ("render overlap", ["render", "-v", "overlap", "-T", "svg"], None, "SML"),
    ("render coverage", ["render", "-v", "coverage", "-T", "svg"], None, "SML"),
    ("render collaboration", ["render", "-v", "collaboration", "-T", "svg"], None, "SML"),
    ("render ego n0 depth 2", ["render", "-v", "ego", "--focus", "n0", "--depth", "2", "-T",
                               "svg"], None, "SML"),
    # the whole report: every analysis, five diagrams in three formats, HTML, Markdown, CSV;
    # --timings: each stage's seconds on stderr, printed below the row
    ("report", ["report", "-q", "--timings"], None, "SML"),
]
# steps a peer cannot do: python-igraph 0.10.2's betweenness() has no sources argument (the C
# library's subset betweenness is not exposed), so the one-process collabnet row stands for it
# in the issue 3 tables; graph-tool 2.45 has no bipartite projection and is not timed writing GraphML.
# Communities are compared in communities.py (graph-tool's are stochastic-block-model
# inference, not modularity, so it has no row there).
UNSUPPORTED = {("igraph", "betweenness256"), ("igraph", "betweenness256u"),
               ("graph-tool", "overlap"), ("graph-tool", "graphml")}
# steps a peer needs minutes or hours for on this machine: skipped with --skip-slow
SLOW = {("networkx", s, scale) for s in ("betweenness256", "betweenness256u") for scale in "ML"}
# the peer whose in-process step time gets its own columns
INPROC = "graph-tool"


def floors(d, runs, work):
    """The machine's floors on dataset d: (cat s, C CSV scan s, C Brandes ms per source of
    wall and of processor)."""
    files = [os.path.join(d, f) for f in ("nodes.csv", "edges.csv")]
    cat = wall(["cat"] + files, runs)
    exe = {}
    for name in ("floor_csv", "floor_brandes"):
        exe[name] = os.path.join(work, name)
        subprocess.run(["cc", "-O2", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-o", exe[name],
                        os.path.join(HERE, name + ".c")], check=True)
    scan = wall([exe["floor_csv"]] + files, runs)
    ties = os.path.join(work, "ties")
    subprocess.run(["/usr/bin/python3", os.path.join(HERE, "peer.py"), "none", "ties", d, ties],
                   check=True)
    out = subprocess.run([exe["floor_brandes"], ties], check=True, capture_output=True,
                         text=True).stdout
    os.unlink(ties)
    f = out.split()
    return cat, scan, float(f[0]), float(f[5].rstrip(","))


def timed(cmd, runs):
    """Median wall seconds and max RSS (MB) of running cmd `runs` times."""
    t, m, _, _ = timed_err(cmd, runs)
    return t, m


def wall(cmd, runs):
    """Median wall seconds of running cmd `runs` times, its output discarded (a finer clock
    than /usr/bin/time's hundredths, for the floors)."""
    walls = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
    return statistics.median(walls)


def timed_err(cmd, runs):
    """timed(), the stderr of the last run, and the processor seconds (user + system) of the
    run whose wall time is the median (the lower middle one for an even count)."""
    runs_, rss, err = [], 0, ""
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
            p = subprocess.run(["/usr/bin/time", "-o", tf.name, "-f", "%e %U %S %M"] + cmd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if p.returncode != 0:
                raise RuntimeError(f"{' '.join(cmd)} failed: {p.stderr.strip()[-300:]}")
            wall, user, system, kb = tf.read().split()[-4:]
            runs_.append((float(wall), float(user) + float(system)))
            rss = max(rss, int(kb) / 1024)
            err = p.stderr
    runs_.sort()
    return statistics.median(w for w, _ in runs_), rss, err, runs_[(len(runs_) - 1) // 2][1]


def report_stages(err):
    """The report's --timings lines as one line: each stage's wall / processor seconds, and the
    sum of the stages besides centrality (issue 21: at most 5 s on M)."""
    stages = []
    for line in err.splitlines():
        f = line.split()
        if len(f) == 8 and f[0] == "collabnet" and f[1] == "report:" and f[5] == "cpu":
            stages.append((f[2], float(f[3]), float(f[6])))
    if not stages:
        return None
    rest = [(w, c) for n, w, c in stages if n not in ("centrality", "total")]
    names = [n for n, _, _ in stages]
    # past 50,000 nodes the centrality section runs in a worker beside the other stages, and
    # its line (the wait for it) comes after sources: their wall times then include the
    # sharing of the CPUs with it, and their processor seconds are the figures to compare
    beside = ("centrality" in names and "sources" in names
              and names.index("centrality") > names.index("sources"))
    return ("report stages (wall / cpu s, last run): "
            + ", ".join(f"{n} {w:.2f} / {c:.2f}" for n, w, c in stages)
            + f"; besides centrality {sum(w for w, _ in rest):.2f} / {sum(c for _, c in rest):.2f}"
            + (" (centrality computed in a worker beside them)" if beside else ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="S,M")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peer-runs", type=int,
                    help="runs of each peer step (default: --runs at S, 1 at M and L)")
    ap.add_argument("--peers", default="networkx,igraph,graph-tool")
    ap.add_argument("--no-floors", action="store_true")
    ap.add_argument("--skip-slow", action="store_true")
    ap.add_argument("--steps", help="comma-separated step names to run (default: all)")
    ap.add_argument("--collabnet", default=os.path.join(ROOT, "build/tools/collabnet"))
    ap.add_argument("--data", default="/tmp/collabnet-bench")
    ap.add_argument("--out")
    a = ap.parse_args()
    peers = [p for p in a.peers.split(",") if p]
    lines = []

    def say(s=""):
        print(s, flush=True)
        lines.append(s)

    say(f"collabnet benchmark: {os.uname().nodename}, {os.cpu_count()} CPUs, runs = {a.runs}, "
        f"peer runs = {a.peer_runs or 'as --runs at S, 1 at M and L'}")
    for scale in a.scales.split(","):
        d = os.path.join(a.data, scale)
        if not os.path.exists(os.path.join(d, "edges.csv")):
            subprocess.run([a.collabnet, "generate", "--scale", scale, "--seed", "1", "-o", d],
                           check=True, stderr=subprocess.DEVNULL)
        size = sum(os.path.getsize(os.path.join(d, f)) for f in ("nodes.csv", "edges.csv"))
        floor = None
        if not a.no_floors:
            with tempfile.TemporaryDirectory() as work:
                floor = floors(d, a.runs, work)
        say()
        say(f"## scale {scale}: {size / 1e6:.0f} MB of CSV")
        say()
        head = "| step | collabnet wall / cpu s | MB | collabnet - load |" + "".join(
            f" {p} wall / cpu s | MB | ratio |" + (" in proc | step ratio |" if p == INPROC else "")
            for p in peers)
        say(head)
        say("|" + "---|" * (4 + 3 * len(peers) + 2 * (INPROC in peers)))
        load = load_cpu = None
        peer_runs = a.peer_runs or (a.runs if scale == "S" else 1)
        stages = None
        for name, args, peer_step, scales in STEPS:
            if scale not in scales or (a.steps and name not in a.steps.split(",")):
                continue
            out = tempfile.mktemp(suffix=".out")
            cargs = [a.collabnet] + args[:1] + [d] + args[1:]
            if args[0] != "validate":
                cargs += ["-o", out]
            t, m, err, cpu = timed_err(cargs, a.runs)
            if os.path.isdir(out):
                shutil.rmtree(out)
            elif os.path.exists(out):
                os.unlink(out)
            if name == "load":
                load = t
            step = t - load if load is not None and name != "load" else None
            if name == "load":
                load_cpu = cpu
            step_cpu = cpu - load_cpu if step is not None else None
            row = (f"| {name} | {t:.2f} / {cpu:.2f} | {m:.0f} | "
                   f"{'' if step is None else f'{step:.2f} / {step_cpu:.2f}'} |")
            if name == "load":
                row = f"| {name} ({size / 1e6 / t:.0f} MB/s) | {t:.2f} / {cpu:.2f} | {m:.0f} | |"
            for p in peers:
                blank = " | |" if p == INPROC else ""
                if peer_step is None or (p, peer_step) in UNSUPPORTED:
                    row += " n/a | | |" + blank
                    continue
                if a.skip_slow and (p, peer_step, scale) in SLOW:
                    row += " skipped | | |" + blank
                    continue
                pout = tempfile.mktemp(suffix=".out")
                pt, pm, perr, pcpu = timed_err(["/usr/bin/python3", os.path.join(HERE, "peer.py"),
                                                p, peer_step, d, pout], peer_runs)
                if os.path.exists(pout):
                    os.unlink(pout)
                row += f" {pt:.2f} / {pcpu:.2f} | {pm:.0f} | {t / pt:.2f} |"
                if p == INPROC:
                    # 'peer: load L s, step T s (C s of processor)' (the last run's)
                    f = [ln for ln in perr.splitlines() if ln.startswith("peer: load")][-1].split()
                    ip, ipc = float(f[5]), float(f[7][1:])
                    row += f" {ip:.3f} / {ipc:.3f} |"
                    row += (f" {step / ip:.2f} / {step_cpu / ipc:.2f} |"
                            if step is not None and ip > 0 and ipc > 0 else " |")
            say(row)
            if name == "report":
                stages = report_stages(err)
        if floor:
            say()
            say(f"floors: cat {floor[0]:.3f} s ({size / 1e6 / floor[0]:.0f} MB/s); C CSV scan "
                f"{floor[1]:.3f} s ({size / 1e6 / floor[1]:.0f} MB/s); C Brandes, unweighted, "
                f"one thread: {floor[2]:.2f} ms per source of wall, {floor[3]:.2f} of processor "
                f"({floor[3] * 256 / 1e3:.2f} s of processor for 256)")
        if stages:  # below the table, which a line inside would break
            say()
            say(stages)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
