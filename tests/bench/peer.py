#!/usr/bin/python3
"""One benchmark step done by a peer tool (NetworkX, python-igraph or graph-tool), for
tests/bench/bench.py.

    /usr/bin/python3 peer.py networkx|igraph|graph-tool STEP DATASET_DIR [OUTPUT]

Loads the dataset the way a user would, with every attribute (nodes and edges), builds the
collaboration graph (repeated pairs merged, weights summed; a tie's length is 1/weight, as in
collabnet), then does STEP: load, degree, pagerank, closeness, betweenness, coreness,
betweenness256 and betweenness256u (weighted and unweighted, NetworkX and graph-tool), overlap
(not graph-tool); or, for STEP graphml, writes the whole dataset (every node and edge row with
its attributes) to OUTPUT as GraphML instead (not graph-tool); or, for STEP ties, writes the
collaboration graph to OUTPUT for the C floors (bench.py: uint32 vertex count, tie count, the
256 sources collabnet samples, then each tie's two vertices). The harness times the whole
process; on stderr the peer prints one line, 'peer: load L s, step T s', its own clock around
the load (CSV to graph) and around the step's calls (in process, after the load), and the
step's processor seconds.

graph-tool's sampled betweenness uses the 256 sources collabnet's --sample 256 --seed 1 draws
(the same splitmix64 partial Fisher-Yates over the actors in file order); NetworkX draws its own
256 (seed 1)."""
import csv
import sys
import time

tool, step, root = sys.argv[1], sys.argv[2], sys.argv[3]
T0 = time.perf_counter()
C_LOAD = None


def loaded():
    """The wall seconds since the start; remembers the processor seconds, for done()."""
    global C_LOAD
    C_LOAD = time.process_time()
    return time.perf_counter() - T0


def done(t_load):
    """The in-process clocks on stderr, for bench.py: the load's and the step's wall seconds,
    and the step's processor seconds (every thread of the process)."""
    print(f"peer: load {t_load:.3f} s, step {time.perf_counter() - t_load - T0:.3f} s "
          f"({time.process_time() - C_LOAD:.3f} s of processor)", file=sys.stderr)


def pivots(nv, k, seed=1):
    """The k sources collabnet samples among nv vertices (libnet/analysis/centrality.c:
    sample_vertices, splitmix64, partial Fisher-Yates)."""
    mask = (1 << 64) - 1
    state = seed
    idx = list(range(nv))
    for i in range(min(k, nv)):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        j = i + z % (nv - i)
        idx[i], idx[j] = idx[j], idx[i]
    return idx[:k]


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

if step == "ties":
    import struct

    actors = [i for i, row in enumerate(nodes) if row["kind"] != "network"]
    vid = {n: k for k, n in enumerate(actors)}
    with open(sys.argv[4], "wb") as f:
        f.write(struct.pack("<II", len(actors), len(ties)))
        f.write(struct.pack(f"<{256}I", *pivots(len(actors), 256)))
        for a, b in ties:
            f.write(struct.pack("<II", vid[a], vid[b]))
    sys.exit(0)
if tool == "graph-tool":
    import numpy as np
    import graph_tool as gt
    import graph_tool.centrality as gc
    import graph_tool.topology as gtop

    actors = [i for i, row in enumerate(nodes) if row["kind"] != "network"]
    vid = {n: k for k, n in enumerate(actors)}
    g = gt.Graph(directed=False)
    g.add_vertex(len(actors))
    for key in nodes[0].keys():
        g.vp[key] = g.new_vp("string", vals=[nodes[i][key] for i in actors])
    w = np.fromiter(ties.values(), dtype=np.float64, count=len(ties))
    el = np.empty((len(ties), 4), dtype=np.float64)
    el[:, 0] = [vid[a] for a, _ in ties]
    el[:, 1] = [vid[b] for _, b in ties]
    el[:, 2] = w
    el[:, 3] = 1.0 / w
    weight, length = g.new_ep("double"), g.new_ep("double")
    g.add_edge_list(el, eprops=[weight, length])
    t_load = loaded()
    if step == "degree":
        vs = g.get_vertices()
        g.get_total_degrees(vs)
        g.get_total_degrees(vs, eweight=weight)
    elif step == "pagerank":
        gc.pagerank(g, weight=weight)
    elif step == "closeness":
        gc.closeness(g, weight=length, norm=False)
        gc.closeness(g, weight=length, norm=False, harmonic=True)
    elif step == "betweenness":
        gc.betweenness(g, weight=length, norm=False)
    elif step in ("betweenness256", "betweenness256u"):
        piv = np.array(pivots(g.num_vertices(), 256), dtype=np.uint64)
        gc.betweenness(g, pivots=piv, weight=length if step == "betweenness256" else None,
                       norm=False)
    elif step == "coreness":
        gtop.kcore_decomposition(g)
    done(t_load)
    sys.exit(0)
if tool == "networkx":
    import networkx as nx

    G = nx.Graph()
    for i, row in enumerate(nodes):
        if row["kind"] != "network":
            G.add_node(i, **row)
    for (a, b), w in ties.items():
        G.add_edge(a, b, weight=w, length=1.0 / w)
    t_load = loaded()
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
    elif step == "betweenness256u":
        nx.betweenness_centrality(G, k=256, normalized=False, seed=1)
    elif step == "coreness":
        nx.core_number(G)
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
    t_load = loaded()
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
    elif step == "coreness":
        g.coreness()
    elif step == "overlap":
        B = ig.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in memberships])
        B.vs["type"] = [row["kind"] == "network" for row in nodes]
        for key in edges[0].keys():
            B.es[key] = [row[key] for _, _, row in memberships]
        B.bipartite_projection(multiplicity=True, which=1)
done(t_load)
