#!/usr/bin/python3
"""Write tests/data/karate/{nodes,edges}.csv from NetworkX's karate_club_graph().

Run with Debian's interpreter (python3-networkx 2.8.8): /usr/bin/python3 tests/ref/karate_make_data.py
Member k of Zachary (1977) is NetworkX node k-1 and collabnet id mk.
"""
import csv
import os
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "karate")


def main():
    G = nx.karate_club_graph()
    assert G.number_of_nodes() == 34 and G.number_of_edges() == 78
    assert sorted(G.nodes) == list(range(34))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "nodes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "kind", "faction"])
        for v in range(34):
            w.writerow([f"m{v + 1}", f"Member {v + 1}", "expert", G.nodes[v]["club"]])
    rows = []
    for u, v, d in G.edges(data=True):
        a, b = min(u, v), max(u, v)
        wt = d["weight"]
        assert isinstance(wt, int) and wt > 0, (u, v, wt)
        rows.append((a, b, wt))
    rows.sort()
    with open(os.path.join(OUT, "edges.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "kind", "weight"])
        for a, b, wt in rows:
            w.writerow([f"m{a + 1}", f"m{b + 1}", "collaboration", wt])
    print(f"wrote {OUT}/nodes.csv (34 rows) and edges.csv ({len(rows)} rows)", file=sys.stderr)


if __name__ == "__main__":
    main()
