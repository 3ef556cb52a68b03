/* Export to other tools: GraphML, GEXF 1.3, node-link JSON and DOT, streamed to a FILE. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <collabnet/collabnet.h>

#include "../analysis/mixing.h"
#include "../model/graph.h"
#include "../render/gv.h"
#include "../util/util.h"

static const char *const FORMAT_NAMES[] = { "graphml", "gexf", "json", "dot" };
static const char *const GRAPH_NAMES[] = { "all", "collaboration", "membership" };
static const char *const GEXF_NAMES[] = { "1.3", "1.2draft" };

/* The index of @p name in @p names, or -1. */
static int name_index(const char *const *names, int count, const char *name)
{
    for (int k = 0; k < count; k++) {
        if (strcmp(name, names[k]) == 0) {
            return k;
        }
    }
    return -1;
}

const char *cn_export_format_name(cn_export_format f)
{
    return (unsigned)f < CN_EXPORT_COUNT ? FORMAT_NAMES[f] : NULL;
}

int cn_export_format_parse(cn_export_format *out, const char *name)
{
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(name)) < 0) {
        return rc;
    }
    if ((rc = name_index(FORMAT_NAMES, CN_EXPORT_COUNT, name)) >= 0) {
        *out = (cn_export_format)rc;
        return 0;
    }
    return cni_fail(CN_EINVAL, "unknown export format '%s' (expected graphml, gexf, json or dot)",
                    name);
}

const char *cn_export_graph_name(cn_export_graph graph)
{
    return (unsigned)graph < CN_EXPORT_GRAPH_COUNT ? GRAPH_NAMES[graph] : NULL;
}

int cn_export_graph_parse(cn_export_graph *out, const char *name)
{
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(name)) < 0) {
        return rc;
    }
    if ((rc = name_index(GRAPH_NAMES, CN_EXPORT_GRAPH_COUNT, name)) >= 0) {
        *out = (cn_export_graph)rc;
        return 0;
    }
    return cni_fail(CN_EINVAL, "unknown graph '%s' (expected collaboration, membership or all)",
                    name);
}

const char *cn_gexf_version_name(cn_gexf_version v)
{
    return (unsigned)v < CN_GEXF_VERSION_COUNT ? GEXF_NAMES[v] : NULL;
}

int cn_gexf_version_parse(cn_gexf_version *out, const char *name)
{
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(name)) < 0) {
        return rc;
    }
    if ((rc = name_index(GEXF_NAMES, CN_GEXF_VERSION_COUNT, name)) >= 0) {
        *out = (cn_gexf_version)rc;
        return 0;
    }
    return cni_fail(CN_EINVAL, "unknown GEXF version '%s' (expected 1.3 or 1.2draft)", name);
}

/* The attributes every node and edge may carry, before the extra columns. */
static const char *const NODE_BUILTIN[] = { "label", "kind", "region", "country", "fields" };
static const char *const EDGE_BUILTIN[] = { "kind", "role", "weight", "since", "until", "ref" };
#define NNODE_BUILTIN 5
#define NEDGE_BUILTIN 6

typedef struct ex {
    FILE *fp;
    const cn_graph *g;
    const cn_export_options *o;
    double **vals;    /* per measure, per node; then community and community_size */
    size_t nvals;     /* measures, + 2 with communities */
    char **node_keys; /* attribute names: built-ins, extra columns, measures */
    char **edge_keys;
    size_t nnode_keys, nedge_keys;
} ex;

/* The node attribute of brokerage role @p r: brokerage_coordinator, ... (malloc'd). */
static char *brokerage_key(size_t r)
{
    char *s = malloc(64);

    if (s) {
        snprintf(s, 64, "brokerage_%s", cni_broker_role_names[r]);
    }
    return s;
}

/* An extra column named like a built-in attribute gets "x_" in front. */
static char *key_name(const char *name, const char *const *builtin, size_t nb)
{
    for (size_t k = 0; k < nb; k++) {
        if (strcmp(name, builtin[k]) == 0) {
            char *s = malloc(strlen(name) + 3);
            if (s) {
                sprintf(s, "x_%s", name);
            }
            return s;
        }
    }
    return cni_strdup(name);
}

