/* collabnet overlap: how much networks share, and who sits in several of them. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

static const char *leads(const cn_overlap_pair *p)
{
    return p->lead_a_in_b && p->lead_b_in_a ? "mutual"
           : p->lead_a_in_b                 ? "a_in_b"
           : p->lead_b_in_a                 ? "b_in_a"
                                            : "";
}

static char *num(char buf[32], size_t v)
{
    snprintf(buf, 32, "%zu", v);
    return buf;
}

static char *real(char buf[32], double v, cli_format format)
{
    snprintf(buf, 32, format == FORMAT_TABLE ? "%.4f" : "%.17g", v);
    return buf;
}

static json_t *kinds_json(const size_t *by_kind)
{
    json_t *o = json_object();

    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        json_object_set_new(o, cn_node_kind_name((cn_node_kind)k),
                            json_integer((json_int_t)by_kind[k]));
    }
    return o;
}

static int emit_pairs(FILE *fp, const cn_graph *g, const cn_overlap *ov, size_t top,
                      cli_format format)
{
    size_t n = cn_overlap_pair_count(ov);
    n = n < top ? n : top;
    if (format == FORMAT_JSON) {
        json_t *arr = json_array();
        for (size_t k = 0; k < n; k++) {
            const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
            json_t *o = json_object();
            json_object_set_new(o, "a", json_string(cn_graph_node_id(g, p->a)));
            json_object_set_new(o, "b", json_string(cn_graph_node_id(g, p->b)));
            json_object_set_new(o, "shared", json_integer((json_int_t)p->shared));
            json_object_set_new(o, "shared_by_kind", kinds_json(p->shared_by_kind));
            json_object_set_new(o, "size_a", json_integer((json_int_t)p->size_a));
            json_object_set_new(o, "size_b", json_integer((json_int_t)p->size_b));
            json_object_set_new(o, "jaccard", json_real(p->jaccard));
            json_object_set_new(o, "overlap", json_real(p->overlap));
            json_object_set_new(o, "lead_a_in_b", json_boolean(p->lead_a_in_b));
            json_object_set_new(o, "lead_b_in_a", json_boolean(p->lead_b_in_a));
            json_array_append_new(arr, o);
        }
        json_t *root = json_object();
        json_object_set_new(root, "collabnet", json_string(cn_version()));
        json_object_set_new(root, "pairs", arr);
        int rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
        fputc('\n', fp);
        json_decref(root);
        return rc;
    }
    {
        const char *h[] = { "a", "b", "shared", "shared_institution", "shared_enterprise",
                            "shared_expert", "shared_network", "size_a", "size_b", "jaccard",
                            "overlap", "leads" };
        cli_table t;
        int rc = 0;
        if (cli_table_start(&t, fp, format, 12, h) < 0) {
            return -1;
        }
        for (size_t c = 2; c < 11; c++) {
            t.right[c] = true;
        }
        for (size_t k = 0; k < n && rc == 0; k++) {
            const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
            char b[8][32];
            const char *row[] = { cn_graph_node_id(g, p->a), cn_graph_node_id(g, p->b),
                                  num(b[0], p->shared), num(b[1], p->shared_by_kind[0]),
                                  num(b[2], p->shared_by_kind[1]), num(b[3], p->shared_by_kind[2]),
                                  num(b[4], p->shared_by_kind[3]), num(b[5], p->size_a),
                                  num(b[6], p->size_b), real(b[7], p->jaccard, format),
                                  NULL, leads(p) };
            char ov_buf[32];
            row[10] = real(ov_buf, p->overlap, format);
            rc = cli_table_add(&t, row);
        }
        if (rc == 0) {
            cli_table_emit(&t, fp, format);
        }
        cli_table_fini(&t);
        return rc;
    }
}

static int emit_matrix(FILE *fp, const cn_graph *g, const cn_overlap *ov, cli_format format)
{
    size_t n = cn_graph_node_count(g), nn = 0;
    size_t *nets = malloc((n + 1) * sizeof *nets), *col = malloc((n + 1) * sizeof *col);
    size_t *row = NULL;
    int rc = 0;

    if (!nets || !col) {
        free(nets);
        free(col);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        col[i] = (size_t)-1;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            col[i] = nn;
            nets[nn++] = i;
        }
    }
    /* rows are filled one at a time from the sparse pairs: memory stays linear */
    if (!(row = calloc(nn + 1, sizeof *row))) {
        rc = -1;
    }
    json_t *root = NULL, *matrix = NULL;
    cli_table t;
    bool have_table = false;
    if (rc == 0 && format == FORMAT_JSON) {
        json_t *ids = json_array();
        root = json_object();
        matrix = json_array();
        for (size_t c = 0; c < nn; c++) {
            json_array_append_new(ids, json_string(cn_graph_node_id(g, nets[c])));
        }
        json_object_set_new(root, "collabnet", json_string(cn_version()));
        json_object_set_new(root, "networks", ids);
    } else if (rc == 0) {
        const char **h = malloc((nn + 1) * sizeof *h);
        if (!h) {
            rc = -1;
        } else {
            h[0] = "id";
            for (size_t c = 0; c < nn; c++) {
                h[c + 1] = cn_graph_node_id(g, nets[c]);
            }
            rc = cli_table_start(&t, fp, format, nn + 1, h);
            have_table = rc == 0;
            for (size_t c = 1; rc == 0 && c <= nn; c++) {
                t.right[c] = true;
            }
            free(h);
        }
    }
    /* pairs touching each network, by one pass over the pair list per row would be quadratic in
     * pairs; instead bucket the pairs by network once */
    size_t np = cn_overlap_pair_count(ov);
    size_t *off = rc == 0 ? calloc(nn + 2, sizeof *off) : NULL, *idx = NULL;
    if (rc == 0 && off && (idx = malloc((2 * np + 1) * sizeof *idx))) {
        for (size_t k = 0; k < np; k++) {
            const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
            off[col[p->a] + 2]++;
            off[col[p->b] + 2]++;
        }
        for (size_t c = 0; c < nn; c++) {
            off[c + 2] += off[c + 1];
        }
        for (size_t k = 0; k < np; k++) {
            const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
            idx[off[col[p->a] + 1]++] = k;
            idx[off[col[p->b] + 1]++] = k;
        }
    } else if (rc == 0) {
        rc = -1;
    }
    for (size_t r = 0; rc == 0 && r < nn; r++) {
        memset(row, 0, nn * sizeof *row);
        row[r] = cn_overlap_size(ov, nets[r]);
        for (size_t k = off[r]; k < off[r + 1]; k++) {
            const cn_overlap_pair *p = cn_overlap_pair_at(ov, idx[k]);
            row[col[p->a == nets[r] ? p->b : p->a]] = p->shared;
        }
        if (format == FORMAT_JSON) {
            json_t *jr = json_array();
            for (size_t c = 0; c < nn; c++) {
                json_array_append_new(jr, json_integer((json_int_t)row[c]));
            }
            json_array_append_new(matrix, jr);
        } else {
            const char **cells = malloc((nn + 1) * sizeof *cells);
            char (*bufs)[32] = malloc((nn + 1) * sizeof *bufs);
            if (!cells || !bufs) {
                rc = -1;
            } else {
                cells[0] = cn_graph_node_id(g, nets[r]);
                for (size_t c = 0; c < nn; c++) {
                    cells[c + 1] = num(bufs[c], row[c]);
                }
                rc = cli_table_add(&t, cells);
            }
            free(cells);
            free(bufs);
        }
    }
    if (format == FORMAT_JSON && root) {
        json_object_set_new(root, "matrix", matrix);
        if (rc == 0) {
            rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            fputc('\n', fp);
        }
        json_decref(root);
    } else if (have_table) {
        if (rc == 0) {
            cli_table_emit(&t, fp, format);
        }
        cli_table_fini(&t);
    }
    free(off);
    free(idx);
    free(row);
    free(nets);
    free(col);
    return rc;
}

