/* collabnet overlap: how much networks share, and who sits in several of them. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../libnet/results/results.h"
#include "commands.h"


enum overlap_mode { PAIRS, ACTORS, MATRIX, GROUPS };

/* The table streams as CSV (memory flat for millions of pairs) or is kept for the other
 * formats; JSON wraps it in the command's document. */
static int begin(cni_table *t, FILE *fp, cli_format format)
{
    return format == FORMAT_CSV ? cli_stream_table(t, fp) : 0;
}

static int finish(FILE *fp, const cni_table *t, cli_format format, const char *key,
                  const char *by)
{
    cni_doc *d = NULL;
    int rc;

    if (format != FORMAT_JSON) {
        return format == FORMAT_CSV ? 0 : cli_write_table(fp, format, t);
    }
    if ((rc = cni_doc_create(&d)) < 0) {
        return rc;
    }
    cni_doc_text(d, "collabnet", cn_version());
    if (by) {
        cni_doc_text(d, "by", by);
    }
    if (key) {
        cni_doc_table(d, key, t);
    } else { /* the matrix: the ids, then the rows as arrays of numbers */
        cni_doc_column(d, "networks", t, 0);
        cni_doc_table_arrays(d, "matrix", t);
    }
    rc = cli_write_doc(fp, d);
    cni_doc_destroy(d);
    return rc;
}

static int emit(FILE *fp, const cn_graph *g, const cn_overlap *ov, enum overlap_mode mode,
                cn_group_by by, size_t top, cli_format format)
{
    cn_group_overlap *rows = NULL;
    size_t n = 0;
    cni_table *t = NULL;
    int rc;

    /* the groups first: a refusal (CN_ELIMIT) comes before any output */
    if (mode == GROUPS && (rc = cn_overlap_groups(&rows, &n, ov, by)) < 0) {
        return rc;
    }
    rc = mode == ACTORS   ? cni_results_overlap_spanners(&t)
         : mode == MATRIX ? cni_results_overlap_matrix(&t, g)
         : mode == GROUPS ? cni_results_overlap_groups(&t, by)
                          : cni_results_overlap_pairs(&t);
    if (rc == 0 && (rc = begin(t, fp, format)) == 0) {
        rc = mode == ACTORS   ? cni_results_overlap_spanners_rows(t, g, ov, top)
             : mode == MATRIX ? cni_results_overlap_matrix_rows(t, g, ov)
             : mode == GROUPS ? cni_results_overlap_groups_rows(t, rows, n, top)
                              : cni_results_overlap_pairs_rows(t, g, ov, top);
    }
    if (rc == 0) {
        rc = finish(fp, t, format,
                    mode == ACTORS   ? "actors"
                    : mode == MATRIX ? NULL
                    : mode == GROUPS ? "groups"
                                     : "pairs",
                    mode != GROUPS ? NULL : by == CN_GROUP_FIELD ? "field" : "region");
    }
    cni_table_destroy(t);
    cn_free(rows);
    return rc;
}

enum { OPT_ACTORS = 256, OPT_MATRIX, OPT_BY, OPT_KIND, OPT_MIN, OPT_TRANS };

