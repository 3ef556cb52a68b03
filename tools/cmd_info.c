/* collabnet info: what a dataset holds, as a table, CSV or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../libnet/results/results.h"
#include "commands.h"

static const char *const table_names[] = { "kinds", "edges", "regions", "fields", "networks",
                                           "umbrellas", "lead-regions", "components", "sources",
                                           NULL };
/* The top-level JSON key holding each table's data. */
static const char *const table_keys[] = { "nodes", "edges", "regions", "fields", "networks",
                                          "umbrellas", "networks_by_lead_region", "components",
                                          "sources" };

enum { OPT_SECTION = 256, SOURCES = 8 };

static const cli_option options[] = {
    CLI_OUTPUT_OPTIONS,
    { "section", 's', "NAME",
      "only this table: kinds, edges, regions, fields,\n"
      "networks, umbrellas, lead-regions, components,\n"
      "sources (the refs the edges cite, their edge\n"
      "count and lines; shown with -s only)\n"
      "(-f csv prints one table: networks unless -s)", OPT_SECTION },
    { "table", 't', "NAME", "deprecated alias of -s, --section", OPT_SECTION },
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_info_spec = {
    "info", "info [-f table|csv|json] [-s NAME] [-o FILE] DATASET_DIR",
    "Summarise a dataset: nodes by kind, region and field; edge rows and merged\n"
    "collaboration ties; every network with its lead, fields, region and members by\n"
    "kind; umbrella networks with their sub-networks by lead region; the connected\n"
    "components of the combined membership + collaboration graph.\n",
    options,
    "A network's lead region is its lead's region (or its own region if it has no\n"
    "lead or the lead has none); nodes by region count networks under it. Nodes\n"
    "without a region or field are grouped under an empty name.\n\n"
    "Exit status: 0 ok, 64 usage, 65 data error, 66 no such dataset, 70 internal\n"
    "error, 73 cannot create output, 74 I/O error.\n",
    true
};

/* The JSON document: everything, or with @p only the same document with just table @p table's
 * key (sources is in it only then). */
static int emit_json(FILE *fp, const cni_info *in, const char *dir, int table, bool only)
{
    const char *keep[] = { "collabnet", "dataset", table_keys[table] };
    cni_doc *d = NULL;
    cni_table *t = NULL;
    int rc;

    if ((rc = cni_results_info_doc(&d, in, dir)) == 0 && only) {
        cni_doc_retain(d, keep, 3);
        if (table == SOURCES && (rc = cni_results_info_table(&t, in, "sources", false)) == 0) {
            cni_doc_table(d, "sources", t);
        }
    }
    if (rc == 0) {
        rc = cli_write_doc(fp, d);
    }
    cni_table_destroy(t);
    cni_doc_destroy(d);
    return rc;
}

/* Every table but sources in text; with @p only (or CSV) just table number @p table. */
static int emit(FILE *fp, const cni_info *in, const char *dir, cli_format format, int table,
                bool only)
{
    int rc = 0;

    if (format == FORMAT_JSON) {
        return emit_json(fp, in, dir, table, only);
    }
    only = only || format == FORMAT_CSV;
    if (!only) {
        cli_line(fp, "Dataset %s", dir); /* the path escaped, as in every text output */
        fputc('\n', fp);
    }
    for (size_t k = 0; rc == 0 && table_names[k]; k++) {
        cni_table *t = NULL;
        if (only ? (int)k != table : k == SOURCES) {
            continue; /* sources: a row per source cited, with -s sources only */
        }
        if ((rc = cni_results_info_table(&t, in, table_names[k], format == FORMAT_TABLE)) == 0
            && (rc = cli_write_table(fp, format, t)) == 0 && !only && k + 1 < SOURCES) {
            fputc('\n', fp);
        }
        cni_table_destroy(t);
    }
    return rc;
}

int cmd_info(int argc, char **argv)
{
    int table = 4, c, status = EXIT_OK;
    cli_dataset_opts dopts = { 0 };
    cn_graph *g = NULL;
    cni_info in = { 0 };
    cli_out out;
    bool table_given = false;
    cli_parser p;

    cli_parse_begin(&p, &cmd_info_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) { /* OPT_SECTION: the parser does the others */
        for (table = 0; table_names[table] && strcmp(table_names[table], optarg); table++) {
        }
        if (!table_names[table]) {
            cli_error("unknown table '%s' (expected kinds, edges, regions, fields, networks, "
                      "umbrellas, lead-regions, components or sources)", optarg);
            return EXIT_USAGE;
        }
        table_given = true;
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    if ((status = cli_load(&g, argv[optind], &dopts)) != EXIT_OK) {
        return status;
    }
    if ((status = cli_status(cni_results_info_compute(&in, g, true))) == EXIT_OK
        && (status = cli_out_open(&out, dopts.output)) == EXIT_OK) {
        int rc = emit(out.fp, &in, argv[optind], dopts.format, table, table_given);
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
