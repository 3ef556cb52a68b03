#!/usr/bin/python3
"""Write the GraphML fixtures that python-igraph 0.10 and NetworkX 2.8 (Debian 12) write, from collabnet's own
export of tests/data/valid (valid.graphml beside this script, made with
`collabnet export tests/data/valid -o tests/data/graphml/valid.graphml`).

  igraph_roundtrip.graphml  igraph read our export and wrote it back: nodes n0..n4, the real
                            ids in a node attribute `id` (key v_id), edges' ids in `id` too
  igraph_names.graphml      a graph built in igraph with a `name` attribute (igraph's ids)
                            and no label: nodes n0..n2, names as ids and labels
  networkx_roundtrip.graphml  NetworkX read our export and wrote it back: real node ids, keys
                            d0..., edges' ids in an edge attribute `id`

Run from the repository root: /usr/bin/python3 tests/data/graphml/make_peers.py
"""
import os

import igraph
import networkx

here = os.path.dirname(os.path.abspath(__file__))

g = igraph.Graph.Read_GraphML(os.path.join(here, "valid.graphml"))
g.write_graphml(os.path.join(here, "igraph_roundtrip.graphml"))

h = igraph.Graph(directed=True)
h.add_vertices(3)
h.vs["name"] = ["hust", "viettel", "vnnet"]
h.vs["kind"] = ["institution", "enterprise", "network"]
h.add_edges([(0, 2), (0, 1)])
h.es["kind"] = ["membership", "collaboration"]
h.es["weight"] = [1.0, 2.5]
h.write_graphml(os.path.join(here, "igraph_names.graphml"))

n = networkx.read_graphml(os.path.join(here, "valid.graphml"))
networkx.write_graphml(n, os.path.join(here, "networkx_roundtrip.graphml"))