/* The value of node attribute @p k of node i into @p buf (NULL when empty). */
static const char *node_value(const ex *x, size_t i, size_t k, char *buf, size_t size)
{
    const cn_graph *g = x->g;
    size_t nextra = cn_graph_node_attr_count(g);
    const char *v = NULL;

    switch (k) {
    case 0: v = cn_graph_node_label(g, i); break;
    case 1: v = cn_node_kind_name(cn_graph_node_kind(g, i)); break;
    case 2: v = cn_graph_node_region(g, i); break;
    case 3: v = cn_graph_node_country(g, i); break;
    case 4: {
        size_t n = 0;
        buf[0] = '\0';
        for (size_t f = 0; f < cn_graph_node_field_count(g, i); f++) {
            n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", f ? ";" : "",
                                  cn_graph_node_field(g, i, f));
        }
        v = buf;
        break;
    }
    default:
        if (k - NNODE_BUILTIN < nextra) {
            v = cn_graph_node_attr(g, i, k - NNODE_BUILTIN);
        } else {
            double d = x->vals[k - NNODE_BUILTIN - nextra][i];
            if (isnan(d)) {
                return NULL;
            }
            snprintf(buf, size, "%.17g", d);
            v = buf;
        }
    }
    return v && *v ? v : NULL;
}

static const char *edge_value(const ex *x, const cn_edge *e, size_t ei, size_t k, char *buf,
                              size_t size)
{
    const char *v = NULL;
    switch (k) {
    case 0: v = cn_edge_kind_name(e->kind); break;
    case 1: v = e->role != CN_ROLE_NONE ? cn_role_name(e->role) : NULL; break;
    case 2: snprintf(buf, size, "%.17g", e->weight); v = buf; break;
    case 3: v = e->since.year ? cn_date_format(buf, e->since) : NULL; break;
    case 4: v = e->until.year ? cn_date_format(buf, e->until) : NULL; break;
    case 5: v = e->ref; break;
    default: v = cn_graph_edge_attr(x->g, ei, k - NEDGE_BUILTIN);
    }
    return v && *v ? v : NULL;
}

/* Whether node i and edge @p e are in the graph opts->graph asks for (an edge only with both
 * of its ends). */
static bool node_in(const ex *x, size_t i)
{
    return x->o->graph != CN_EXPORT_GRAPH_COLLABORATION
           || cn_view_includes(x->g, CN_VIEW_COLLABORATION, i);
}

static bool edge_in(const ex *x, const cn_edge *e)
{
    return x->o->graph == CN_EXPORT_GRAPH_ALL
           || ((e->kind == CN_EDGE_COLLABORATION) == (x->o->graph == CN_EXPORT_GRAPH_COLLABORATION)
               && node_in(x, e->source) && node_in(x, e->target));
}

/* The graph is undirected (collaboration alone) */
static bool undirected(const ex *x)
{
    return x->o->graph == CN_EXPORT_GRAPH_COLLABORATION;
}

static bool node_key_numeric(const ex *x, size_t k)
{
    return k >= NNODE_BUILTIN + cn_graph_node_attr_count(x->g);
}

/* The community columns, the last two, are whole numbers. */
static bool node_key_integer(const ex *x, size_t k)
{
    return x->o->communities && k + 2 >= x->nnode_keys;
}

/* The community columns (the last two values) of every node from @p c (NaN outside its
 * graph). */
static int fill_communities(ex *x, const cn_communities *c)
{
    double *of = x->vals[x->nvals - 2], *size = x->vals[x->nvals - 1]; /* the last two */

    for (size_t i = 0; i < cn_graph_node_count(x->g); i++) {
        size_t k = cn_communities_of(c, i);
        of[i] = k == CN_NONE ? NAN : (double)(k + 1);
        size[i] = k == CN_NONE ? NAN : (double)cn_communities_size(c, k);
    }
    return 0;
}

/* XML text: markup characters as entities; tab, newline, carriage return as character
 * references (kept in attributes too); other control characters, which XML 1.0 cannot carry,
 * as U+FFFD. */
static void xml(FILE *fp, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&apos;", fp); break;
        case '\t': fputs("&#9;", fp); break;
        case '\n': fputs("&#10;", fp); break;
        case '\r': fputs("&#13;", fp); break;
        default:
            if (c < 0x20 || c == 0x7F) {
                fputs("\xEF\xBF\xBD", fp);
            } else {
                fputc(c, fp);
            }
        }
    }
}

