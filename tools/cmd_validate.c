/* collabnet validate: load a dataset and report every contract violation. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

void cmd_validate_usage(FILE *fp)
{
    fprintf(fp, "Usage: collabnet validate [--max-errors N] [--at DATE] [--quiet] DATASET_DIR\n\n"
                "Check DATASET_DIR/nodes.csv and edges.csv against the dataset contract.\n"
                "Every problem is printed to stderr as FILE:LINE: message.\n\n"
                "  --max-errors N  print at most N problems (default 100)\n"
                "  --at DATE       the ecosystem as it stood then: only edges in force\n"
                "                  (since <= DATE <= until; README \"Time\")\n"
                "  -q, --quiet     print nothing on success\n"
                "  -h, --help      show this help\n\n"
                "Exit status: 0 valid, 64 usage, 65 the data break the contract, 66 no such\n"
                "dataset directory, 70 internal error, 74 read error.\n");
}

int cmd_validate(int argc, char **argv)
{
    static const struct option opts[] = { CLI_DATASET_OPTIONS,
                                          { "quiet", no_argument, NULL, 'q' },
                                          { "help", no_argument, NULL, 'h' },
                                          { NULL, 0, NULL, 0 } };
    cli_dataset_opts dopts = { 0 };
    bool quiet = false;
    cn_graph *g = NULL;
    int c, status = EXIT_OK;

    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case 'q': quiet = true; break;
        case 'h': cmd_validate_usage(stdout); return EXIT_OK;
        default:
            if ((status = cli_other_option(&dopts, c, optarg, cmd_validate_usage)) != EXIT_OK) {
                return status;
            }
            break;
        }
    }
    if (!cli_one_dataset(argc, "validate", cmd_validate_usage)) {
        return EXIT_USAGE;
    }
    status = cli_load(&g, argv[optind], &dopts);
    if (status == EXIT_OK && !quiet) {
        size_t n = cn_graph_node_count(g), m = cn_graph_edge_count(g), t = cn_graph_tie_count(g);
        cli_line(stdout, "%s: valid: %zu node%s, %zu edge row%s (%zu membership, %zu collaboration "
                         "in %zu tie%s)",
                 argv[optind], n, n == 1 ? "" : "s", m, m == 1 ? "" : "s",
                 cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP),
                 cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION), t, t == 1 ? "" : "s");
    }
    cn_graph_destroy(g);
    return status;
}
