/* collabnet export: the dataset in the formats of other tools. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum { OPT_TO = 1, OPT_WITH, OPT_GEXF_VERSION };

static const cli_option options[] = {
    { "to", 'f', "FORMAT",
      "graphml (NetworkX read_graphml, igraph, Gephi,\n"
      "Cytoscape), gexf (Gephi; since/until as spells for\n"
      "the timeline), json (node-link: D3, NetworkX\n"
      "node_link_graph) or dot (Graphviz); default: from\n"
      "FILE's extension", OPT_TO },
    { "gexf-version", 0, "V",
      "1.3 (default; Gephi 0.9 and later) or 1.2draft\n"
      "(NetworkX read_gexf, older Gephi)", OPT_GEXF_VERSION },
    { "graph", 'g', "G",
      "the graph written: all (default: every node and\n"
      "edge row), collaboration (actors and their\n"
      "ties, undirected: for NetworkX) or membership\n"
      "(directed); with --with centrality also the\n"
      "measures' graph, which may be combined or\n"
      "comembership (all written)", 'g' },
    { "output", 'o', "FILE", "write to FILE, atomically; '-' or none: stdout", 0 },
    { "with", 0, "LIST",
      "add node attributes, a comma-separated list of:\n"
      "centrality (the measures; the options below\n"
      "choose them, as in collabnet centrality),\n"
      "communities (community, community_size: Leiden\n"
      "on the -g graph, --unweighted, --seed),\n"
      "brokerage (each actor's Gould-Fernandez roles\n"
      "between regions, brokerage_ROLE, as collabnet\n"
      "brokerage)", OPT_WITH },
    CLI_OPT_MEASURES,
    CLI_CENTRALITY_OPTIONS_BUT_GRAPH,
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_export_spec = {
    "export", "export [OPTIONS] DATASET_DIR --to FORMAT -o FILE",
    "Write the dataset with every node and edge attribute for other tools.\n",
    options,
    "Every edge row is an edge from source to target; fields are one string joined\n"
    "by ';' (a list in JSON); empty values are left out, as is a measure for a node\n"
    "outside the measure's graph. In DOT, nodes are named n0, n1, ... with the\n"
    "dataset id in the 'id' attribute, and backslashes are doubled. GEXF spells give\n"
    "a reduced date as its period's first day (start) or last day (end): until 2027\n"
    "is 2027-12-31.\n\n"
    "Exit status: 0 ok, 64 usage, 65 data error, 66 no such dataset, 70 internal\n"
    "error, 73 cannot create output, 74 I/O error.\n",
    true
};

/* --with LIST: the attribute groups to add, each at most once. */
static bool parse_with(const char *list, bool *centrality, bool *communities,
                       const char **brokerage_by)
{
    char *copy = strdup(list), *save = NULL, *tok;
    bool ok = copy != NULL;

    if (!copy) {
        cli_error("out of memory");
    }
    for (tok = ok ? strtok_r(copy, ",", &save) : NULL; tok && ok;
         tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "centrality") == 0) {
            *centrality = true;
        } else if (strcmp(tok, "communities") == 0) {
            *communities = true;
        } else if (strcmp(tok, "brokerage") == 0) {
            *brokerage_by = "region";
        } else {
            cli_error("unknown --with '%s' (expected centrality, communities or brokerage)",
                      tok);
            ok = false;
        }
    }
    free(copy);
    return ok;
}

int cmd_export(int argc, char **argv)
{
    cn_export_options eo = CN_EXPORT_OPTIONS_INIT;
    cli_centrality ca = CLI_CENTRALITY_INIT;
    cli_dataset_opts dopts = { 0 };
    const char *to = NULL, *output = NULL;
    cn_measure ms[CN_MEASURE_COUNT];
    size_t nm = 0;
    bool with = false, communities = false, centrality_given = false;
    cn_graph *g = NULL;
    cli_out out;
    cli_parser p;
    int c, status = EXIT_OK, rc;

    cli_parse_begin(&p, &cmd_export_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) {
        switch (c) {
        case OPT_TO: to = optarg; break;
        case 'o': output = optarg; break;
        case OPT_GEXF_VERSION:
            if (cn_gexf_version_parse(&eo.gexf_version, optarg) != 0) {
                cli_error("%s", cn_errmsg());
                return EXIT_USAGE;
            }
            break;
        case 'g':
            /* collaboration and membership are written alone and measured; combined and
             * comembership, centrality views only, are measured on the whole graph written */
            if (cn_export_graph_parse(&eo.graph, optarg) != 0) {
                eo.graph = CN_EXPORT_GRAPH_ALL;
                if (strcmp(optarg, "combined") != 0 && strcmp(optarg, "comembership") != 0) {
                    cli_error("unknown graph '%s' (expected all, collaboration, membership, "
                              "combined or comembership)", optarg);
                    return EXIT_USAGE;
                }
                centrality_given = true;
            }
            if (eo.graph != CN_EXPORT_GRAPH_ALL || centrality_given) {
                cli_centrality_option(&ca, c, optarg, &status);
            }
            break;
        case OPT_WITH:
            if (!parse_with(optarg, &with, &communities, &eo.brokerage_by)) {
                return EXIT_USAGE;
            }
            break;
        default:
            if (cli_centrality_option(&ca, c, optarg, &status) && status != EXIT_OK) {
                return status;
            }
            centrality_given = true;
            break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    if (centrality_given && !with && !communities) {
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
    if (communities) {
        eo.communities = true;
        eo.community.view = ca.o.view;
        eo.community.projection = ca.o.projection;
        eo.community.weighted = ca.o.weighted;
        eo.community.seed = ca.o.seed;
        eo.community.max_ties = ca.o.max_ties;
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