static void graphml(ex *x)
{
    FILE *fp = x->fp;
    char buf[4096];

    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
          fp);
    for (size_t k = 0; k < x->nnode_keys; k++) {
        fprintf(fp, "  <key id=\"n%zu\" for=\"node\" attr.name=\"", k);
        xml(fp, x->node_keys[k]);
        fprintf(fp, "\" attr.type=\"%s\"/>\n", node_key_integer(x, k)   ? "int"
                                                 : node_key_numeric(x, k) ? "double"
                                                                          : "string");
    }
    for (size_t k = 0; k < x->nedge_keys; k++) {
        fprintf(fp, "  <key id=\"e%zu\" for=\"edge\" attr.name=\"", k);
        xml(fp, x->edge_keys[k]);
        fprintf(fp, "\" attr.type=\"%s\"/>\n", k == 2 ? "double" : "string");
    }
    fprintf(fp, "  <graph id=\"collabnet\" edgedefault=\"%s\">\n",
            undirected(x) ? "undirected" : "directed");
    for (size_t i = 0; i < cn_graph_node_count(x->g); i++) {
        if (!node_in(x, i)) {
            continue;
        }
        fputs("    <node id=\"", fp);
        xml(fp, cn_graph_node_id(x->g, i));
        fputs("\">", fp);
        for (size_t k = 0; k < x->nnode_keys; k++) {
            const char *v = node_value(x, i, k, buf, sizeof buf);
            if (v) {
                fprintf(fp, "<data key=\"n%zu\">", k);
                xml(fp, v);
                fputs("</data>", fp);
            }
        }
        fputs("</node>\n", fp);
    }
    for (size_t e = 0; e < cn_graph_edge_count(x->g); e++) {
        cn_edge ed;
        cn_graph_edge(x->g, e, &ed);
        if (!edge_in(x, &ed)) {
            continue;
        }
        fprintf(fp, "    <edge id=\"e%zu\" source=\"", e);
        xml(fp, cn_graph_node_id(x->g, ed.source));
        fputs("\" target=\"", fp);
        xml(fp, cn_graph_node_id(x->g, ed.target));
        fputs("\">", fp);
        for (size_t k = 0; k < x->nedge_keys; k++) {
            const char *v = edge_value(x, &ed, e, k, buf, sizeof buf);
            if (v) {
                fprintf(fp, "<data key=\"e%zu\">", k);
                xml(fp, v);
                fputs("</data>", fp);
            }
        }
        fputs("</edge>\n", fp);
    }
    fputs("  </graph>\n</graphml>\n", fp);
}

/* The spell of an edge's since/until: the schema takes calendar days (xs:date) under
 * timeformat="date", so a reduced date gives its period's first day for the start and its last
 * day for the end. */
static void gexf_spell(FILE *fp, const cn_edge *ed)
{
    char d[16];

    fputs("<spells><spell", fp);
    if (ed->since.year) {
        fprintf(fp, " start=\"%s\"", cn_date_format(d, cni_date_first(ed->since)));
    }
    if (ed->until.year) {
        fprintf(fp, " end=\"%s\"", cn_date_format(d, cni_date_last(ed->until)));
    }
    fputs("/></spells>", fp);
}

