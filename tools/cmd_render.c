/* collabnet render: a diagram of a dataset drawn by Graphviz in-process. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum { OPT_ENGINE = 1, OPT_MAXN, OPT_GROUP, OPT_SIZE, OPT_TIES, OPT_FOCUS, OPT_DEPTH,
       OPT_TITLE, OPT_LABEL, OPT_LAYOUT_SEED, OPT_IMAGE_FORMAT, OPT_COMMUNITIES };

static const cli_option options[] = {
    { "view", 'v', "V",
      "membership (default): networks with their members,\n"
      "leads drawn thick; overlap: networks tied by\n"
      "shared members; coverage: the field x region\n"
      "table, gaps marked; collaboration: actors sized by\n"
      "a centrality measure; ego: the neighbourhood of\n"
      "--focus", 0 },
    { "output", 'o', "FILE",
      "write to FILE (atomically); '-' for stdout (needs\n"
      "-f)", 0 },
    { "format", 'f', "F",
      "svg, png, pdf or dot (the DOT source, before\n"
      "layout); default: from FILE's extension", OPT_IMAGE_FORMAT },
    { NULL, 'T', "F", "deprecated alias of -f, --format", OPT_IMAGE_FORMAT },
    { "engine", 0, "E",
      "Graphviz layout engine (dot, neato, fdp, sfdp,\n"
      "twopi, circo); default: chosen by view and size", OPT_ENGINE },
    { "max-nodes", 0, "N",
      "node budget (default: membership 300, overlap 75\n"
      "or a matrix of 30 past 30 networks, coverage 10\n"
      "regions and 20 fields, others 200): past it,\n"
      "members are counted in one node per network, the\n"
      "rest summed as \"other\", or the least central\n"
      "left out; the legend says what was done", OPT_MAXN },
    { "group", 0, "C",
      "membership and ego: region, one box per region\n"
      "(membership cards with --fit: a heading per region);\n"
      "coverage: a node column (e.g. country) grouping\n"
      "the regions, a table column per value", OPT_GROUP },
    { "size-by", 0, "M",
      "collaboration: node size by measure M (default\n"
      "pagerank; degree, strength, betweenness, closeness,\n"
      "harmonic, eigenvector, pagerank, constraint,\n"
      "coreness)", OPT_SIZE },
    { "ties", 0, "T",
      "collaboration: collaboration (default, the ties\n"
      "of edges.csv) or comembership (actors sharing\n"
      "networks)", OPT_TIES },
    { "communities", 0, NULL,
      "collaboration: fill actors by community (as\n"
      "collabnet communities finds them; 8 colours)", OPT_COMMUNITIES },
    { "max-ties", 0, "N",
      "--ties comembership: at most N ties (default\n"
      "10000000)", OPT_MAX_TIES },
    { "max-shared", 0, "N",
      "overlap: at most N shared members in all (default\n"
      "5000000); past either limit, exit 65", OPT_MAX_SHARED },
    { "focus", 0, "ID", "ego: the node at the centre", OPT_FOCUS },
    { "depth", 0, "K", "ego: steps out from the focus (default 1)", OPT_DEPTH },
    { "targets", 't', "FILE",
      "coverage: mark gaps against FILE (default:\n"
      "DATASET_DIR/targets.ini if present)", 0 },
    { "title", 0, "TEXT", "the title above the legend", OPT_TITLE },
    { "label-column", 0, "C",
      "label nodes with node column C (e.g. name_en)\n"
      "where set", OPT_LABEL },
    { "wrap", 0, "N", "node labels wrap at N characters (default 22)", OPT_WRAP },
    { "lines", 0, "N",
      "node labels keep at most N lines (default 3); a cut\n"
      "keeps what tells two labels apart", OPT_LINES },
    { "fit", 0, "BOX", CLI_FIT_HELP "\n(default: none, the size the layout gives)",
      OPT_FIT },
    { "font-size", 0, "PT", CLI_FONT_SIZE_HELP, OPT_FONT_SIZE },
    { "dpi", 0, "N", CLI_DPI_HELP, OPT_DPI },
    { "seed", 0, "N", "layout seed for neato, fdp and sfdp (default 1)", OPT_LAYOUT_SEED },
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_render_spec = {
    "render", "render [OPTIONS] DATASET_DIR -o FILE",
    "Draw a view of the dataset with Graphviz. The format comes from FILE's extension\n"
    "(.svg, .png, .pdf, .dot) or from -f. The same input gives the same DOT, SVG, PNG\n"
    "and PDF, byte for byte.\n",
    options,
    "Exit status: 0 ok, 64 usage (also: no such --focus node or label column; a\n"
    "malformed --fit), 65 data or targets error (also: the drawing does not fit\n"
    "--fit at --font-size), 66 no such dataset or targets file, 70 internal or\n"
    "Graphviz error, 73 cannot create output, 74 I/O error.\n",
    true
};

int cmd_render(int argc, char **argv)
{
    cn_render_options ro = CN_RENDER_OPTIONS_INIT;
    cli_dataset_opts dopts = { 0 };
    const char *output = NULL, *format = NULL, *targets_path = NULL;
    char *default_targets = NULL;
    cn_targets *t = NULL;
    cn_graph *g = NULL;
    char *buf = NULL;
    size_t len = 0, n;
    int c, status = EXIT_OK, rc;
    cli_out out;
    cli_parser p;

    cli_parse_begin(&p, &cmd_render_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) {
        switch (c) {
        case 'v':
            if (cn_render_view_parse(&ro.view, optarg) != 0) {
                cli_error("%s", cn_errmsg());
                return EXIT_USAGE;
            }
            break;
        case 'o': output = optarg; break;
        case OPT_IMAGE_FORMAT: format = optarg; break;
        case 't': targets_path = optarg; break;
        case OPT_ENGINE: ro.engine = optarg; break;
        case OPT_MAXN:
            if (!cli_parse_positive("--max-nodes", optarg, &ro.max_nodes)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_GROUP:
            if (strcmp(optarg, "region") == 0) {
                ro.group_by_region = true;
            } else {
                ro.group_column = optarg;
            }
            break;
        case OPT_SIZE:
            if (cn_measure_parse(&ro.size_by, optarg) != 0) {
                cli_error("%s", cn_errmsg());
                return EXIT_USAGE;
            }
            break;
        case OPT_COMMUNITIES: ro.by_community = true; break;
        case OPT_TIES:
            if (strcmp(optarg, "collaboration") == 0) {
                ro.ties = CN_VIEW_COLLABORATION;
            } else if (strcmp(optarg, "comembership") == 0) {
                ro.ties = CN_VIEW_COMEMBERSHIP;
            } else {
                cli_error("unknown ties '%s' (expected collaboration or comembership)", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_MAX_TIES:
            if (!cli_parse_positive("--max-ties", optarg, &ro.max_ties)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_MAX_SHARED:
            if (!cli_parse_positive("--max-shared", optarg, &ro.max_shared)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_FOCUS: ro.focus = optarg; break;
        case OPT_DEPTH:
            if (!cli_parse_positive("--depth", optarg, &ro.depth)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_TITLE: ro.title = optarg; break;
        case OPT_LABEL: ro.label_attr = optarg; break;
        case OPT_FIT:
        case OPT_FONT_SIZE:
        case OPT_DPI:
        case OPT_WRAP:
        case OPT_LINES:
            if (cli_fit_option(&ro, c, optarg, &status), status != EXIT_OK) {
                return status;
            }
            break;
        case OPT_LAYOUT_SEED:
            if (!cli_parse_size(optarg, &n)) {
                cli_error("--seed expects a non-negative integer, not '%s'", optarg);
                return EXIT_USAGE;
            }
            ro.seed = n;
            break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    if (!output) {
        cli_usage_error(&cmd_render_spec, "no output: give -o FILE");
        return EXIT_USAGE;
    }
    if (format ? cn_render_format_parse(&ro.format, format) != 0
               : strcmp(output, "-") == 0 ? (cli_error("writing to stdout needs -f FORMAT"), 1)
                                          : cn_render_format_from_path(&ro.format, output) != 0) {
        if (cn_errmsg()[0]) {
            cli_error("%s", cn_errmsg());
        }
        return EXIT_USAGE;
    }
    if (ro.group_column && ro.view != CN_RENDER_COVERAGE) {
        cli_error("unknown grouping '%s' (expected region; a column groups only the coverage "
                  "view)", ro.group_column);
        return EXIT_USAGE;
    }
    if (ro.view == CN_RENDER_EGO && !ro.focus) {
        cli_error("the ego view needs --focus ID");
        return EXIT_USAGE;
    }
    if (ro.view == CN_RENDER_COVERAGE
        && (status = cli_load_targets(&t, &targets_path, &default_targets,
                                      argv[optind], dopts.max_errors)) != EXIT_OK) {
        free(default_targets);
        return status;
    }
    ro.targets = t;
    if ((status = cli_load(&g, argv[optind], &dopts)) == EXIT_OK
        && (status = cli_check_targets(t, targets_path, g, false, dopts.max_errors)) == EXIT_OK) {
        cn_render_stats st;
        unsigned asked = ro.dpi ? ro.dpi : 144;
        rc = cn_render(&buf, &len, &st, g, &ro);
        status = cli_status(rc);
        if (rc == 0 && ro.format == CN_FORMAT_PNG && st.dpi < asked) {
            cli_error("warning: the PNG is drawn at %g dpi, not %u: larger, its bitmap would "
                      "pass 32000 pixels a side or 100 million pixels (README \"Diagrams\"); "
                      "SVG and PDF keep every detail", st.dpi, asked);
        }
    }
    if (status == EXIT_OK && (status = cli_out_open(&out, output)) == EXIT_OK) {
        if (fwrite(buf, 1, len, out.fp) != len) {
            cli_out_abort(&out);
            cli_error("cannot write '%s'", output);
            status = EXIT_IOERR;
        } else {
            status = cli_out_commit(&out);
        }
    }
    cn_free(buf);
    cn_graph_destroy(g);
    cn_targets_destroy(t);
    free(default_targets);
    return status;
}
