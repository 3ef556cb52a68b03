/* collabnet mixing and brokerage: how groups of actors tie to each other, and who brokers
 * between them (README "mixing", "brokerage"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../libnet/results/results.h"
#include "commands.h"

/* Write the tables @p t[0..n) (text: one after another; CSV: the first) or the document @p d
 * (JSON) to a new output. Returns an exit status. */
static int write_out(const char *output, cli_format format, cni_table *const *t, size_t n,
                     const cni_doc *d)
{
    cli_out out;
    int status, rc = 0;

    if ((status = cli_out_open(&out, output)) != EXIT_OK) {
        return status;
    }
    if (format == FORMAT_JSON) {
        rc = cli_write_doc(out.fp, d);
    } else {
        for (size_t k = 0; k < (format == FORMAT_CSV ? 1 : n) && rc == 0; k++) {
            if (k > 0) {
                fputc('\n', out.fp);
            }
            rc = cli_write_table(out.fp, format, t[k]);
        }
    }
    if (rc < 0 && rc != CN_EIO) {
        cli_out_abort(&out);
        return cli_status(rc);
    }
    status = cli_out_commit(&out);
    return status != EXIT_OK ? status : cli_status(rc);
}

static cni_doc *new_doc(const char *by)
{
    cni_doc *d = NULL;

    if (cni_doc_create(&d) == 0) {
        cni_doc_text(d, "collabnet", cn_version());
        cni_doc_text(d, "by", by);
    }
    return d;
}

/* ---- mixing ---- */

enum { OPT_BY = 256, OPT_PAIRS, OPT_MATRIX, OPT_WEIGHT, OPT_SUMMARY };

#define BY_HELP                                                                                \
    "group actors by region (default), country, field,\n"                                     \
    "kind or an extra column of nodes.csv; actors with\n"                                     \
    "an empty value are left out, with their ties, and\n"                                     \
    "counted"