static void gexf(ex *x)
{
    /* 1.2draft (NetworkX, older Gephi) differs from 1.3 in its namespace and version only, for
     * what is written here */
    static const char *const ns[] = { "http://gexf.net/1.3", "http://www.gexf.net/1.2draft" };
    static const char *const version[] = { "1.3", "1.2" };
    unsigned v = x->o->gexf_version;
    FILE *fp = x->fp;
    char buf[4096];

    fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<gexf xmlns=\"%s\" "
                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                "xsi:schemaLocation=\"%s %s/gexf.xsd\" "
                "version=\"%s\">\n"
                "  <meta><creator>collabnet %s</creator></meta>\n"
                "  <graph defaultedgetype=\"%s\" mode=\"dynamic\" timeformat=\"date\">\n"
                "    <attributes class=\"node\" mode=\"static\">\n",
            ns[v], ns[v], ns[v], version[v], cn_version(),
            undirected(x) ? "undirected" : "directed");
    /* the label is the node's label attribute itself, not a column */
    for (size_t k = 1; k < x->nnode_keys; k++) {
        fprintf(fp, "      <attribute id=\"%zu\" title=\"", k);
        xml(fp, x->node_keys[k]);
        fprintf(fp, "\" type=\"%s\"/>\n", node_key_integer(x, k)   ? "integer"
                                            : node_key_numeric(x, k) ? "double"
                                                                     : "string");
    }
    fputs("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n", fp);
    for (size_t k = 0; k < x->nedge_keys; k++) {
        if (k == 2) {
            continue; /* the weight is the edge's weight attribute */
        }
        fprintf(fp, "      <attribute id=\"%zu\" title=\"", k);
        xml(fp, x->edge_keys[k]);
        fputs("\" type=\"string\"/>\n", fp);
    }
    fputs("    </attributes>\n    <nodes>\n", fp);
    for (size_t i = 0; i < cn_graph_node_count(x->g); i++) {
        const char *label;
        if (!node_in(x, i)) {
            continue;
        }
        label = node_value(x, i, 0, buf, sizeof buf);
        fputs("      <node id=\"", fp);
        xml(fp, cn_graph_node_id(x->g, i));
        fputs("\" label=\"", fp);
        xml(fp, label ? label : cn_graph_node_id(x->g, i));
        fputs("\"><attvalues>", fp);
        for (size_t k = 1; k < x->nnode_keys; k++) {
            const char *v = node_value(x, i, k, buf, sizeof buf);
            if (v) {
                fprintf(fp, "<attvalue for=\"%zu\" value=\"", k);
                xml(fp, v);
                fputs("\"/>", fp);
            }
        }
        fputs("</attvalues></node>\n", fp);
    }
    fputs("    </nodes>\n    <edges>\n", fp);
    for (size_t e = 0; e < cn_graph_edge_count(x->g); e++) {
        cn_edge ed;
        cn_graph_edge(x->g, e, &ed);
        if (!edge_in(x, &ed)) {
            continue;
        }
        fprintf(fp, "      <edge id=\"%zu\" source=\"", e);
        xml(fp, cn_graph_node_id(x->g, ed.source));
        fputs("\" target=\"", fp);
        xml(fp, cn_graph_node_id(x->g, ed.target));
        fprintf(fp, "\" weight=\"%.17g\"%s><attvalues>", ed.weight,
                ed.kind == CN_EDGE_COLLABORATION && !undirected(x) ? " type=\"undirected\"" : "");
        for (size_t k = 0; k < x->nedge_keys; k++) {
            const char *v = k == 2 ? NULL : edge_value(x, &ed, e, k, buf, sizeof buf);
            if (v) {
                fprintf(fp, "<attvalue for=\"%zu\" value=\"", k);
                xml(fp, v);
                fputs("\"/>", fp);
            }
        }
        fputs("</attvalues>", fp);
        if (ed.since.year || ed.until.year) {
            gexf_spell(fp, &ed); /* the time the edge is in force: Gephi's timeline */
        }
        fputs("</edge>\n", fp);
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", fp);
}

