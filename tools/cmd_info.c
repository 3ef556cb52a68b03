/* collabnet info: what a dataset holds, as a table, CSV or JSON. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "info.h"

static const char *const table_names[] = { "kinds", "edges", "regions", "fields", "networks",
                                           "umbrellas", "lead-regions", "components", NULL };

/* The top-level JSON key holding each table's data. */
static const char *const table_keys[] = { "nodes", "edges", "regions", "fields", "networks",
                                          "umbrellas", "networks_by_lead_region", "components" };

enum { OPT_SECTION = 256 };

static const cli_option options[] = {
    CLI_OUTPUT_OPTIONS,
    { "section", 's', "NAME",
      "only this table: kinds, edges, regions, fields,\n"
      "networks, umbrellas, lead-regions, components\n"
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

static const char *none(const char *s)
{
    return s[0] ? s : "(none)";
}

static char *fmt_size(char buf[24], size_t v)
{
    snprintf(buf, 24, "%zu", v);
    return buf;
}

/* The ';'-joined field slugs of node i, in a caller buffer (cut at its size). */
static const char *join_fields(char *buf, size_t size, const cn_graph *g, size_t i)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t k = 0; k < cn_graph_node_field_count(g, i) && len < size; k++) {
        len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? ";" : "",
                                cn_graph_node_field(g, i, k));
    }
    return buf;
}

/* The networks a network is a direct member of, ';'-joined. */
static const char *join_parents(char *buf, size_t size, const cn_graph *g, size_t i)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t k = 0; k < cn_graph_node_network_count(g, i) && len < size; k++) {
        cn_edge e;
        cn_graph_edge(g, cn_graph_node_network_edge(g, i, k), &e);
        len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? ";" : "",
                                cn_graph_node_id(g, e.target));
    }
    return buf;
}

