#!/usr/bin/python3
"""Les Misérables fixture for tests/test_communities.c, made once, offline.

Run with Debian's interpreter (python3-networkx 2.8.8, python3-igraph 0.10.2):

    /usr/bin/python3 tests/ref/lesmis_communities.py

Writes tests/data/lesmis/{nodes,edges}.csv from NetworkX's les_miserables_graph() (77
characters, 254 weighted co-appearance ties; character k in NetworkX's node order is collabnet
id ck, its name the label) and tests/data/lesmis/expected.csv: python-igraph's
community_leiden(objective_function="modularity", weights="weight", n_iterations=-1) and
community_multilevel(weights="weight") over seeds 1..20, the best modularity of each
(g.modularity(..., weights="weight"), Newman-Girvan at resolution 1), and the membership of the
best Leiden partition with its modularity, for collabnet's own formula to recompute.
"""
import csv
import os
import random

import igraph as ig
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "lesmis")
SEEDS = range(1, 21)


def main():
    G = nx.les_miserables_graph()
    names = list(G.nodes)
    assert len(names) == 77 and G.number_of_edges() == 254
    idx = {n: k for k, n in enumerate(names)}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "nodes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "kind"])
        for k, n in enumerate(names):
            w.writerow([f"c{k + 1}", n, "expert"])
    edges = sorted((min(idx[u], idx[v]), max(idx[u], idx[v]), d["weight"])
                   for u, v, d in G.edges(data=True))
    with open(os.path.join(OUT, "edges.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "kind", "weight"])
        for a, b, wt in edges:
            w.writerow([f"c{a + 1}", f"c{b + 1}", "collaboration", wt])
    g = ig.Graph(n=77, edges=[(a, b) for a, b, _ in edges])
    g.es["weight"] = [wt for _, _, wt in edges]
    best = {}
    for method in ("leiden", "louvain"):
        for s in SEEDS:
            random.seed(s)
            ig.set_random_number_generator(random)
            if method == "leiden":
                p = g.community_leiden(objective_function="modularity", weights="weight",
                                       n_iterations=-1)
            else:
                p = g.community_multilevel(weights="weight")
            q = g.modularity(p.membership, weights="weight")
            if method not in best or q > best[method][0]:
                best[method] = (q, p.membership)
    with open(os.path.join(OUT, "expected.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["what", "value"])
        w.writerow(["leiden_best_modularity", repr(best["leiden"][0])])
        w.writerow(["louvain_best_modularity", repr(best["louvain"][0])])
        w.writerow(["leiden_best_membership", " ".join(map(str, best["leiden"][1]))])
    print(best["leiden"][0], best["louvain"][0])


if __name__ == "__main__":
    main()
