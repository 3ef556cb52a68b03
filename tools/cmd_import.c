/* collabnet import: a GraphML file (Gephi, Cytoscape, NetworkX, igraph) becomes a dataset. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cmd_import_usage(FILE *fp)
{
    fprintf(fp,
        "Usage: collabnet import [OPTIONS] FILE.graphml -o DATASET_DIR\n\n"
        "Make a dataset directory (nodes.csv, edges.csv) from a GraphML file, e.g. one\n"
        "saved by Gephi, Cytoscape, NetworkX or igraph. Node attributes region, country\n"
        "and fields, and edge attributes role, weight, since, until and ref fill the\n"
        "contract's columns; every other attribute becomes an extra column.\n\n"
        "  -o, --output DIR      the new dataset directory (must not exist; not '-')\n"
        "      --node-kind ATTR  the node attribute holding the kind: institution,\n"
        "                        enterprise, expert or network (default: kind)\n"
        "      --default-kind K  the kind of nodes without that attribute (default: none,\n"
        "                        such a node is an error)\n"
        "      --edge-kind ATTR  the edge attribute holding membership or collaboration\n"
        "                        (default: kind; edges without it are collaboration)\n"
        "      --label ATTR      the node attribute for labels (default: label)\n"
        "      --max-errors N    print at most N problems (default 100)\n"
        "  -h, --help            show this help\n\n"
        "A membership edge drawn from a network to an actor is turned around. The\n"
        "dataset is written beside DIR and renamed into place only once it loads; every\n"
        "problem is printed as FILE:LINE: message with the GraphML line, and what is\n"
        "not kept (a <graph>'s <data>) as FILE:LINE: warning: message. Internal\n"
        "entities are replaced; external entities and DTDs are never read.\n\n"
        "Exit status: 0 ok, 64 usage, 65 the file cannot become a dataset, 66 no such\n"
        "file, 70 internal error, 73 DIR exists or cannot be created (no parent\n"
        "directory, no permission), 74 cannot write the dataset.\n");
}

enum { OPT_NODE_KIND = 1, OPT_DEFAULT_KIND, OPT_EDGE_KIND, OPT_LABEL, OPT_MAXE };

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' },
        { "node-kind", required_argument, NULL, OPT_NODE_KIND },
        { "default-kind", required_argument, NULL, OPT_DEFAULT_KIND },
        { "edge-kind", required_argument, NULL, OPT_EDGE_KIND },
        { "label", required_argument, NULL, OPT_LABEL },
        { "max-errors", required_argument, NULL, OPT_MAXE },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    cn_import_options o = CN_IMPORT_OPTIONS_INIT;
    const char *output = NULL;
    cn_diag_list *diags = NULL;
    int c, rc, k;

    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
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
        case 'h': cmd_import_usage(stdout); return EXIT_OK;
        default: cmd_import_usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        cli_error("give one GraphML file");
        cmd_import_usage(stderr);
        return EXIT_USAGE;
    }
    if (!cli_output_dir(output, "import", cmd_import_usage, &c)) {
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