static int group_table(cli_table *t, const char *title, const char *what, const info_group *gs,
                       size_t n, bool show_none)
{
    const char *h[] = { what, "institution", "enterprise", "expert", "network", "total" };
    char b[6][24];

    if (cli_table_init(t, title, 6, h) < 0) {
        return -1;
    }
    for (size_t c = 1; c < 6; c++) {
        t->right[c] = true;
    }
    for (size_t i = 0; i < n; i++) {
        const char *row[] = { show_none ? none(gs[i].name) : gs[i].name,
                              fmt_size(b[0], gs[i].by_kind[0]), fmt_size(b[1], gs[i].by_kind[1]),
                              fmt_size(b[2], gs[i].by_kind[2]), fmt_size(b[3], gs[i].by_kind[3]),
                              fmt_size(b[4], gs[i].total) };
        if (cli_table_add(t, row) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Build table number @p which (index into table_names). */
static int build_table(cli_table *t, const info *in, size_t which, bool for_csv)
{
    const cn_graph *g = in->g;
    char b[8][24];

    switch (which) {
    case 0: {
        const char *h[] = { "kind", "nodes" };
        if (cli_table_init(t, "Nodes by kind", 2, h) < 0) {
            return -1;
        }
        t->right[1] = true;
        for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
            const char *row[] = { cn_node_kind_name((cn_node_kind)k),
                                  fmt_size(b[0], cn_graph_count_kind(g, (cn_node_kind)k)) };
            if (cli_table_add(t, row) < 0) {
                return -1;
            }
        }
        const char *total[] = { "total", fmt_size(b[0], cn_graph_node_count(g)) };
        return cli_table_add(t, total);
    }
    case 1: {
        const char *h[] = { "kind", "rows", "ties", "merged_rows" };
        size_t mem = cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP);
        const char *r1[] = { "membership", fmt_size(b[0], mem), fmt_size(b[1], mem), "0" };
        const char *r2[] = { "collaboration",
                             fmt_size(b[2], cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION)),
                             fmt_size(b[3], cn_graph_tie_count(g)),
                             fmt_size(b[4], in->merged_rows) };
        if (cli_table_init(t, "Edges (repeated collaboration rows merge into one tie)", 4, h) < 0) {
            return -1;
        }
        t->right[1] = t->right[2] = t->right[3] = true;
        return cli_table_add(t, r1) < 0 ? -1 : cli_table_add(t, r2);
    }
    case 2:
        return group_table(t, "Nodes by region", "region", in->regions, in->nregions, !for_csv);
    case 3:
        return group_table(t, "Nodes by field", "field", in->fields, in->nfields, !for_csv);
    case 4: {
        const char *h[] = { "id", "label", "fields", "region", "lead", "lead_region", "parents",
                            "institutions", "enterprises", "experts", "sub_networks",
                            "partners", "members" };
        if (cli_table_init(t, "Networks (direct members; the lead counts as a member)", 13, h)
            < 0) {
            return -1;
        }
        for (size_t c = 7; c < 13; c++) {
            t->right[c] = true;
        }
        for (size_t k = 0; k < in->nnetworks; k++) {
            size_t i = in->networks[k], lead = cn_graph_network_lead(g, i);
            size_t by_kind[CN_NODE_KIND_COUNT], by_role[CN_ROLE_COUNT];
            char fields[512], parents[512];
            cn_graph_network_members(g, i, by_kind, by_role);
            const char *row[] = { cn_graph_node_id(g, i),
                                  cn_graph_node_label(g, i),
                                  join_fields(fields, sizeof fields, g, i),
                                  cn_graph_node_region(g, i),
                                  lead != CN_NONE ? cn_graph_node_id(g, lead) : "",
                                  cn_graph_network_region(g, i),
                                  join_parents(parents, sizeof parents, g, i),
                                  fmt_size(b[0], by_kind[CN_NODE_INSTITUTION]),
                                  fmt_size(b[1], by_kind[CN_NODE_ENTERPRISE]),
                                  fmt_size(b[2], by_kind[CN_NODE_EXPERT]),
                                  fmt_size(b[3], by_kind[CN_NODE_NETWORK]),
                                  fmt_size(b[4], by_role[CN_ROLE_PARTNER]),
                                  fmt_size(b[5], cn_graph_network_member_count(g, i)) };
            if (!for_csv) {
                row[1] = ""; /* labels make the terminal table unreadably wide; see csv/json */
            }
            if (cli_table_add(t, row) < 0) {
                return -1;
            }
        }
        if (!for_csv) {
            /* drop the empty label column from the terminal table */
            for (size_t r = 0; r < t->nrows; r++) {
                free(t->cells[r * t->ncols + 1]);
                memmove(&t->cells[r * (t->ncols - 1)], &t->cells[r * t->ncols],
                        sizeof(char *));
                memmove(&t->cells[r * (t->ncols - 1) + 1], &t->cells[r * t->ncols + 2],
                        (t->ncols - 2) * sizeof(char *));
            }
            memmove(&t->right[1], &t->right[2], (t->ncols - 2) * sizeof *t->right);
            t->ncols--;
        }
        return 0;
    }
    case 5: {
        const char *h[] = { "umbrella", "lead_region", "sub_networks" };
        if (cli_table_init(t, "Umbrella networks: sub-networks by lead region", 3, h) < 0) {
            return -1;
        }
        t->right[2] = true;
        for (size_t u = 0; u < in->numbrellas; u++) {
            const info_umbrella *um = &in->umbrellas[u];
            for (size_t r = 0; r < um->nregions; r++) {
                const char *row[] = { cn_graph_node_id(g, um->net),
                                      for_csv ? um->by_lead_region[r].name
                                              : none(um->by_lead_region[r].name),
                                      fmt_size(b[0], um->by_lead_region[r].total) };
                if (cli_table_add(t, row) < 0) {
                    return -1;
                }
            }
            const char *total[] = { cn_graph_node_id(g, um->net), "total",
                                    fmt_size(b[0], um->subs) };
            if (!for_csv && cli_table_add(t, total) < 0) {
                return -1;
            }
        }
        return 0;
    }
    case 6: {
        const char *h[] = { "lead_region", "networks" };
        if (cli_table_init(t, "All networks by lead region ((none): none known)", 2, h) < 0) {
            return -1;
        }
        t->right[1] = true;
        for (size_t r = 0; r < in->nlead_regions; r++) {
            const char *row[] = { for_csv ? in->lead_regions[r].name
                                          : none(in->lead_regions[r].name),
                                  fmt_size(b[0], in->lead_regions[r].total) };
            if (cli_table_add(t, row) < 0) {
                return -1;
            }
        }
        return 0;
    }
    default: {
        const char *h[] = { "view", "components", "largest", "isolated" };
        const char *row[] = { "combined", fmt_size(b[0], in->components.count),
                              fmt_size(b[1], in->components.largest),
                              fmt_size(b[2], in->components.isolated) };
        if (cli_table_init(t, "Connected components (membership and collaboration together)", 4,
                           h) < 0) {
            return -1;
        }
        t->right[1] = t->right[2] = t->right[3] = true;
        return cli_table_add(t, row);
    }
    }
}

