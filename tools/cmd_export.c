/* collabnet export: the dataset in the formats of other tools. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cmd_export_usage(FILE *fp)
{
    fprintf(fp,
        "Usage: collabnet export [OPTIONS] DATASET_DIR --to FORMAT -o FILE\n\n"
        "Write the dataset with every node and edge attribute for other tools.\n\n"
        "      --to FORMAT       graphml (NetworkX read_graphml, igraph, Gephi, Cytoscape),\n"
        "                        gexf (Gephi; since/until as spells for the timeline),\n"
        "                        json (node-link: D3, NetworkX node_link_graph) or dot\n"
        "                        (Graphviz); default: from FILE's extension\n"
        "  -o, --output FILE     write to FILE, atomically; '-' or none: stdout\n"
        "      --with centrality add centrality measures as node attributes; these\n"
        "                        options choose them (as in collabnet centrality):\n"
        "  -m, --measures LIST   default all: degree, strength, betweenness, closeness,\n"
        "                        harmonic, eigenvector, pagerank, constraint, coreness\n"
        "  -g, --graph G         collaboration (default), membership, combined, comembership\n"
        "      --projection-weight W, --unweighted, --normalized, --sample K, --seed S,\n"
        "      --exact, -j N, --max-ties N  as in collabnet centrality\n"
        "      --max-errors N    print at most N dataset problems (default 100)\n"
        "      --at DATE         the ecosystem as it stood then (README \"Time\")\n"
        "  -h, --help            show this help\n\n"
        "Every edge row is an edge from source to target; fields are one string joined\n"
        "by ';' (a list in JSON); empty values are left out, as is a measure for a node\n"
        "outside the measure's graph. In DOT, nodes are named n0, n1, ... with the\n"
        "dataset id in the 'id' attribute, and backslashes are doubled.\n\n"
        "Exit status: 0 ok, 64 usage, 65 data error, 66 no such dataset, 70 internal\n"
        "error, 73 cannot create output, 74 I/O error.\n");
}

enum { OPT_TO = 1, OPT_WITH };

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        { "to", required_argument, NULL, OPT_TO }, { "output", required_argument, NULL, 'o' },
        { "with", required_argument, NULL, OPT_WITH }, CLI_CENTRALITY_OPTIONS,
        CLI_DATASET_OPTIONS, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    cn_export_options eo = CN_EXPORT_OPTIONS_INIT;
    cli_centrality ca = CLI_CENTRALITY_INIT;
    cli_dataset_opts dopts = { 0 };
    const char *to = NULL, *output = NULL;
    cn_measure ms[CN_MEASURE_COUNT];
    size_t nm = 0;
    bool with = false, centrality_given = false;
    cn_graph *g = NULL;
    cli_out out;
    int c, status = EXIT_OK, rc;

    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "o:m:g:j:h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_TO: to = optarg; break;
        case 'o': output = optarg; break;
        case OPT_WITH:
            if (strcmp(optarg, "centrality") != 0) {
                cli_error("unknown --with '%s' (expected centrality)", optarg);
                return EXIT_USAGE;
            }
            with = true;
            break;
        case 'h': cmd_export_usage(stdout); return EXIT_OK;
        default:
            if (cli_centrality_option(&ca, c, optarg, &status)) {
                if (status != EXIT_OK) {
                    return status;
                }
                centrality_given = true;
                break;
            }
            if ((status = cli_other_option(&dopts, c, optarg, cmd_export_usage)) != EXIT_OK) {
                return status;
            }
            break;
        }
    }
    if (!cli_one_dataset(argc, "export", cmd_export_usage)) {
        return EXIT_USAGE;
    }
    if (centrality_given && !with) {
        cli_error("centrality options need --with centrality");
        return EXIT_USAGE;
    }
    if (!to && output && strcmp(output, "-") != 0) {
        const char *dot = strrchr(output, '.');
        to = dot && strcmp(dot, ".gv") == 0 ? "dot" : dot ? dot + 1 : NULL;
    }
    if (!to) {
        cli_error("no format: give --to graphml|gexf|json|dot");
        return EXIT_USAGE;
    }
    if (cn_export_format_parse(&eo.format, to) != 0) {
        cli_error("%s", cn_errmsg());
        return EXIT_USAGE;
    }
    if (with && !cli_centrality_measures(&ca, ms, &nm)) {
        return EXIT_USAGE;
    }
    if ((status = cli_load(&g, argv[optind], &dopts)) != EXIT_OK) {
        return status;
    }
    if (with) {
        cli_centrality_auto_sample(&ca, g, ms, nm);
        eo.measures = ms;
        eo.nmeasures = nm;
        eo.centrality = ca.o;
    }
    if ((status = cli_out_open(&out, output)) == EXIT_OK) {
        rc = cn_export(out.fp, g, &eo);
        if (rc != 0) {
            cli_out_abort(&out);
            status = rc == CN_EIO ? (cli_error("%s", cn_errmsg()), EXIT_IOERR) : cli_status(rc);
        } else {
            status = cli_out_commit(&out);
        }
    }
    cn_graph_destroy(g);
    return status;
}