static const cli_option options[] = {
    { "actors", 0, NULL,
      "boundary spanners instead: actors in two or more\n"
      "networks, with their networks and the fields and\n"
      "regions these span", OPT_ACTORS },
    { "matrix", 0, NULL,
      "the full network x network matrix of shared\n"
      "members (the diagonal holds each network's size)", OPT_MATRIX },
    { "by", 0, "field|region",
      "members shared by groups of networks: for fields,\n"
      "a network belongs to the group of each of its\n"
      "fields; for regions, to its lead's region (its own\n"
      "if it has no lead)", OPT_BY },
    { "kind", 0, "K",
      "count only members of kind K (institution,\n"
      "enterprise, expert, network)", OPT_KIND },
    { "min-shared", 0, "N", "pairs sharing at least N members (default 1)", OPT_MIN },
    { "transitive", 0, NULL,
      "members of a sub-network count as members of its\n"
      "umbrella", OPT_TRANS },
    { "max-shared", 0, "N",
      "refuse (exit 65) when pairs of networks share more\n"
      "than N members in all, or --transitive walks more\n"
      "than N memberships (default 5000000)", OPT_MAX_SHARED },
    { "top", 'n', "N", "only the first N rows", 0 },
    CLI_OUTPUT_OPTIONS,
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_overlap_spec = {
    "overlap", "overlap [OPTIONS] DATASET_DIR",
    "Every pair of networks that shares members: shared members (in all and by kind),\n"
    "Jaccard (shared / members of either), overlap coefficient (shared / members of\n"
    "the smaller), and whether each lead is a member of the other network. Sorted by\n"
    "shared\n"
    "members, most first.\n",
    options,
    "The leads column says 'mutual' when each network's lead is a member of the\n"
    "other, 'a_in_b' or 'b_in_a' when one is.\n\n"
    "Exit status: 0 ok, 64 usage, 65 data error, 66 no such dataset, 70 internal\n"
    "error, 73 cannot create output, 74 I/O error.\n",
    true
};

int cmd_overlap(int argc, char **argv)
{
    cn_overlap_options o = CN_OVERLAP_OPTIONS_INIT;
    enum overlap_mode mode = PAIRS;
    int modes = 0, c, status = EXIT_OK;
    cn_group_by by = CN_GROUP_FIELD;
    size_t top = (size_t)-1;
    cli_dataset_opts dopts = { 0 };
    cli_format format = FORMAT_TABLE;
    const char *output = NULL;
    cn_graph *g = NULL;
    cn_overlap *ov = NULL;
    cli_out out;
    cli_parser p;

    cli_parse_begin(&p, &cmd_overlap_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) {
        switch (c) {
        case OPT_ACTORS: mode = ACTORS; modes++; break;
        case OPT_MATRIX: mode = MATRIX; modes++; break;
        case OPT_BY:
            if (strcmp(optarg, "field") == 0) {
                by = CN_GROUP_FIELD;
            } else if (strcmp(optarg, "region") == 0) {
                by = CN_GROUP_REGION;
            } else {
                cli_error("unknown grouping '%s' (expected field or region)", optarg);
                return EXIT_USAGE;
            }
            mode = GROUPS;
            modes++;
            break;
        case OPT_KIND:
            for (o.kind = 0; o.kind < CN_NODE_KIND_COUNT
                             && strcmp(optarg, cn_node_kind_name((cn_node_kind)o.kind)) != 0;
                 o.kind++) {
            }
            if (o.kind == CN_NODE_KIND_COUNT) {
                cli_error("unknown kind '%s' (expected institution, enterprise, expert or "
                          "network)", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_MIN:
            if (!cli_parse_positive("--min-shared", optarg, &o.min_shared)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_TRANS: o.transitive = true; break;
        case OPT_MAX_SHARED:
            if (!cli_parse_positive("--max-shared", optarg, &o.max_shared)) {
                return EXIT_USAGE;
            }
            break;
        case 'n':
            if (!cli_parse_positive("--top", optarg, &top)) {
                return EXIT_USAGE;
            }
            break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    format = dopts.format;
    output = dopts.output;
    if (modes > 1) {
        cli_error("--actors, --matrix and --by exclude each other");
        return EXIT_USAGE;
    }
    if ((status = cli_load(&g, argv[optind], &dopts)) != EXIT_OK) {
        return status;
    }
    if ((status = cli_status(cn_overlap_compute(&ov, g, &o))) == EXIT_OK
        && (status = cli_out_open(&out, output)) == EXIT_OK) {
        int rc = emit(out.fp, g, ov, mode, by, top, format);
        if (rc == CN_EIO) { /* a failed write: cli_out_commit() names the output, drops it */
            status = cli_out_commit(&out);
            status = status != EXIT_OK ? status : cli_status(rc);
        } else if (rc < 0) {
            status = cli_status(rc); /* --by: CN_ELIMIT */
            cli_out_abort(&out);
        } else {
            status = cli_out_commit(&out);
        }
    }
    cn_overlap_destroy(ov);
    cn_graph_destroy(g);
    return status;
}
