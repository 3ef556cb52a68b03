#!/usr/bin/python3
"""Community detection at scale: collabnet against python-igraph and NetworkX, in one run.

    /usr/bin/python3 tests/bench/communities.py BUILD/tools/collabnet SCALE [SCALE...]
        [--peers igraph,networkx]

For each scale (S, M, L) the dataset is `collabnet generate --scale SCALE --seed 1` (made in
/tmp/cn-bench-comm-SCALE unless there). Each tool runs as a whole process on the same files,
loading nodes.csv and edges.csv and building the weighted collaboration graph (repeated pairs
merged, weights summed, as collabnet does), then:
  collabnet  `communities -s summary -f csv` (Leiden, modularity objective, until stable, seed 1)
  igraph     Graph.community_leiden(objective_function="modularity", weights, n_iterations=-1)
  networkx   networkx.algorithms.community.louvain_communities(G, weight="weight", seed=1)
and prints the wall time, the peak RSS of the process (from getrusage(RUSAGE_CHILDREN)) and the modularity it reached (igraph's
Graph.modularity for the peers; collabnet's own Newman-Girvan figure).
"""
import os
import resource
import subprocess
import sys
import time

PEER = r'''
import csv, sys
root, tool = sys.argv[1], sys.argv[2]
with open(root + "/nodes.csv", newline="", encoding="utf-8") as f:
    nodes = list(csv.DictReader(f))
index = {}
for r in nodes:
    if r["kind"] != "network":
        index[r["id"]] = len(index)
ties = {}
with open(root + "/edges.csv", newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["kind"] != "collaboration":
            continue
        a, b = index[r["source"]], index[r["target"]]
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        ties[key] = ties.get(key, 0.0) + float(r.get("weight") or 1)
if tool == "igraph":
    import igraph as ig, random
    random.seed(1)
    ig.set_random_number_generator(random)
    g = ig.Graph(n=len(index), edges=list(ties))
    g.es["weight"] = list(ties.values())
    p = g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
    print(len(p), g.modularity(p.membership, weights="weight"))
else:
    import networkx as nx
    G = nx.Graph()
    G.add_nodes_from(range(len(index)))
    G.add_weighted_edges_from((a, b, w) for (a, b), w in ties.items())
    parts = nx.algorithms.community.louvain_communities(G, weight="weight", seed=1)
    print(len(parts), nx.algorithms.community.modularity(G, parts, weight="weight"))
'''


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # RUSAGE_CHILDREN keeps the largest peak of any child so far: below it, this child's
    # peak is not known ("<" the earlier one)
    return dt, (f"{rss / 1024:.0f}" if rss > before else f"<{before / 1024:.0f}"), out


def main():
    args = sys.argv[2:]
    peers = ["igraph", "networkx"]
    if "--peers" in args:
        k = args.index("--peers")
        peers = args[k + 1].split(",") if args[k + 1] else []
        del args[k:k + 2]
    exe, scales = sys.argv[1], args
    print("| scale | tool | method | s | peak MB | communities | modularity |")
    print("|---|---|---|---|---|---|---|")
    for scale in scales:
        root = f"/tmp/cn-bench-comm-{scale}"
        if not os.path.isdir(root):
            subprocess.run([exe, "generate", "--scale", scale, "--seed", "1", "-o", root],
                           check=True, capture_output=True)
        dt, mb, out = run([exe, "communities", "-s", "summary", "-f", "csv", root])
        row = out.strip().splitlines()[1].split(",")
        print(f"| {scale} | collabnet | Leiden | {dt:.2f} | {mb} | {row[5]} | "
              f"{float(row[7]):.4f} |", flush=True)
        for tool, method in (("igraph", "Leiden"), ("networkx", "Louvain")):
            if tool not in peers:
                continue
            dt, mb, out = run(["/usr/bin/python3", "-c", PEER, root, tool])
            n, q = out.split()
            print(f"| {scale} | {tool} | {method} | {dt:.2f} | {mb} | {n} | {float(q):.4f} |",
                  flush=True)


if __name__ == "__main__":
    main()
