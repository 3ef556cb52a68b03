#!/usr/bin/python3
"""README's recipe for collabnet's weighted betweenness in NetworkX gives collabnet's values.

Run by meson test (tests/meson.build); exits 77 (skipped) without NetworkX:
    betweenness_networkx.py COLLABNET README.md
The recipe is the README's own python block that starts with "# collabnet's betweenness in
NetworkX", run as it is written. The dataset is a part of generated S (the actors reached
first from a3 and their collaboration rows; all of S takes NetworkX minutes): the recipe's
value of every node must be collabnet's `centrality -m betweenness` within 1e-9 relative.
The float recipe (1/weight as a float length) is run too, and how many nodes it misses is
printed: NetworkX compares float path lengths exactly, so 1/3 + 1/3 + 1/3 is not 1.
"""
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

MARK = "# collabnet's betweenness in NetworkX"
ACTORS = 500


def recipe(readme):
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    start = text.index("```python\n" + MARK) + len("```python\n")
    return text[start:text.index("```", start)]


def part_of_s(collabnet, tmp):
    """The first ACTORS actors of generated S in breadth-first order from a3, and the
    collaboration rows between them, as a dataset."""
    full, part = os.path.join(tmp, "S"), os.path.join(tmp, "part")
    subprocess.run([collabnet, "generate", "--scale", "S", "-o", full], check=True,
                   stderr=subprocess.DEVNULL)
    with open(os.path.join(full, "nodes.csv"), newline="", encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    with open(os.path.join(full, "edges.csv"), newline="", encoding="utf-8") as f:
        edges = list(csv.reader(f))
    kind = edges[0].index("kind")
    rows = [r for r in edges[1:] if r[kind] == "collaboration"]
    nbrs = {}
    for r in rows:
        nbrs.setdefault(r[0], []).append(r[1])
        nbrs.setdefault(r[1], []).append(r[0])
    keep, queue = {"a3"}, ["a3"]
    while queue and len(keep) < ACTORS:
        for v in nbrs.get(queue.pop(0), []):
            if v not in keep and len(keep) < ACTORS:
                keep.add(v)
                queue.append(v)
    os.makedirs(part)
    with open(os.path.join(part, "nodes.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows([nodes[0]] + [n for n in nodes[1:]
                                                                   if n[0] in keep])
    with open(os.path.join(part, "edges.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(
            [edges[0]] + [r for r in rows if r[0] in keep and r[1] in keep])
    return part


def main():
    collabnet, readme = sys.argv[1], sys.argv[2]
    code = recipe(readme)
    with tempfile.TemporaryDirectory(prefix="cn-bc-") as tmp:
        part = part_of_s(collabnet, tmp)
        subprocess.run([collabnet, "export", part, "-g", "collaboration", "--gexf-version",
                        "1.2draft", "-o", os.path.join(tmp, "c.gexf")], check=True)
        out = subprocess.run([collabnet, "centrality", part, "-m", "betweenness", "-f", "csv"],
                             check=True, capture_output=True, text=True).stdout
        want = {r["id"]: float(r["betweenness"]) for r in csv.DictReader(out.splitlines())}
        cwd = os.getcwd()
        os.chdir(tmp)
        scope = {}
        exec(compile(code, "README.md", "exec"), scope)
        os.chdir(cwd)
    bc, ties = scope["bc"], scope["ties"]
    assert set(bc) == set(want), (len(bc), len(want))
    bad = [(v, bc[v], want[v]) for v in want
           if abs(bc[v] - want[v]) > 1e-9 * max(1.0, abs(want[v]))]
    assert not bad, "%d of %d nodes differ, e.g. %s" % (len(bad), len(want), bad[:3])
    for u, v, d in ties.edges(data=True):
        d["float_length"] = 1 / d["weight"]
    naive = nx.betweenness_centrality(ties, weight="float_length", normalized=False)
    off = sum(abs(naive[v] - want[v]) > 1e-9 * max(1.0, abs(want[v])) for v in want)
    print("ok: the recipe gives collabnet's betweenness on all %d nodes (%d ties); "
          "1/weight as a float misses %d" % (len(want), ties.number_of_edges(), off))


if __name__ == "__main__":
    main()