static const cli_option mixing_options[] = {
    { "by", 0, "ATTR", BY_HELP, OPT_BY },
    { "pairs", 0, NULL,
      "the pairs of groups with ties instead: ties, summed\n"
      "weight and share of all ties", OPT_PAIRS },
    { "matrix", 0, NULL, "the group x group matrix of ties instead", OPT_MATRIX },
    { "weight", 0, NULL, "with --matrix: summed tie weights, not ties", OPT_WEIGHT },
    { "summary", 0, NULL, "the whole-graph measures only", OPT_SUMMARY },
    CLI_OUTPUT_OPTIONS,
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_mixing_spec = {
    "mixing", "mixing [OPTIONS] DATASET_DIR",
    "How groups of actors tie to each other in the collaboration graph: the ties\n"
    "inside and between groups, each group's internal share and Krackhardt-Stern\n"
    "E-I index (external - internal) / (external + internal), the same for the whole\n"
    "graph, and Newman's assortativity coefficient. By default the whole-graph\n"
    "measures, then a row per group (CSV: the groups).\n",
    mixing_options,
    "With --by field an actor is in the group of each of its fields: a tie between\n"
    "actors with a and b fields adds 1/(a*b) to each pair of their fields, and the\n"
    "assortativity is computed on the actors with exactly one field (README\n"
    "\"mixing\").\n\n"
    "Exit status: 0 ok, 64 usage (also: --by names no column), 65 data error (also:\n"
    "no actor has a value, no tie between actors with one), 66 no such dataset,\n"
    "70 internal error, 73 cannot create output, 74 I/O error.\n",
    true
};

int cmd_mixing(int argc, char **argv)
{
    enum { GROUPS, PAIRS, MATRIX, SUMMARY } mode = GROUPS;
    const char *by = "region";
    bool weight = false;
    int modes = 0, c, status;
    cli_dataset_opts dopts = { 0 };
    cn_graph *g = NULL;
    cni_groups gr = { 0 };
    cni_mixing mx = { 0 };
    cni_table *t[2] = { NULL, NULL };
    cni_doc *d = NULL;
    cli_parser p;

    cli_parse_begin(&p, &cmd_mixing_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) {
        switch (c) {
        case OPT_BY: by = optarg; break;
        case OPT_PAIRS: mode = PAIRS; modes++; break;
        case OPT_MATRIX: mode = MATRIX; modes++; break;
        case OPT_SUMMARY: mode = SUMMARY; modes++; break;
        case OPT_WEIGHT: weight = true; break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    if (modes > 1) {
        cli_error("--pairs, --matrix and --summary exclude each other");
        return EXIT_USAGE;
    }
    if (weight && mode != MATRIX) {
        cli_error("--weight goes with --matrix");
        return EXIT_USAGE;
    }
    if ((status = cli_load(&g, argv[optind], &dopts)) != EXIT_OK) {
        return status;
    }
    if ((status = cli_status(cni_groups_build(&gr, g, by))) != EXIT_OK
        || (status = cli_status(cni_mixing_compute(&mx, &gr))) != EXIT_OK) {
        goto done;
    }
    {
        int rc = mode == PAIRS    ? cni_results_mixing_pairs(&t[0], &gr, &mx)
                 : mode == MATRIX ? cni_results_mixing_matrix(&t[0], &gr, &mx, weight)
                                  : cni_results_mixing_summary(&t[0], &gr, &mx);
        if (rc == 0 && mode == GROUPS) {
            rc = cni_results_mixing_groups(&t[1], &gr, &mx);
        }
        if (rc == 0 && dopts.format == FORMAT_JSON) {
            d = new_doc(by);
            if (!d) {
                rc = CN_ENOMEM;
            } else if (mode == MATRIX) {
                cni_doc_column(d, "groups", t[0], 0);
                cni_doc_table_arrays(d, "matrix", t[0]);
            } else if (mode == PAIRS) {
                cni_doc_table(d, "pairs", t[0]);
            } else {
                cni_results_mixing_summary_doc(d, "summary", &gr, &mx);
                if (t[1]) {
                    cni_doc_table(d, "groups", t[1]);
                }
            }
            rc = rc < 0 ? rc : cni_doc_status(d);
        }
        if (rc < 0) {
            status = cli_status(rc);
            goto done;
        }
    }
    /* CSV: one table, the groups unless another was asked for */
    if (dopts.format == FORMAT_CSV && mode == GROUPS) {
        cni_table *summary = t[0];
        t[0] = t[1];
        t[1] = summary;
    }
    status = write_out(dopts.output, dopts.format, t, mode == GROUPS ? 2 : 1, d);
done:
    cni_doc_destroy(d);
    cni_table_destroy(t[1]);
    cni_table_destroy(t[0]);
    cni_mixing_fini(&mx);
    cni_groups_fini(&gr);
    cn_graph_destroy(g);
    return status;
}

/* ---- brokerage ---- */

enum { OPT_GROUPS = 300 };

static const cli_option brokerage_options[] = {
    { "by", 0, "ATTR",
      "group actors by region (default), country, kind or\n"
      "an extra column of nodes.csv (one value per actor);\n"
      "actors with an empty value are left out, with their\n"
      "ties", OPT_BY },
    { "groups", 0, NULL, "the roles summed per group instead", OPT_GROUPS },
    CLI_OUTPUT_OPTIONS,
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_brokerage_spec = {
    "brokerage", "brokerage [OPTIONS] DATASET_DIR",
    "Gould and Fernandez's brokerage roles of every actor between groups: over the\n"
    "open two-paths i -> v -> k of the collaboration graph (i and k tied to v, not\n"
    "to each other; each tie read in both directions, as sna::brokerage reads a\n"
    "symmetric matrix), v is a coordinator (i, v, k in one group), itinerant (i and\n"
    "k in one group, v in another), representative (i and v in one group, k in\n"
    "another), gatekeeper (v and k in one group, i in another) or liaison (three\n"
    "groups). CSV and JSON add the expected counts and z-scores of sna's null model.\n",
    brokerage_options,
    "Exit status: 0 ok, 64 usage (also: --by names no column, --by field), 65 data\n"
    "error (also: no actor has a value, no tie between actors with one), 66 no such\n"
    "dataset, 70 internal error, 73 cannot create output, 74 I/O error.\n",
    true
};

int cmd_brokerage(int argc, char **argv)
{
    const char *by = "region";
    bool groups = false;
    int c, status, rc;
    cli_dataset_opts dopts = { 0 };
    cn_graph *g = NULL;
    cni_groups gr = { 0 };
    cni_brokerage br = { 0 };
    cni_table *t[2] = { NULL, NULL };
    cni_doc *d = NULL;
    cli_parser p;

    cli_parse_begin(&p, &cmd_brokerage_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) {
        switch (c) {
        case OPT_BY: by = optarg; break;
        case OPT_GROUPS: groups = true; break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    if ((status = cli_load(&g, argv[optind], &dopts)) != EXIT_OK) {
        return status;
    }
    if ((status = cli_status(cni_groups_build(&gr, g, by))) != EXIT_OK
        || (status = cli_status(cni_brokerage_compute(&br, &gr))) != EXIT_OK) {
        goto done;
    }
    rc = cni_results_brokerage(&t[0], g, &gr, &br);
    if (rc == 0) {
        rc = cni_results_brokerage_groups(&t[1], &gr, &br);
    }
    if (rc == 0 && dopts.format == FORMAT_JSON) {
        if (!(d = new_doc(by))) {
            rc = CN_ENOMEM;
        } else {
            if (!groups) {
                cni_doc_table(d, "actors", t[0]);
            }
            cni_doc_table(d, "groups", t[1]);
            rc = cni_doc_status(d);
        }
    }
    if (rc < 0) {
        status = cli_status(rc);
        goto done;
    }
    status = write_out(dopts.output, dopts.format, groups ? &t[1] : &t[0], 1, d);
done:
    cni_doc_destroy(d);
    cni_table_destroy(t[1]);
    cni_table_destroy(t[0]);
    cni_brokerage_fini(&br);
    cni_groups_fini(&gr);
    cn_graph_destroy(g);
    return status;
}
