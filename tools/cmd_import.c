/* collabnet import: a GraphML file (Gephi, Cytoscape, NetworkX, igraph) becomes a dataset. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum { OPT_NODE_KIND = 1, OPT_DEFAULT_KIND, OPT_EDGE_KIND, OPT_LABEL, OPT_MAXE };

static const cli_option options[] = {
    { "output", 'o', "DIR", "the new dataset directory (must not exist; not '-')", 0 },
    { "node-kind", 0, "ATTR",
      "the node attribute holding the kind: institution,\n"
      "enterprise, expert or network (default: kind)", OPT_NODE_KIND },
    { "default-kind", 0, "K",
      "the kind of nodes without that attribute (default:\n"
      "none, such a node is an error)", OPT_DEFAULT_KIND },
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
    "contract's columns; every other attribute becomes an extra column.\n",
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

int cmd_import(int argc, char **argv)
{
    cn_import_options o = CN_IMPORT_OPTIONS_INIT;
    const char *output = NULL;
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
                return EXIT_USAGE;
            }
            o.default_node_kind = k;
            break;
        case OPT_MAXE:
            if (!cli_parse_positive("--max-errors", optarg, &o.max_errors)) {
                return EXIT_USAGE;
            }
            break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    if (optind != argc - 1) {
        cli_usage_error(&cmd_import_spec, "give one GraphML file");
        return EXIT_USAGE;
    }
    if (!cli_output_dir(output, &cmd_import_spec, &c)) {
        return c;
    }
    if ((rc = cn_diag_list_create(&diags, o.max_errors)) < 0) {
        return cli_status(rc);
    }
    rc = cn_import_graphml(argv[optind], output, &o, diags);
    cli_print_diags(diags);
    cn_diag_list_destroy(diags);
    if (rc == CN_EDATA) {
        cli_error("%s; nothing written", cn_errmsg());
        return EXIT_DATA;
    }
    if (rc == CN_ENOENT) {
        cli_error("%s", cn_errmsg());
        return EXIT_NOINPUT;
    }
    if (rc == CN_EIO) {
        cli_error("%s", cn_errmsg());
        return EXIT_IOERR;
    }
    return cli_status(rc);
}
