#!/usr/bin/python3
"""NetworkX reads collabnet's GEXF 1.2draft with every node, edge, weight and attribute.

Run by meson test (tests/meson.build); exits 77 (skipped) without NetworkX:
    export_networkx.py COLLABNET
For data/vn-374 and a generated S dataset, each of `export -g collaboration` and
`export -g membership` (one direction each: NetworkX refuses mixed GEXF) is read with
networkx.read_gexf and compared with nodes.csv and edges.csv, read here with the csv module:
the nodes, every attribute, every edge by its id (the edge row), its weight, its attributes and
its spell, and the measures against `collabnet centrality -f csv`.
"""
import calendar
import csv
import os
import subprocess
import sys
import tempfile

try:
    import networkx as nx
except ImportError:
    print("no NetworkX (Debian's python3-networkx): skipped")
    sys.exit(77)

EDGE_BUILTIN = ("source", "target", "kind", "role", "weight", "since", "until", "ref")
NODE_BUILTIN = ("id", "label", "kind", "region", "country", "fields")


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [{k.strip().lower(): (v or "") for k, v in r.items()} for r in csv.DictReader(f)]


def first_day(d):
    parts = d.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def last_day(d):
    parts = [int(p) for p in d.split("-")]
    if len(parts) == 1:
        parts.append(12)
    if len(parts) == 2:
        parts.append(calendar.monthrange(parts[0], parts[1])[1])
    return "%04d-%02d-%02d" % tuple(parts)


def x_name(name, builtin):
    return "x_" + name if name in builtin else name


def check(collabnet, dataset, graph, tmp):
    gexf = os.path.join(tmp, "%s-%s.gexf" % (os.path.basename(dataset), graph))
    measures = "degree,betweenness"
    subprocess.run([collabnet, "export", dataset, "--to", "gexf", "--gexf-version", "1.2draft",
                    "-g", graph, "--with", "centrality", "-m", measures, "-o", gexf], check=True)
    cent = subprocess.run([collabnet, "centrality", dataset, "-g", graph, "-m", measures,
                           "-f", "csv"], check=True, capture_output=True, text=True).stdout
    values = {r["id"]: r for r in csv.DictReader(cent.splitlines())}
    g = nx.read_gexf(gexf)
    assert g.is_directed() == (graph == "membership"), (graph, type(g))

    nodes = rows(os.path.join(dataset, "nodes.csv"))
    if graph == "collaboration":
        nodes = [n for n in nodes if n["kind"].lower() != "network"]
    assert g.number_of_nodes() == len(nodes), (g.number_of_nodes(), len(nodes))
    for n in nodes:
        got = dict(g.nodes[n["id"]])
        assert got.pop("label") == (n["label"] or n["id"]), (n, got)
        want = {k if k in ("kind", "region", "country", "fields") else x_name(k, NODE_BUILTIN[1:]):
                v.lower() if k == "kind" else v
                for k, v in n.items() if k not in ("id", "label") and v != ""}
        for m in measures.split(","):
            if values[n["id"]][m] != "":
                want[m] = float(values[n["id"]][m])
        for m in measures.split(","):
            if m in want:
                a, b = got.pop(m), want.pop(m)
                assert abs(a - b) <= 1e-12 * max(1.0, abs(b)), (n["id"], m, a, b)
        assert got == want, (n["id"], got, want)

    edges = rows(os.path.join(dataset, "edges.csv"))
    by_id = {d["id"]: (u, v, d) for u, v, d in g.edges(data=True)}
    kept = 0
    for i, e in enumerate(edges):
        kind = e["kind"].lower() or "collaboration"
        if kind != graph:
            continue
        kept += 1
        u, v, d = by_id[str(i)]
        d = dict(d)
        if graph == "collaboration":
            assert {u, v} == {e["source"], e["target"]}, (i, u, v, e)
        else:
            assert (u, v) == (e["source"], e["target"]), (i, u, v, e)
        assert d.pop("id") == str(i)
        assert d.pop("weight") == float(e["weight"] or 1), (i, d, e)
        spells = d.pop("spells", None)
        if e["since"] or e["until"]:
            want = (first_day(e["since"]) if e["since"] else "None",
                    last_day(e["until"]) if e["until"] else "None")
            assert spells == [want], (i, spells, want)
        else:
            assert spells is None, (i, spells)
        want = {k if k in EDGE_BUILTIN else x_name(k, EDGE_BUILTIN[2:]): v
                for k, v in e.items() if k not in ("source", "target", "weight") and v != ""}
        want["kind"] = kind
        if kind == "membership":
            want["role"] = (e["role"] or "member").lower()
        assert d == want, (i, d, want)
    assert g.number_of_edges() == kept, (g.number_of_edges(), kept)
    return g.number_of_nodes(), kept


def main():
    collabnet = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory(prefix="cn-nx-") as tmp:
        gen = os.path.join(tmp, "S")
        subprocess.run([collabnet, "generate", "--scale", "S", "-o", gen], check=True,
                       stderr=subprocess.DEVNULL)
        for dataset in (os.path.join(here, "..", "data", "vn-374"), gen):
            for graph in ("collaboration", "membership"):
                n, m = check(collabnet, dataset, graph, tmp)
                print("ok %s -g %s: %d nodes, %d edges"
                      % (os.path.basename(dataset), graph, n, m))


if __name__ == "__main__":
    main()
