/* collabnet info: what a dataset holds, as a table, CSV or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "results/results.h"

static const char *const table_names[] = { "kinds", "edges", "regions", "fields", "networks",
                                           "umbrellas", "lead-regions", "components", "sources",
                                           NULL };

void cmd_info_usage(FILE *fp)
{
    fprintf(fp,
            "Usage: collabnet info [--format table|csv|json] [--table NAME] [-o FILE] DATASET_DIR\n"
            "\n"
            "Summarise a dataset: nodes by kind, region and field; edge rows and merged\n"
            "collaboration ties; every network with its lead, fields, region and members by\n"
            "kind; umbrella networks with their sub-networks by lead region; the connected\n"
            "components of the combined membership + collaboration graph.\n\n"
            "  -f, --format F   table (default), csv or json\n"
            "  -t, --table T    with csv: which table (kinds, edges, regions, fields, networks\n"
            "                   (default), umbrellas, lead-regions, components, sources: the\n"
            "                   refs the edges cite, their edge count and lines)\n"
            "  -o, --output F   write to F, atomically; '-': stdout\n"
        "      --csv-raw         CSV cells as they are (else text starting with = + - @\n"
        "                        gets a ' in front against spreadsheet formulas)\n"
            "      --max-errors N  print at most N dataset problems (default 100)\n"
            "      --at DATE       the ecosystem as it stood then: only edges in force\n"
            "                      (since <= DATE <= until; README \"Time\")\n"
            "  -h, --help       show this help\n\n"
            "A network's lead region is its lead's region (or its own region if it has no\n"
            "lead). Nodes without a region or field are grouped under an empty name.\n\n"
            "Exit status: 0 ok, 64 usage, 65 data error, 66 no such dataset, 70 internal\n"
            "error, 73 cannot create output, 74 I/O error.\n");
}

/* Every table in text, or table number @p table in CSV, or the JSON document. */
static int emit(FILE *fp, const cni_info *in, const char *dir, cli_format format, int table)
{
    int rc = 0;

    if (format == FORMAT_JSON) {
        cni_doc *d = NULL;
        if ((rc = cni_results_info_doc(&d, in, dir)) == 0) {
            rc = cli_write_doc(fp, d);
        }
        cni_doc_destroy(d);
        return rc;
    }
    if (format == FORMAT_TABLE) {
        cli_line(fp, "Dataset %s", dir); /* the path escaped, as in every text output */
        fputc('\n', fp);
    }
    for (size_t k = 0; rc == 0 && table_names[k]; k++) {
        cni_table *t = NULL;
        if (format == FORMAT_CSV && (int)k != table) {
            continue;
        }
        if (format == FORMAT_TABLE && strcmp(table_names[k], "sources") == 0) {
            break; /* a row per source cited: with -t sources only, not in the summary */
        }
        if ((rc = cni_results_info_table(&t, in, table_names[k], format == FORMAT_TABLE)) == 0
            && (rc = cli_write_table(fp, format, t)) == 0 && format == FORMAT_TABLE
            && strcmp(table_names[k + 1], "sources") != 0) {
            fputc('\n', fp);
        }
        cni_table_destroy(t);
    }
    return rc;
}

int cmd_info(int argc, char **argv)
{
    static const struct option opts[] = { { "table", required_argument, NULL, 't' },
                                          CLI_DATASET_OPTIONS, CLI_OUTPUT_OPTIONS,
                                          { "help", no_argument, NULL, 'h' },
                                          { NULL, 0, NULL, 0 } };
    cli_format format = FORMAT_TABLE;
    const char *output = NULL;
    int table = 4, c, status = EXIT_OK;
    cli_dataset_opts dopts = { 0 };
    cn_graph *g = NULL;
    cni_info in = { 0 };
    cli_out out;
    bool table_given = false;

    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "f:t:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            for (table = 0; table_names[table] && strcmp(table_names[table], optarg); table++) {
            }
            if (!table_names[table]) {
                cli_error("unknown table '%s' (expected kinds, edges, regions, fields, networks, "
                          "umbrellas, lead-regions, components or sources)", optarg);
                return EXIT_USAGE;
            }
            table_given = true;
            break;
        case 'h': cmd_info_usage(stdout); return EXIT_OK;
        default:
            if ((status = cli_other_option(&dopts, c, optarg, cmd_info_usage)) != EXIT_OK) {
                return status;
            }
            break;
        }
    }
    if (!cli_one_dataset(argc, "info", cmd_info_usage)) {
        return EXIT_USAGE;
    }
    format = dopts.format;
    output = dopts.output;
    if (table_given && format != FORMAT_CSV) {
        cli_error("--table applies to --format csv only");
        return EXIT_USAGE;
    }
    if ((status = cli_load(&g, argv[optind], &dopts)) != EXIT_OK) {
        return status;
    }
    if ((status = cli_status(cni_results_info_compute(&in, g))) == EXIT_OK
        && (status = cli_out_open(&out, output)) == EXIT_OK) {
        int rc = emit(out.fp, &in, argv[optind], format, table);
        if (rc < 0) {
            status = cli_status(rc);
            cli_out_abort(&out);
        } else {
            status = cli_out_commit(&out);
        }
    }
    cni_results_info_fini(&in);
    cn_graph_destroy(g);
    return status;
}
