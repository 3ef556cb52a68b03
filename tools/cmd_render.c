/* collabnet render: a diagram of a dataset drawn by Graphviz in-process. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cmd_render_usage(FILE *fp)
{
    fprintf(fp,
        "Usage: collabnet render [OPTIONS] DATASET_DIR -o FILE\n\n"
        "Draw a view of the dataset with Graphviz. The format comes from FILE's extension\n"
        "(.svg, .png, .pdf, .dot) or from -T. The same input gives the same DOT, SVG, PNG\n"
        "and PDF, byte for byte.\n\n"
        "  -v, --view V          membership (default): networks with their members, leads\n"
        "                        drawn thick; overlap: networks tied by shared members;\n"
        "                        coverage: the field x region table, gaps marked;\n"
        "                        collaboration: actors sized by a centrality measure;\n"
        "                        ego: the neighbourhood of --focus\n"
        "  -o, --output FILE     write to FILE (atomically); '-' for stdout (needs -T)\n"
        "  -T, --format F        svg, png, pdf or dot (the DOT source, before layout)\n"
        "      --engine E        Graphviz layout engine (dot, neato, fdp, sfdp, twopi,\n"
        "                        circo); default: chosen by view and size\n"
        "      --max-nodes N     node budget (default: membership 300, overlap 75, others\n"
        "                        200): past it, members are counted in one node per\n"
        "                        network and kind, or the least central left out; the\n"
        "                        legend says what was done\n"
        "      --group region    membership and ego: one box per region\n"
        "      --size-by M       collaboration: node size by measure M (default pagerank;\n"
        "                        degree, strength, betweenness, closeness, harmonic,\n"
        "                        eigenvector, pagerank, constraint, coreness)\n"
        "      --ties T          collaboration: collaboration (default, the ties of\n"
        "                        edges.csv) or comembership (actors sharing networks)\n"
        "      --max-ties N      --ties comembership: at most N ties (default 10000000)\n"
        "      --max-shared N    overlap: at most N shared members in all (default\n"
        "                        5000000); past either limit, exit 65\n"
        "      --focus ID        ego: the node at the centre\n"
        "      --depth K         ego: steps out from the focus (default 1)\n"
        "  -t, --targets FILE    coverage: mark gaps against FILE (default:\n"
        "                        DATASET_DIR/targets.ini if present)\n"
        "      --title TEXT      the title above the legend\n"
        "      --label-column C  label nodes with node column C (e.g. name_en) where set\n"
        "      --dpi N           PNG resolution (default 144); lowered, with a warning,\n"
        "                        so that the bitmap stays within 32000 pixels a side\n"
        "                        and 100 million pixels\n"
        "      --seed N          layout seed for neato, fdp and sfdp (default 1)\n"
        "      --max-errors N    print at most N dataset problems (default 100)\n"
        "      --at DATE         the ecosystem as it stood then (README \"Time\")\n"
        "  -h, --help            show this help\n\n"
        "Exit status: 0 ok, 64 usage (also: no such --focus node or label column), 65\n"
        "data or targets error, 66 no such dataset or targets file, 70 internal or\n"
        "Graphviz error, 73 cannot create output, 74 I/O error.\n");
}

enum { OPT_ENGINE = 1, OPT_MAXN, OPT_GROUP, OPT_SIZE, OPT_TIES, OPT_FOCUS, OPT_DEPTH,
       OPT_TITLE, OPT_LABEL, OPT_DPI, OPT_LAYOUT_SEED };

int cmd_render(int argc, char **argv)
{
    static const struct option opts[] = {
        { "view", required_argument, NULL, 'v' }, { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'T' },
        { "engine", required_argument, NULL, OPT_ENGINE },
        { "max-nodes", required_argument, NULL, OPT_MAXN },
        { "group", required_argument, NULL, OPT_GROUP },
        { "size-by", required_argument, NULL, OPT_SIZE },
        { "ties", required_argument, NULL, OPT_TIES },
        { "max-ties", required_argument, NULL, OPT_MAX_TIES },
        { "max-shared", required_argument, NULL, OPT_MAX_SHARED },
        { "focus", required_argument, NULL, OPT_FOCUS },
        { "depth", required_argument, NULL, OPT_DEPTH },
        { "targets", required_argument, NULL, 't' },
        { "title", required_argument, NULL, OPT_TITLE },
        { "label-column", required_argument, NULL, OPT_LABEL },
        { "dpi", required_argument, NULL, OPT_DPI }, { "seed", required_argument, NULL, OPT_LAYOUT_SEED },
        CLI_DATASET_OPTIONS, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
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

    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "v:o:T:t:h", opts, NULL)) != -1) {
        switch (c) {
        case 'v':
            if (cn_render_view_parse(&ro.view, optarg) != 0) {
                cli_error("%s", cn_errmsg());
                return EXIT_USAGE;
            }
            break;
        case 'o': output = optarg; break;
        case 'T': format = optarg; break;
        case 't': targets_path = optarg; break;
        case OPT_ENGINE: ro.engine = optarg; break;
        case OPT_MAXN:
            if (!cli_parse_positive("--max-nodes", optarg, &ro.max_nodes)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_GROUP:
            if (strcmp(optarg, "region") != 0) {
                cli_error("unknown grouping '%s' (expected region)", optarg);
                return EXIT_USAGE;
            }
            ro.group_by_region = true;
            break;
        case OPT_SIZE:
            if (cn_measure_parse(&ro.size_by, optarg) != 0) {
                cli_error("%s", cn_errmsg());
                return EXIT_USAGE;
            }
            break;
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
        case OPT_DPI:
            if (!cli_parse_positive("--dpi", optarg, &n) || n > CN_RENDER_MAX_DPI) {
                if (n > CN_RENDER_MAX_DPI) {
                    cli_error("--dpi must be at most %u", CN_RENDER_MAX_DPI);
                }
                return EXIT_USAGE;
            }
            ro.dpi = (unsigned)n;
            break;
        case OPT_LAYOUT_SEED:
            if (!cli_parse_size(optarg, &n)) {
                cli_error("--seed expects a non-negative integer, not '%s'", optarg);
                return EXIT_USAGE;
            }
            ro.seed = n;
            break;
        case 'h': cmd_render_usage(stdout); return EXIT_OK;
        default:
            if ((status = cli_other_option(&dopts, c, optarg, cmd_render_usage)) != EXIT_OK) {
                return status;
            }
            break;
        }
    }
    if (!cli_one_dataset(argc, "render", cmd_render_usage)) {
        return EXIT_USAGE;
    }
    if (!output) {
        cli_error("no output: give -o FILE");
        cmd_render_usage(stderr);
        return EXIT_USAGE;
    }
    if (format ? cn_render_format_parse(&ro.format, format) != 0
               : strcmp(output, "-") == 0 ? (cli_error("writing to stdout needs -T FORMAT"), 1)
                                          : cn_render_format_from_path(&ro.format, output) != 0) {
        if (cn_errmsg()[0]) {
            cli_error("%s", cn_errmsg());
        }
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
    if ((status = cli_load(&g, argv[optind], &dopts)) == EXIT_OK) {
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