static json_t *kinds_json(const size_t by_kind[CN_NODE_KIND_COUNT])
{
    json_t *o = json_object();

    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        json_object_set_new(o, cn_node_kind_name((cn_node_kind)k), json_integer((json_int_t)by_kind[k]));
    }
    return o;
}

static json_t *groups_json(const char *key, const info_group *gs, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, key, gs[i].name[0] ? json_string(gs[i].name) : json_null());
        json_object_set_new(o, "by_kind", kinds_json(gs[i].by_kind));
        json_object_set_new(o, "total", json_integer((json_int_t)gs[i].total));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *region_counts_json(const info_group *gs, size_t n)
{
    json_t *o = json_object();

    for (size_t i = 0; i < n; i++) {
        json_object_set_new(o, gs[i].name[0] ? gs[i].name : "(none)",
                            json_integer((json_int_t)gs[i].total));
    }
    return o;
}

static json_t *str_or_null(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

static json_t *info_json(const info *in, const char *dir)
{
    const cn_graph *g = in->g;
    json_t *root = json_object(), *nodes = json_object(), *edges = json_object();
    json_t *nets = json_array(), *umbs = json_array(), *comp = json_object();
    size_t by_kind[CN_NODE_KIND_COUNT];

    json_object_set_new(root, "collabnet", json_string(cn_version()));
    json_object_set_new(root, "dataset", json_string(dir));
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        by_kind[k] = cn_graph_count_kind(g, (cn_node_kind)k);
    }
    json_object_set_new(nodes, "total", json_integer((json_int_t)cn_graph_node_count(g)));
    json_object_set_new(nodes, "by_kind", kinds_json(by_kind));
    json_object_set_new(root, "nodes", nodes);
    json_object_set_new(edges, "rows", json_integer((json_int_t)cn_graph_edge_count(g)));
    json_object_set_new(edges, "membership",
                        json_integer((json_int_t)cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP)));
    json_object_set_new(
        edges, "collaboration_rows",
        json_integer((json_int_t)cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION)));
    json_object_set_new(edges, "collaboration_ties", json_integer((json_int_t)cn_graph_tie_count(g)));
    json_object_set_new(edges, "merged_rows", json_integer((json_int_t)in->merged_rows));
    json_object_set_new(root, "edges", edges);
    json_object_set_new(root, "regions", groups_json("region", in->regions, in->nregions));
    json_object_set_new(root, "fields", groups_json("field", in->fields, in->nfields));
    for (size_t k = 0; k < in->nnetworks; k++) {
        size_t i = in->networks[k], lead = cn_graph_network_lead(g, i);
        size_t mk[CN_NODE_KIND_COUNT], mr[CN_ROLE_COUNT];
        json_t *o = json_object(), *fields = json_array(), *parents = json_array(), *roles;
        cn_graph_network_members(g, i, mk, mr);
        for (size_t f = 0; f < cn_graph_node_field_count(g, i); f++) {
            json_array_append_new(fields, json_string(cn_graph_node_field(g, i, f)));
        }
        for (size_t p = 0; p < cn_graph_node_network_count(g, i); p++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_node_network_edge(g, i, p), &e);
            json_array_append_new(parents, json_string(cn_graph_node_id(g, e.target)));
        }
        json_object_set_new(o, "id", json_string(cn_graph_node_id(g, i)));
        json_object_set_new(o, "label", json_string(cn_graph_node_label(g, i)));
        json_object_set_new(o, "fields", fields);
        json_object_set_new(o, "region", str_or_null(cn_graph_node_region(g, i)));
        if (lead != CN_NONE) {
            json_t *l = json_object();
            json_object_set_new(l, "id", json_string(cn_graph_node_id(g, lead)));
            json_object_set_new(l, "label", json_string(cn_graph_node_label(g, lead)));
            json_object_set_new(l, "region", str_or_null(cn_graph_node_region(g, lead)));
            json_object_set_new(o, "lead", l);
        } else {
            json_object_set_new(o, "lead", json_null());
        }
        json_object_set_new(o, "lead_region", str_or_null(cn_graph_network_region(g, i)));
        json_object_set_new(o, "parents", parents);
        json_object_set_new(o, "members", kinds_json(mk));
        roles = json_object();
        for (int r = CN_ROLE_LEAD; r < CN_ROLE_COUNT; r++) {
            json_object_set_new(roles, cn_role_name((cn_role)r), json_integer((json_int_t)mr[r]));
        }
        json_object_set_new(o, "roles", roles);
        json_object_set_new(o, "member_total",
                            json_integer((json_int_t)cn_graph_network_member_count(g, i)));
        json_array_append_new(nets, o);
    }
    json_object_set_new(root, "networks", nets);
    json_object_set_new(root, "networks_by_lead_region",
                        region_counts_json(in->lead_regions, in->nlead_regions));
    for (size_t u = 0; u < in->numbrellas; u++) {
        const info_umbrella *um = &in->umbrellas[u];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(cn_graph_node_id(g, um->net)));
        json_object_set_new(o, "label", json_string(cn_graph_node_label(g, um->net)));
        json_object_set_new(o, "sub_networks", json_integer((json_int_t)um->subs));
        json_object_set_new(o, "sub_networks_by_lead_region",
                            region_counts_json(um->by_lead_region, um->nregions));
        json_array_append_new(umbs, o);
    }
    json_object_set_new(root, "umbrellas", umbs);
    json_object_set_new(comp, "view", json_string("combined"));
    json_object_set_new(comp, "count", json_integer((json_int_t)in->components.count));
    json_object_set_new(comp, "largest", json_integer((json_int_t)in->components.largest));
    json_object_set_new(comp, "isolated", json_integer((json_int_t)in->components.isolated));
    json_object_set_new(root, "components", comp);
    return root;
}

