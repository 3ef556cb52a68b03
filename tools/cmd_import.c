/* collabnet import: a GraphML file (Gephi, Cytoscape, NetworkX, igraph) becomes a dataset. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum { OPT_NODE_KIND = 1, OPT_DEFAULT_KIND, OPT_EDGE_KIND, OPT_LABEL, OPT_MAXE, OPT_KIND_MAP };

static const cli_option options[] = {
    { "output", 'o', "DIR", "the new dataset directory (must not exist; not '-')", 0 },
    { "node-kind", 0, "ATTR",
      "the node attribute holding the kind: institution,\n"
      "enterprise, expert or network (default: kind)", OPT_NODE_KIND },
    { "default-kind", 0, "K",
      "the kind of nodes without that attribute or with a\n"
      "value that is no kind (default: none, such a node is\n"
      "an error); a warning says how many took it", OPT_DEFAULT_KIND },
    { "kind-map", 0, "VALUE=KIND,...",
      "read the kind attribute's VALUE (any case) as KIND, a\n"
      "node or edge kind: person=expert,software=institution\n"
      "(TinkerPop), gene=expert (KEGG); may be repeated", OPT_KIND_MAP },
    { "edge-kind", 0, "ATTR",
      "the edge attribute holding membership or\n"
      "collaboration (default: kind; edges without it are\n"
      "collaboration)", OPT_EDGE_KIND },
    { "label", 0, "ATTR", "the node attribute for labels (default: label)", OPT_LABEL },
    { "max-errors", 0, "N", "print at most N problems (default 100)", OPT_MAXE },
    CLI_OPTION_END
};

const cli_spec cmd_import_spec = {
    "import", "import [OPTIONS] FILE.graphml -o DATASET_DIR",
    "Make a dataset directory (nodes.csv, edges.csv) from a GraphML file, e.g. one\n"
    "saved by Gephi, Cytoscape, NetworkX or igraph. Node attributes region, country\n"
    "and fields, and edge attributes role, weight, since, until and ref fill the\n"
    "contract's columns; every other attribute becomes an extra column. In a file\n"
    "written by igraph (nodes n0, n1, ... in order) the node attribute id, or else\n"
    "name, is the id; without a label attribute, name is the label.\n",
    options,
    "A membership edge drawn from a network to an actor is turned around. The\n"
    "dataset is written beside DIR and renamed into place only once it loads; every\n"
    "problem is printed as FILE:LINE: message with the GraphML line, and what is\n"
    "not kept (a <graph>'s <data>) as FILE:LINE: warning: message. Internal\n"
    "entities are replaced; external entities and DTDs are never read.\n\n"
    "Exit status: 0 ok, 64 usage, 65 the file cannot become a dataset, 66 no such\n"
    "file, 70 internal error, 73 DIR exists or cannot be created (no parent\n"
    "directory, no permission), 74 cannot write the dataset.\n",
    false
};

/* Add the pairs of @p arg ("VALUE=KIND,...") to *map (NULL-terminated VALUE, KIND pairs
 * pointing into *bufs, which keeps every copied argument). 0 or EXIT_USAGE. */
static int add_kind_map(const char ***map, size_t *n, char ***bufs, size_t *nbufs, const char *arg)
{
    char *s = strdup(arg), **nb = s ? realloc(*bufs, (*nbufs + 1) * sizeof *nb) : NULL;
    int k;

    if (!nb) {
        free(s);
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    *bufs = nb;
    nb[(*nbufs)++] = s;
    for (char *save = NULL, *pair = strtok_r(s, ",", &save); pair;
         pair = strtok_r(NULL, ",", &save)) {
        char *eq = strrchr(pair, '=');
        const char **nm = realloc(*map, (*n + 3) * sizeof *nm);
        if (!nm) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        *map = nm;
        if (!eq || eq == pair) {
            cli_error("--kind-map: '%s' is not VALUE=KIND", pair);
            return EXIT_USAGE;
        }
        *eq = '\0';
        for (k = 0; k < CN_NODE_KIND_COUNT && strcmp(eq + 1, cn_node_kind_name((cn_node_kind)k));
             k++) {
        }
        if (k == CN_NODE_KIND_COUNT && strcmp(eq + 1, "membership") != 0
            && strcmp(eq + 1, "collaboration") != 0) {
            cli_error("--kind-map: unknown kind '%s' (expected institution, enterprise, expert, "
                      "network, membership or collaboration)", eq + 1);
            return EXIT_USAGE;
        }
        nm[(*n)++] = pair;
        nm[(*n)++] = eq + 1;
        nm[*n] = NULL;
    }
    return 0;
}

int cmd_import(int argc, char **argv)
{
    cn_import_options o = CN_IMPORT_OPTIONS_INIT;
    const char *output = NULL;
    const char **map = NULL;
    char **bufs = NULL;
    size_t nmap = 0, nbufs = 0;
    cn_diag_list *diags = NULL;
    cli_parser p;
    int c, rc, k;

    cli_parse_begin(&p, &cmd_import_spec, argc, argv, NULL);
    while ((c = cli_parse_next(&p)) >= 0) {
        switch (c) {
        case 'o': output = optarg; break;
        case OPT_NODE_KIND: o.node_kind = optarg; break;
        case OPT_EDGE_KIND: o.edge_kind = optarg; break;
        case OPT_LABEL: o.label = optarg; break;
        case OPT_DEFAULT_KIND:
            for (k = 0; k < CN_NODE_KIND_COUNT && strcmp(optarg, cn_node_kind_name((cn_node_kind)k)); k++) {
            }
            if (k == CN_NODE_KIND_COUNT) {
                cli_error("unknown kind '%s' (expected institution, enterprise, expert or "
                          "network)", optarg);
                rc = EXIT_USAGE;
                goto done;
            }
            o.default_node_kind = k;
            break;
        case OPT_KIND_MAP:
            if ((rc = add_kind_map(&map, &nmap, &bufs, &nbufs, optarg)) != 0) {
                goto done;
            }
            o.kind_map = map;
            break;
        case OPT_MAXE:
            if (!cli_parse_positive("--max-errors", optarg, &o.max_errors)) {
                rc = EXIT_USAGE;
                goto done;
            }
            break;
        }
    }
    if (c == CLI_STOP) {
        rc = p.status;
        goto done;
    }
    if (optind != argc - 1) {
        cli_usage_error(&cmd_import_spec, "give one GraphML file");
        rc = EXIT_USAGE;
        goto done;
    }
    if (!cli_output_dir(output, &cmd_import_spec, &rc)) {
        goto done;
    }
    if ((rc = cn_diag_list_create(&diags, o.max_errors)) < 0) {
        rc = cli_status(rc);
        goto done;
    }
    rc = cn_import_graphml(argv[optind], output, &o, diags);
    cli_print_diags(diags);
    cn_diag_list_destroy(diags);
    if (rc == CN_EDATA) {
        cli_error("%s; nothing written", cn_errmsg());
        rc = EXIT_DATA;
    } else if (rc == CN_ENOENT) {
        cli_error("%s", cn_errmsg());
        rc = EXIT_NOINPUT;
    } else if (rc == CN_EIO) {
        cli_error("%s", cn_errmsg());
        rc = EXIT_IOERR;
    } else {
        rc = cli_status(rc);
    }
done:
    for (size_t b = 0; b < nbufs; b++) {
        free(bufs[b]);
    }
    free(bufs);
    free(map);
    return rc;
}
