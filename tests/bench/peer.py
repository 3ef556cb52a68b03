#!/usr/bin/python3
"""One benchmark step done by a peer tool (NetworkX or python-igraph), for tests/bench/bench.py.

    /usr/bin/python3 peer.py networkx|igraph STEP DATASET_DIR [OUTPUT]

Loads the dataset the way a user would, with every attribute (nodes and edges), builds the
collaboration graph (repeated pairs merged, weights summed; a tie's length is 1/weight, as in
collabnet), then does STEP: load, degree, pagerank, closeness, betweenness, betweenness256
(NetworkX only), overlap; or, for STEP graphml, writes the whole dataset (every node and edge
row with its attributes) to OUTPUT as GraphML instead. Prints nothing; the harness times the
whole process."""
import csv
import sys

tool, step, root = sys.argv[1], sys.argv[2], sys.argv[3]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


nodes = read(root + "/nodes.csv")
edges = read(root + "/edges.csv")
index = {row["id"]: i for i, row in enumerate(nodes)}

if step == "graphml":
    # the whole dataset as GraphML: every node and every edge row with their attributes, as
    # `collabnet export --to graphml` writes it (empty values left out, as collabnet does)
    out = sys.argv[4]
    if tool == "networkx":
        import networkx as nx

        G = nx.MultiDiGraph()
        for row in nodes:
            G.add_node(row["id"], **{k: v for k, v in row.items() if k != "id" and v != ""})
        for row in edges:
            G.add_edge(row["source"], row["target"],
                       **{k: v for k, v in row.items() if k not in ("source", "target") and v})
        nx.write_graphml(G, out)
    else:
        import igraph as ig

        g = ig.Graph(n=len(nodes), directed=True,
                     edges=[(index[r["source"]], index[r["target"]]) for r in edges])
        for key in nodes[0].keys():
            g.vs[key] = [r[key] for r in nodes]
        for key in edges[0].keys():
            if key not in ("source", "target"):
                g.es[key] = [r[key] for r in edges]
        g.write_graphml(out)
    sys.exit(0)
ties = {}
memberships = []
for row in edges:
    a, b = index[row["source"]], index[row["target"]]
    if row["kind"] == "collaboration":
        key = (a, b) if a < b else (b, a)
        ties[key] = ties.get(key, 0.0) + float(row["weight"] or 1)
    elif nodes[a]["kind"] != "network":
        # actor memberships: a two-mode graph has no network-in-network edges (collabnet also
        # counts sub-networks as members; in the generated data they are 1 in 60 memberships)
        memberships.append((a, b, row))

if tool == "networkx":
    import networkx as nx

    G = nx.Graph()
    for i, row in enumerate(nodes):
        if row["kind"] != "network":
            G.add_node(i, **row)
    for (a, b), w in ties.items():
        G.add_edge(a, b, weight=w, length=1.0 / w)
    if step == "degree":
        dict(G.degree())
        dict(G.degree(weight="weight"))
    elif step == "pagerank":
        nx.pagerank(G, alpha=0.85, weight="weight")
    elif step == "closeness":
        nx.closeness_centrality(G, distance="length")
        nx.harmonic_centrality(G, distance="length")
    elif step == "betweenness":
        nx.betweenness_centrality(G, weight="length", normalized=False)
    elif step == "betweenness256":
        nx.betweenness_centrality(G, k=256, weight="length", normalized=False, seed=1)
    elif step == "overlap":
        B = nx.Graph()
        for i, row in enumerate(nodes):
            B.add_node(i, bipartite=1 if row["kind"] == "network" else 0, **row)
        for a, b, row in memberships:
            B.add_edge(a, b, **row)
        nets = [i for i, row in enumerate(nodes) if row["kind"] == "network"]
        nx.bipartite.weighted_projected_graph(B, nets)
else:
    import igraph as ig

    actors = [i for i, row in enumerate(nodes) if row["kind"] != "network"]
    vid = {n: k for k, n in enumerate(actors)}
    g = ig.Graph(n=len(actors), edges=[(vid[a], vid[b]) for (a, b) in ties])
    for key in nodes[0].keys():
        g.vs[key] = [nodes[i][key] for i in actors]
    g.es["weight"] = list(ties.values())
    g.es["length"] = [1.0 / w for w in ties.values()]
    if step == "degree":
        g.degree()
        g.strength(weights="weight")
    elif step == "pagerank":
        g.pagerank(weights="weight")
    elif step == "closeness":
        g.closeness(weights="length")
        g.harmonic_centrality(weights="length")
    elif step == "betweenness":
        g.betweenness(weights="length", directed=False)
    elif step == "overlap":
        B = ig.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in memberships])
        B.vs["type"] = [row["kind"] == "network" for row in nodes]
        for key in edges[0].keys():
            B.es[key] = [row[key] for _, _, row in memberships]
        B.bipartite_projection(multiplicity=True, which=1)