/* Distinct strings, sorted, ';'-joined into buf. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *join_unique(char *buf, size_t size, const char **items, size_t n)
{
    size_t len = 0;

    qsort(items, n, sizeof *items, cmp_str);
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++) {
        if (!items[i][0] || (i > 0 && strcmp(items[i], items[i - 1]) == 0)) {
            continue;
        }
        len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ";" : "", items[i]);
    }
    return buf;
}

static int emit_actors(FILE *fp, const cn_graph *g, const cn_overlap *ov, size_t top,
                       cli_format format)
{
    const char *h[] = { "id", "label", "kind", "networks", "network_ids", "fields", "regions",
                        "field_list", "region_list" };
    size_t n = cn_overlap_spanner_count(ov);
    json_t *arr = format == FORMAT_JSON ? json_array() : NULL;
    cli_table t;
    int rc = 0;

    n = n < top ? n : top;
    if (!arr && cli_table_start(&t, fp, format, 9, h) < 0) {
        return -1;
    }
    if (!arr) {
        t.right[3] = t.right[5] = t.right[6] = true;
    }
    for (size_t k = 0; k < n && rc == 0; k++) {
        size_t i = cn_overlap_spanner(ov, k), nn = cn_overlap_node_network_count(ov, i), nf = 0;
        const char **items = NULL;
        char ids[4096], fields[2048], regions[512], b[3][32];
        size_t cap = 0, len = 0;
        for (size_t j = 0; j < nn; j++) {
            cap += cn_graph_node_field_count(g, cn_overlap_node_network(ov, i, j));
        }
        items = malloc((cap + nn + 1) * sizeof *items);
        if (!items) {
            rc = -1;
            break;
        }
        ids[0] = '\0';
        for (size_t j = 0; j < nn && len < sizeof ids; j++) {
            size_t p = cn_overlap_node_network(ov, i, j);
            len += (size_t)snprintf(ids + len, sizeof ids - len, "%s%s", j ? ";" : "",
                                    cn_graph_node_id(g, p));
            for (size_t f = 0; f < cn_graph_node_field_count(g, p); f++) {
                items[nf++] = cn_graph_node_field(g, p, f);
            }
        }
        join_unique(fields, sizeof fields, items, nf);
        for (size_t j = 0; j < nn; j++) {
            items[j] = cn_graph_network_region(g, cn_overlap_node_network(ov, i, j));
        }
        join_unique(regions, sizeof regions, items, nn);
        free(items);
        if (arr) {
            json_t *o = json_object(), *ja = json_array();
            json_object_set_new(o, "id", json_string(cn_graph_node_id(g, i)));
            json_object_set_new(o, "label", json_string(cn_graph_node_label(g, i)));
            json_object_set_new(o, "kind", json_string(cn_node_kind_name(cn_graph_node_kind(g, i))));
            for (size_t j = 0; j < nn; j++) {
                json_array_append_new(ja, json_string(cn_graph_node_id(g, cn_overlap_node_network(ov, i, j))));
            }
            json_object_set_new(o, "networks", ja);
            json_object_set_new(o, "fields", json_string(fields));
            json_object_set_new(o, "regions", json_string(regions));
            json_object_set_new(o, "fields_spanned", json_integer((json_int_t)cn_overlap_fields_spanned(ov, i)));
            json_object_set_new(o, "regions_spanned", json_integer((json_int_t)cn_overlap_regions_spanned(ov, i)));
            json_array_append_new(arr, o);
            continue;
        }
        const char *row[] = { cn_graph_node_id(g, i), cn_graph_node_label(g, i),
                              cn_node_kind_name(cn_graph_node_kind(g, i)), num(b[0], nn), ids,
                              num(b[1], cn_overlap_fields_spanned(ov, i)),
                              num(b[2], cn_overlap_regions_spanned(ov, i)), fields, regions };
        rc = cli_table_add(&t, row);
    }
    if (arr) {
        json_t *root = json_object();
        json_object_set_new(root, "collabnet", json_string(cn_version()));
        json_object_set_new(root, "actors", arr);
        rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', fp);
        json_decref(root);
        return rc;
    }
    if (rc == 0) {
        cli_table_emit(&t, fp, format);
    }
    cli_table_fini(&t);
    return rc;
}

static int emit_groups(FILE *fp, const cn_overlap *ov, cn_group_by by, size_t top,
                       cli_format format)
{
    cn_group_overlap *rows = NULL;
    size_t n = 0;
    int rc = cn_overlap_groups(&rows, &n, ov, by);

    if (rc < 0) {
        return rc;
    }
    n = n < top ? n : top;
    if (format == FORMAT_JSON) {
        json_t *arr = json_array(), *root = json_object();
        for (size_t k = 0; k < n; k++) {
            json_t *o = json_object();
            json_object_set_new(o, "a", json_string(rows[k].a));
            json_object_set_new(o, "b", json_string(rows[k].b));
            json_object_set_new(o, "shared", json_integer((json_int_t)rows[k].shared));
            json_object_set_new(o, "shared_by_kind", kinds_json(rows[k].shared_by_kind));
            json_array_append_new(arr, o);
        }
        json_object_set_new(root, "collabnet", json_string(cn_version()));
        json_object_set_new(root, "by", json_string(by == CN_GROUP_FIELD ? "field" : "region"));
        json_object_set_new(root, "groups", arr);
        rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', fp);
        json_decref(root);
    } else {
        const char *h[] = { by == CN_GROUP_FIELD ? "field_a" : "region_a",
                            by == CN_GROUP_FIELD ? "field_b" : "region_b", "shared",
                            "shared_institution", "shared_enterprise", "shared_expert",
                            "shared_network" };
        cli_table t;
        if ((rc = cli_table_start(&t, fp, format, 7, h)) == 0) {
            for (size_t c = 2; c < 7; c++) {
                t.right[c] = true;
            }
            for (size_t k = 0; k < n && rc == 0; k++) {
                char b[5][32];
                const char *row[] = { rows[k].a, rows[k].b, num(b[0], rows[k].shared),
                                      num(b[1], rows[k].shared_by_kind[0]),
                                      num(b[2], rows[k].shared_by_kind[1]),
                                      num(b[3], rows[k].shared_by_kind[2]),
                                      num(b[4], rows[k].shared_by_kind[3]) };
                rc = cli_table_add(&t, row);
            }
            if (rc == 0) {
                cli_table_emit(&t, fp, format);
            }
        }
        cli_table_fini(&t);
    }
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
    enum { PAIRS, ACTORS, MATRIX, GROUPS } mode = PAIRS;
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
        int rc = mode == ACTORS   ? emit_actors(out.fp, g, ov, top, format)
                 : mode == MATRIX ? emit_matrix(out.fp, g, ov, format)
                 : mode == GROUPS ? emit_groups(out.fp, ov, by, top, format)
                                  : emit_pairs(out.fp, g, ov, top, format);
        if (rc < 0) {
            /* -1: a writer ran out of memory; else the library's status (--by: CN_ELIMIT) */
            status = rc == -1 ? (cli_error("out of memory"), EXIT_INTERNAL) : cli_status(rc);
            cli_out_abort(&out);
        } else {
            status = cli_out_commit(&out);
        }
    }
    cn_overlap_destroy(ov);
    cn_graph_destroy(g);
    return status;
}