/* One JSON object per line, written as it is made. */
static int json_item(FILE *fp, json_t *o, bool first)
{
    int rc;
    if (!o) {
        return CN_ENOMEM;
    }
    fputs(first ? "\n    " : ",\n    ", fp);
    rc = json_dumpf(o, fp, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    json_decref(o);
    return rc == 0 ? 0 : CN_EIO;
}

static int json_nodelink(ex *x)
{
    FILE *fp = x->fp;
    char buf[4096];
    int rc = 0;

    bool first = true;

    fprintf(fp, "{\n  \"directed\": %s,\n  \"multigraph\": true,\n  \"graph\": "
                "{\"creator\": \"collabnet %s\"},\n  \"nodes\": [",
            undirected(x) ? "false" : "true", cn_version());
    for (size_t i = 0; i < cn_graph_node_count(x->g) && rc == 0; i++) {
        json_t *o;
        if (!node_in(x, i)) {
            continue;
        }
        o = json_object();
        json_object_set_new(o, "id", json_string(cn_graph_node_id(x->g, i)));
        for (size_t k = 0; k < x->nnode_keys; k++) {
            if (k == 4) { /* fields as a list */
                json_t *arr = json_array();
                for (size_t f = 0; f < cn_graph_node_field_count(x->g, i); f++) {
                    json_array_append_new(arr, json_string(cn_graph_node_field(x->g, i, f)));
                }
                json_object_set_new(o, x->node_keys[k], arr);
                continue;
            }
            const char *v = node_value(x, i, k, buf, sizeof buf);
            if (v) {
                json_object_set_new(o, x->node_keys[k],
                                    node_key_integer(x, k) ? json_integer(strtoll(v, NULL, 10))
                                    : node_key_numeric(x, k) ? json_real(strtod(v, NULL))
                                                             : json_string(v));
            }
        }
        rc = json_item(fp, o, first);
        first = false;
    }
    fputs("\n  ],\n  \"links\": [", fp);
    first = true;
    for (size_t e = 0; e < cn_graph_edge_count(x->g) && rc == 0; e++) {
        cn_edge ed;
        json_t *o;
        cn_graph_edge(x->g, e, &ed);
        if (!edge_in(x, &ed)) {
            continue;
        }
        o = json_object();
        json_object_set_new(o, "source", json_string(cn_graph_node_id(x->g, ed.source)));
        json_object_set_new(o, "target", json_string(cn_graph_node_id(x->g, ed.target)));
        json_object_set_new(o, "key", json_integer((json_int_t)e));
        for (size_t k = 0; k < x->nedge_keys; k++) {
            const char *v = edge_value(x, &ed, e, k, buf, sizeof buf);
            if (v) {
                json_object_set_new(o, x->edge_keys[k],
                                    k == 2 ? json_real(ed.weight) : json_string(v));
            }
        }
        rc = json_item(fp, o, first);
        first = false;
    }
    fputs("\n  ]\n}\n", fp);
    return rc;
}

/* DOT goes through Graphviz (render/gv.c), which quotes what it writes. */
static int dot(ex *x)
{
    cni_scene s;
    char buf[4096];
    size_t *vert = cni_alloc_array(cn_graph_node_count(x->g) + 1, sizeof *vert); /* node's */
    int rc;

    cni_scene_init(&s);
    s.directed = !undirected(x);
    s.status = vert ? s.status : CN_ENOMEM;
    for (size_t i = 0; i < cn_graph_node_count(x->g) && s.status == 0; i++) {
        size_t v;
        if (!node_in(x, i)) {
            continue;
        }
        if ((v = vert[i] = cni_node_add(&s, CN_NONE)) == CN_NONE) {
            break;
        }
        cni_set(&s, &s.nodes[v].a, "id", cn_graph_node_id(x->g, i));
        for (size_t k = 0; k < x->nnode_keys; k++) {
            const char *val = node_value(x, i, k, buf, sizeof buf);
            if (val) {
                cni_set(&s, &s.nodes[v].a, x->node_keys[k], val);
            }
        }
    }
    for (size_t e = 0; e < cn_graph_edge_count(x->g) && s.status == 0; e++) {
        cn_edge ed;
        cn_graph_edge(x->g, e, &ed);
        if (!edge_in(x, &ed)) {
            continue;
        }
        size_t v = cni_edge_add(&s, vert[ed.source], vert[ed.target]);
        for (size_t k = 0; v != CN_NONE && k < x->nedge_keys; k++) {
            const char *val = edge_value(x, &ed, e, k, buf, sizeof buf);
            if (val) {
                cni_set(&s, &s.edges[v].a, x->edge_keys[k], val);
            }
        }
    }
    rc = s.status ? cni_fail(CN_ENOMEM, "out of memory") : cni_gv_write(x->fp, &s);
    cni_scene_fini(&s);
    free(vert);
    return rc;
}

/* DOT attribute names: letters, digits and '_' (Graphviz would quote others, but a name is
 * safest plain). */
static void dot_names(char **keys, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        for (char *p = keys[k]; *p; p++) {
            bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
                      || *p == '_';
            *p = ok ? *p : '_';
        }
    }
}

