/* collabnet validate: load a dataset and report every contract violation. */
#include <stdio.h>

#include "commands.h"

static const cli_option options[] = {
    CLI_DATASET_OPTIONS,
    { "quiet", 'q', NULL, "print nothing on success", 0 },
    CLI_OPTION_END
};

const cli_spec cmd_validate_spec = {
    "validate", "validate [--max-errors N] [--at DATE] [--quiet] DATASET_DIR",
    "Check DATASET_DIR/nodes.csv and edges.csv against the dataset contract.\n"
    "Every problem is printed to stderr as FILE:LINE: message.\n",
    options,
    "Exit status: 0 valid, 64 usage, 65 the data break the contract, 66 no such\n"
    "dataset directory, 70 internal error, 74 read error.\n",
    true
};

int cmd_validate(int argc, char **argv)
{
    cli_dataset_opts dopts = { 0 };
    bool quiet = false;
    cn_graph *g = NULL;
    cli_parser p;
    int c, status;

    cli_parse_begin(&p, &cmd_validate_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) {
        if (c == 'q') {
            quiet = true;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
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