/* Every table, or with @p only (or CSV) just @p table. */
static int emit(FILE *fp, const info *in, const char *dir, cli_format format, int table,
                bool only)
{
    if (format == FORMAT_JSON) {
        json_t *root = info_json(in, dir);
        if (root && only) { /* the same document with just that table's key */
            json_t *sel = json_object();
            json_object_set(sel, "collabnet", json_object_get(root, "collabnet"));
            json_object_set(sel, "dataset", json_object_get(root, "dataset"));
            json_object_set(sel, table_keys[table], json_object_get(root, table_keys[table]));
            json_decref(root);
            root = sel;
        }
        int rc = root ? json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : -1;
        json_decref(root);
        fputc('\n', fp);
        return rc < 0 ? -1 : 0;
    }
    if (format == FORMAT_TABLE && !only) {
        cli_line(fp, "Dataset %s", dir); /* the path escaped, as in every text output */
        fputc('\n', fp);
    }
    for (size_t k = 0; table_names[k]; k++) {
        cli_table t;
        if ((format == FORMAT_CSV || only) && (int)k != table) {
            continue;
        }
        if (build_table(&t, in, k, format == FORMAT_CSV) < 0) {
            cli_table_fini(&t);
            return -1;
        }
        if (format == FORMAT_CSV) {
            cli_table_csv(&t, fp);
        } else {
            cli_table_print(&t, fp);
            if (table_names[k + 1] && !only) {
                fputc('\n', fp);
            }
        }
        cli_table_fini(&t);
    }
    return 0;
}

int cmd_info(int argc, char **argv)
{
    cli_format format = FORMAT_TABLE;
    const char *output = NULL;
    int table = 4, c, status = EXIT_OK;
    cli_dataset_opts dopts = { 0 };
    cn_graph *g = NULL;
    info in = { 0 };
    cli_out out;
    cli_parser p;
    bool table_given = false;

    cli_parse_begin(&p, &cmd_info_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) { /* OPT_SECTION: the parser does the others */
        for (table = 0; table_names[table] && strcmp(table_names[table], optarg); table++) {
        }
        if (!table_names[table]) {
            cli_error("unknown table '%s' (expected kinds, edges, regions, fields, networks, "
                      "umbrellas, lead-regions or components)", optarg);
            return EXIT_USAGE;
        }
        table_given = true;
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    format = dopts.format;
    output = dopts.output;
    if ((status = cli_load(&g, argv[optind], &dopts)) != EXIT_OK) {
        return status;
    }
    if ((status = cli_status(info_compute(&in, g))) == EXIT_OK
        && (status = cli_out_open(&out, output)) == EXIT_OK) {
        if (emit(out.fp, &in, argv[optind], format, table, table_given) < 0) {
            cli_error("out of memory");
            cli_out_abort(&out);
            status = EXIT_INTERNAL;
        } else {
            status = cli_out_commit(&out);
        }
    }
    info_free(&in);
    cn_graph_destroy(g);
    return status;
}