int cn_export(FILE *fp, const cn_graph *g, const cn_export_options *opts)
{
    cn_export_options defaults = CN_EXPORT_OPTIONS_INIT;
    const cn_export_options *o = opts ? opts : &defaults;
    ex x = { fp, g, o, NULL, 0, NULL, NULL, 0, 0 };
    cn_communities *comm = NULL;
    size_t n, nextra, eextra, nbroker;
    int rc = 0;

    if ((rc = CNI_CHECK_PTR(fp)) < 0 || (rc = CNI_CHECK_PTR(g)) < 0) {
        return rc;
    }
    if ((unsigned)o->format >= CN_EXPORT_COUNT) {
        return CNI_EINVAL("opts->format is not a cn_export_format");
    }
    if ((unsigned)o->graph >= CN_EXPORT_GRAPH_COUNT) {
        return CNI_EINVAL("opts->graph is not a cn_export_graph");
    }
    if ((unsigned)o->gexf_version >= CN_GEXF_VERSION_COUNT) {
        return CNI_EINVAL("opts->gexf_version is not a cn_gexf_version");
    }
    if (o->nmeasures && !o->measures) {
        return CNI_EINVAL("opts->measures is NULL");
    }
    for (size_t k = 0; k < o->nmeasures; k++) {
        if (!cn_measure_name(o->measures[k])) {
            return cni_fail(CN_EINVAL, "%s: opts->measures[%zu] is not a cn_measure", __func__, k);
        }
    }
    n = cn_graph_node_count(g);
    nextra = cn_graph_node_attr_count(g);
    eextra = cn_graph_edge_attr_count(g);
    nbroker = o->brokerage_by ? CNI_BROKER_ROLES : 0;
    x.nvals = o->nmeasures + nbroker + (o->communities ? 2 : 0);
    x.nnode_keys = NNODE_BUILTIN + nextra + x.nvals;
    x.nedge_keys = NEDGE_BUILTIN + eextra;
    x.node_keys = cni_calloc_array(x.nnode_keys, sizeof *x.node_keys);
    x.edge_keys = cni_calloc_array(x.nedge_keys, sizeof *x.edge_keys);
    x.vals = cni_calloc_array(x.nvals + 1, sizeof *x.vals);
    if (!x.node_keys || !x.edge_keys || !x.vals) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < x.nnode_keys && rc == 0; k++) {
        x.node_keys[k] = k < NNODE_BUILTIN ? cni_strdup(NODE_BUILTIN[k])
                         : k < NNODE_BUILTIN + nextra
                             ? key_name(cn_graph_node_attr_name(g, k - NNODE_BUILTIN), NODE_BUILTIN,
                                        NNODE_BUILTIN)
                         : k - NNODE_BUILTIN - nextra < o->nmeasures
                             ? cni_strdup(cn_measure_name(o->measures[k - NNODE_BUILTIN - nextra]))
                         : k - NNODE_BUILTIN - nextra < o->nmeasures + nbroker
                             ? brokerage_key(k - NNODE_BUILTIN - nextra - o->nmeasures)
                             : cni_strdup(k + 1 == x.nnode_keys ? "community_size" : "community");
        rc = x.node_keys[k] ? 0 : cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < x.nedge_keys && rc == 0; k++) {
        x.edge_keys[k] = k < NEDGE_BUILTIN ? cni_strdup(EDGE_BUILTIN[k])
                                           : key_name(cn_graph_edge_attr_name(g, k - NEDGE_BUILTIN),
                                                      EDGE_BUILTIN, NEDGE_BUILTIN);
        rc = x.edge_keys[k] ? 0 : cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t m = 0; m < x.nvals && rc == 0; m++) {
        if (!(x.vals[m] = cni_alloc_array(n + 1, sizeof *x.vals[m]))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
        }
    }
    if (rc == 0 && o->nmeasures) {
        rc = cn_centrality(x.vals, g, o->measures, o->nmeasures, &o->centrality);
    }
    if (rc == 0 && o->brokerage_by) {
        rc = cni_brokerage_by_node(x.vals + o->nmeasures, g, o->brokerage_by);
    }
    if (rc == 0 && o->communities
        && (rc = cn_communities_compute(&comm, g, &o->community)) == 0) {
        rc = fill_communities(&x, comm);
    }
    if (rc == 0) {
        switch (o->format) {
        case CN_EXPORT_GRAPHML: graphml(&x); break;
        case CN_EXPORT_GEXF: gexf(&x); break;
        case CN_EXPORT_JSON: rc = json_nodelink(&x); break;
        case CN_EXPORT_DOT:
            dot_names(x.node_keys, x.nnode_keys);
            dot_names(x.edge_keys, x.nedge_keys);
            rc = dot(&x);
            break;
        default: break;
        }
    }
    if (rc == 0 && (fflush(fp) != 0 || ferror(fp))) {
        rc = cni_fail(CN_EIO, "cannot write the export: %s", strerror(errno));
    } else if (rc == CN_EIO) {
        cni_fail(CN_EIO, "cannot write the export: %s", strerror(errno));
    }
done:
    for (size_t k = 0; x.node_keys && k < x.nnode_keys; k++) {
        free(x.node_keys[k]);
    }
    for (size_t k = 0; x.edge_keys && k < x.nedge_keys; k++) {
        free(x.edge_keys[k]);
    }
    for (size_t m = 0; x.vals && m < x.nvals; m++) {
        free(x.vals[m]);
    }
    cn_communities_destroy(comm);
    free(x.node_keys);
    free(x.edge_keys);
    free(x.vals);
    if (rc == 0) {
        cni_clear_error();
    }
    return rc;
}
