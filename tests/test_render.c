/* Diagrams: text handling, every view in every format, the SVG's content (parsed with
 * libxml2), reproducibility, hostile labels, errors, atomic files and the node budget. */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "render/text.h"
#include "util/outfile.h"

/* ---- text ---- */

Test(render_text, decomposed_vietnamese_becomes_nfc)
{
    /* "Việt" written as V i e U+0302 (circumflex) U+0323 (dot below) t */
    char *s = cni_text_clean("Vie\xCC\x82\xCC\xA3t Nam");
    cr_assert_not_null(s);
    /* NFC: U+1EC7 LATIN SMALL LETTER E WITH CIRCUMFLEX AND DOT BELOW = E1 BB 87 */
    cr_assert(eq(str, s, "Vi\xE1\xBB\x87t Nam"));
    cr_assert(eq(sz, cni_text_width(s), 8));
    free(s);
}

Test(render_text, control_characters_invalid_bytes_and_spaces)
{
    char *s = cni_text_clean("  a\tb\n\nc \x01 d\xFF" "e  ");
    cr_assert_not_null(s);
    /* tab, newlines and U+0001 become spaces, runs collapse, 0xFF becomes U+FFFD, trimmed */
    cr_assert(eq(str, s, "a b c d\xEF\xBF\xBD" "e"));
    free(s);
    s = cni_text_clean("");
    cr_assert(eq(str, s, ""));
    free(s);
}

/* Text, width, lines, and what cni_text_wrap() (end false) or cni_text_wrap_end() gives. */
static const struct wrap_case {
    bool end;
    const char *in;
    size_t width, lines;
    const char *out;
} wrap_cases[] = {
    { false, "short", 22, 3, "short" },
    { false, "Đại học Bách khoa Hà Nội", 22, 3, "Đại học Bách khoa Hà\nNội" },
    { false, "aaa bbb ccc ddd", 7, 2, "aaa bbb\nccc ddd" },
    { false, "aaa bbb ccc ddd eee", 7, 2, "aaa bbb\nccc…" },
    { false, "abcdefghij", 4, 3, "abcd\nefgh\nij" },
    { false, "abcdefghijklmn", 4, 2, "abcd\nefg…" },
    { false, "one two", 3, 1, "on…" },
    { false, "", 10, 2, "" },
    /* keeping the end: text that fits is wrapped as by cni_text_wrap() */
    { true, "short", 22, 3, "short" },
    { true, "aaa bbb ccc ddd", 7, 2, "aaa bbb\nccc ddd" },
    /* cut: the first lines, then "…" and the last words within the width */
    { true, "aaa bbb ccc ddd eee", 7, 2, "aaa bbb\n…eee" },
    { true, "Project 374 network: smart transport technology and infrastructure (North, "
            "University of Transport)", 22, 3,
      "Project 374 network:\nsmart transport\n…of Transport)" },
    { true, "Project 374 network: smart transport technology and infrastructure (North, "
            "University of Transport Technology)", 22, 3,
      "Project 374 network:\nsmart transport\n…Transport Technology)" },
    /* a last word longer than the line: its last characters */
    { true, "aaa bbb ccc abcdefghijkl", 7, 2, "aaa bbb\n…ghijkl" },
    /* one line: the start, "…", the end */
    { true, "alpha beta gamma delta", 12, 1, "alpha…delta" },
    { true, "Đại học Bách khoa Hà Nội", 12, 1, "Đại…Hà Nội" },
    /* too narrow to keep both ends */
    { true, "one two", 2, 1, "o…" },
};

Test(render_text, wrapping_by_hand_and_keeping_the_end)
{
    for (size_t k = 0; k < sizeof wrap_cases / sizeof *wrap_cases; k++) {
        const struct wrap_case *c = &wrap_cases[k];
        char *w = (c->end ? cni_text_wrap_end : cni_text_wrap)(c->in, c->width, c->lines);
        cr_assert_not_null(w);
        cr_assert(eq(str, w, (char *)c->out), "case %zu: '%s'", k, c->in);
        free(w);
    }
}

Test(render_text, html_label_escaping)
{
    cni_buf b;
    cni_buf_init(&b);
    cni_text_gv_html(&b, "<a href=\"x\">&'\\N\nz");
    cr_assert(eq(str, (char *)cni_buf_str(&b),
                 "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\\\\N<BR/>z"));
    cni_buf_fini(&b);
}

/* ---- names ---- */

Test(render_names, views_formats_and_extensions)
{
    cn_render_view v;
    cn_render_format f;

    for (int k = 0; k < CN_RENDER_VIEW_COUNT; k++) {
        cr_assert(eq(int, cn_render_view_parse(&v, cn_render_view_name((cn_render_view)k)), 0));
        cr_assert(eq(int, (int)v, k));
    }
    cr_assert(eq(int, cn_render_view_parse(&v, "pie"), CN_EINVAL));
    cr_assert(eq(int, cn_render_format_parse(&f, "png"), 0));
    cr_assert(eq(int, (int)f, CN_FORMAT_PNG));
    cr_assert(eq(int, cn_render_format_parse(&f, "gif"), CN_EINVAL));
    cr_assert(eq(int, cn_render_format_from_path(&f, "out/x.SVG"), 0));
    cr_assert(eq(int, (int)f, CN_FORMAT_SVG));
    cr_assert(eq(int, cn_render_format_from_path(&f, "a.b/x.gv"), 0));
    cr_assert(eq(int, (int)f, CN_FORMAT_DOT));
    cr_assert(eq(int, cn_render_format_from_path(&f, "x.pdf"), 0));
    cr_assert(eq(int, (int)f, CN_FORMAT_PDF));
    cr_assert(eq(int, cn_render_format_from_path(&f, "a.b/noext"), CN_EINVAL));
    cr_assert(eq(int, cn_render_format_from_path(&f, "x.jpeg"), CN_EINVAL));
}

/* ---- the bundled dataset ---- */

static cn_graph *g;
static cn_targets *targets;
static cn_diag_list *diags;

static void load_vn374(void)
{
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, "../data/vn-374", NULL, diags), 0));
    cr_assert(eq(int, cn_targets_load(&targets, "../data/vn-374/targets.ini", diags), 0));
}

static void unload(void)
{
    cn_graph_destroy(g);
    cn_targets_destroy(targets);
    cn_diag_list_destroy(diags);
}

static cn_render_options options(cn_render_view view, cn_render_format format)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    o.view = view;
    o.format = format;
    o.targets = targets;
    o.focus = view == CN_RENDER_EGO ? "nic" : NULL;
    return o;
}

static char *render(cn_render_view view, cn_render_format format, size_t *len,
                    cn_render_stats *st)
{
    cn_render_options o = options(view, format);
    char *buf = NULL;
    int rc = cn_render(&buf, len, st, g, &o);
    cr_assert(eq(int, rc, 0), "%s %s: %s", cn_render_view_name(view),
              cn_render_format_name(format), cn_errmsg());
    return buf;
}

static bool starts(const char *buf, size_t len, const char *magic)
{
    return len >= strlen(magic) && memcmp(buf, magic, strlen(magic)) == 0;
}

Test(render_vn374, every_view_in_every_format, .init = load_vn374, .fini = unload,
     .timeout = 300)
{
    static const char *const magic[] = { "<?xml", "\x89PNG\r\n\x1a\n", "%PDF-", "" };
    for (int v = 0; v < CN_RENDER_VIEW_COUNT; v++) {
        for (int f = 0; f < CN_FORMAT_COUNT; f++) {
            size_t len;
            cn_render_stats st;
            char *buf = render((cn_render_view)v, (cn_render_format)f, &len, &st);
            cr_assert(gt(sz, len, 500), "%d/%d: %zu bytes", v, f, len);
            if (f == CN_FORMAT_DOT) {
                cr_assert(starts(buf, len, "digraph collabnet {") || starts(buf, len, "graph collabnet {"));
            } else {
                cr_assert(starts(buf, len, magic[f]), "view %d format %d", v, f);
            }
            cr_assert(gt(sz, st.nodes, 0));
            cr_assert(gt(sz, strlen(st.engine), 0));
            cn_free(buf);
        }
    }
}

/* Parse an SVG with libxml2; the document or NULL. */
static xmlDocPtr parse_svg(const char *buf, size_t len)
{
    return xmlReadMemory(buf, (int)len, "diagram.svg", NULL, XML_PARSE_NONET);
}

/* Every string an XPath expression selects, joined by '|', plus the count of nodes. */
static char *xpath_join(xmlDocPtr doc, const char *expr, size_t *count)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    size_t cap = 1, n = r && r->nodesetval ? (size_t)r->nodesetval->nodeNr : 0;
    char *out;

    for (size_t k = 0; k < n; k++) {
        xmlChar *t = xmlNodeGetContent(r->nodesetval->nodeTab[k]);
        cap += strlen((char *)t) + 1;
        xmlFree(t);
    }
    out = calloc(cap, 1);
    for (size_t k = 0; k < n; k++) {
        xmlChar *t = xmlNodeGetContent(r->nodesetval->nodeTab[k]);
        strcat(out, (char *)t);
        strcat(out, "|");
        xmlFree(t);
    }
    *count = n;
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    return out;
}

Test(render_vn374, membership_svg_has_every_network_member_and_label, .init = load_vn374,
     .fini = unload)
{
    size_t len, nn, nt;
    cn_render_stats st;
    char *buf = render(CN_RENDER_MEMBERSHIP, CN_FORMAT_SVG, &len, &st);
    xmlDocPtr doc = parse_svg(buf, len);
    cr_assert_not_null(doc, "the SVG is not well-formed XML");
    char *ids = xpath_join(doc, "//s:g[@class='node']/@id", &nn);
    char *texts = xpath_join(doc, "//s:text", &nt);

    /* one SVG node group per diagram node; every network and every member is one */
    cr_assert(eq(sz, nn, st.nodes));
    size_t expected = 0;
    for (size_t i = 0; i < cn_graph_node_count(g); i++) {
        char want[128];
        if (cn_graph_node_kind(g, i) != CN_NODE_NETWORK && cn_graph_node_network_count(g, i) == 0) {
            continue;
        }
        expected++;
        snprintf(want, sizeof want, "node-%s|", cn_graph_node_id(g, i));
        cr_assert(not(eq(ptr, strstr(ids, want), NULL)), "no node for '%s'", cn_graph_node_id(g, i));
    }
    cr_assert(eq(sz, nn, expected));
    cr_assert(eq(sz, st.aggregated, 0));
    /* labels, wrapped at 22 characters: Vietnamese text intact */
    cr_assert(not(eq(ptr, strstr(texts, "Đại học Bách khoa Hà|Nội|"), NULL)), "%s", texts);
    cr_assert(not(eq(ptr, strstr(texts, "Trung tâm Đổi mới sáng|tạo Quốc gia|"), NULL)));
    cr_assert(not(eq(ptr, strstr(texts, "13 members|"), NULL))); /* Project 374 */
    /* the legend: title, kinds, the three roles */
    cr_assert(not(eq(ptr, strstr(texts, "Network membership|"), NULL)));
    cr_assert(not(eq(ptr, strstr(texts, "lead|"), NULL)));
    cr_assert(not(eq(ptr, strstr(texts, "partner|"), NULL)));
    /* 13 lead ties drawn in the lead colour (the 13 Project 374 networks have one lead each) */
    size_t nlead;
    free(xpath_join(doc, "//s:g[@class='edge']/s:path[@stroke='#d55e00']", &nlead));
    cr_assert(eq(sz, nlead, 13));
    free(ids);
    free(texts);
    xmlFreeDoc(doc);
    cn_free(buf);
}

Test(render_vn374, other_views_show_what_they_should, .init = load_vn374, .fini = unload)
{
    size_t len, n;
    cn_render_stats st;
    char *buf, *s;
    xmlDocPtr doc;

    /* overlap: every network is a node */
    buf = render(CN_RENDER_OVERLAP, CN_FORMAT_SVG, &len, &st);
    doc = parse_svg(buf, len);
    cr_assert_not_null(doc);
    free(xpath_join(doc, "//s:g[@class='node']", &n));
    cr_assert(eq(sz, n, cn_graph_count_kind(g, CN_NODE_NETWORK)));
    s = xpath_join(doc, "//s:g[@class='node']/@id", &n);
    cr_assert(not(eq(ptr, strstr(s, "node-g7-technical-universities|"), NULL)));
    free(s);
    xmlFreeDoc(doc);
    cn_free(buf);

    /* coverage: one table, the three regions and the priority fields, the targets' counts */
    buf = render(CN_RENDER_COVERAGE, CN_FORMAT_SVG, &len, &st);
    doc = parse_svg(buf, len);
    cr_assert_not_null(doc);
    s = xpath_join(doc, "//s:text", &n);
    cr_assert(not(eq(ptr, strstr(s, "|North|Central|South|networks|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|ai|1|1|1|3 (target 2)|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|biotech|2|1|1|4 (target 2)|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|hydrogen|0|0|1|1 (target 1)|"), NULL)), "%s", s);
    free(s);
    xmlFreeDoc(doc);
    cn_free(buf);

    /* collaboration: the two ties of the data, NIC between Sovico and Dassault Systèmes */
    buf = render(CN_RENDER_COLLABORATION, CN_FORMAT_SVG, &len, &st);
    doc = parse_svg(buf, len);
    cr_assert_not_null(doc);
    s = xpath_join(doc, "//s:g[@class='node']/@id", &n);
    cr_assert(eq(str, s, "node-nic|node-sovico|node-dassault-systemes|"));
    free(xpath_join(doc, "//s:g[@class='edge']", &n));
    cr_assert(eq(sz, n, 2));
    free(s);
    xmlFreeDoc(doc);
    cn_free(buf);

    /* ego of NIC, one step: itself, its two partners in ties, the network it is partner of */
    buf = render(CN_RENDER_EGO, CN_FORMAT_SVG, &len, &st);
    doc = parse_svg(buf, len);
    cr_assert_not_null(doc);
    s = xpath_join(doc, "//s:g[@class='node']/@id", &n);
    cr_assert(eq(str, s, "node-nic|node-sovico|node-dassault-systemes|node-vietnam-innovation-network|"));
    free(s);
    xmlFreeDoc(doc);
    cn_free(buf);
}

Test(render_vn374, same_input_same_bytes, .init = load_vn374, .fini = unload, .timeout = 300)
{
    static const cn_render_format formats[] = { CN_FORMAT_SVG, CN_FORMAT_DOT, CN_FORMAT_PDF };
    for (int v = 0; v < CN_RENDER_VIEW_COUNT; v++) {
        for (size_t f = 0; f < 3; f++) {
            size_t l1, l2;
            char *a = render((cn_render_view)v, formats[f], &l1, NULL);
            char *b = render((cn_render_view)v, formats[f], &l2, NULL);
            cr_assert(eq(sz, l1, l2), "view %d format %zu", v, f);
            cr_assert(eq(int, memcmp(a, b, l1), 0), "view %d format %zu differs", v, f);
            free(a);
            free(b);
        }
    }
}

Test(render_vn374, pdf_date_is_fixed, .init = load_vn374, .fini = unload)
{
    size_t len;
    char *buf = render(CN_RENDER_COVERAGE, CN_FORMAT_PDF, &len, NULL);
    cr_assert(not(eq(ptr, memmem(buf, len, "/CreationDate (D:19700101000000Z)", 33), NULL)));
    cn_free(buf);
}

/* Regions become Graphviz clusters, which cgraph orders by object ID; with its default ID
 * discipline a named cluster's ID was its interned name's address, so a second render in the
 * same process could order (and lay out) the regions differently. Renders with allocations
 * in between move those addresses; every one must give the first one's bytes. */
Test(render_clusters, same_bytes_on_every_render_in_one_process, .timeout = 120)
{
    static const cn_render_format formats[] = { CN_FORMAT_DOT, CN_FORMAT_SVG, CN_FORMAT_PDF };
    enum { RENDERS = 4, HELD = 512 };
    void *held[HELD] = { NULL };
    unsigned r = 1;
    cn_graph *w;
    cn_diag_list *d;
    cn_render_options o = CN_RENDER_OPTIONS_INIT;

    cr_assert(eq(int, th_load("wide_coverage", &w, &d), 0), "%s", th_diag(d, 0));
    o.group_by_region = true;
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
        char *first = NULL;
        size_t first_len = 0;
        o.format = formats[f];
        for (int k = 0; k < RENDERS; k++) {
            char *buf;
            size_t len;
            cr_assert(eq(int, cn_render(&buf, &len, NULL, w, &o), 0), "%s", cn_errmsg());
            if (!first) {
                first = buf;
                first_len = len;
            } else {
                cr_assert(eq(sz, len, first_len), "format %zu, render %d", f, k + 1);
                cr_assert(eq(int, memcmp(buf, first, len), 0), "format %zu: render %d differs",
                          f, k + 1);
                cn_free(buf);
            }
            for (int j = 0; j < 2000; j++) { /* heap churn: blocks of 8 to 263 bytes */
                r = r * 1103515245u + 12345u;
                free(held[(r >> 8) % HELD]);
                held[(r >> 8) % HELD] = malloc(8 + (r >> 16) % 256);
            }
        }
        cn_free(first);
    }
    for (int j = 0; j < HELD; j++) {
        free(held[j]);
    }
    cn_graph_destroy(w);
    cn_diag_list_destroy(d);
}

/* ---- hostile input ---- */

Test(render_escape, labels_ids_and_attributes_stay_text)
{
    cn_graph *e;
    cn_diag_list *d;
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *buf;
    size_t len, n;

    cr_assert(eq(int, th_load("render_escape", &e, &d), 0), "%s", th_diag(d, 0));
    o.group_by_region = true;
    for (int v = 0; v < CN_RENDER_VIEW_COUNT; v++) {
        o.view = (cn_render_view)v;
        o.focus = "net\\3";
        for (int f = 0; f < CN_FORMAT_COUNT; f++) {
            o.format = (cn_render_format)f;
            cr_assert(eq(int, cn_render(&buf, &len, NULL, e, &o), 0), "%d/%d: %s", v, f,
                      cn_errmsg());
            cn_free(buf);
        }
    }
    o.view = CN_RENDER_MEMBERSHIP;
    o.format = CN_FORMAT_SVG;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, e, &o), 0));
    xmlDocPtr doc = parse_svg(buf, len);
    cr_assert_not_null(doc);
    char *s = xpath_join(doc, "//s:text", &n);
    /* the label's markup arrives as text (wrapped at 22 characters) */
    cr_assert(not(eq(ptr, strstr(s, "|<script>alert(\"x\")</sc|ript> & co|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|Quote \" and \\\" and tab|here|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|]]> --> <!--|<B>bold</B> &amp;|"), NULL)), "%s", s);
    /* decomposed input drawn precomposed (NFC) */
    cr_assert(not(eq(ptr, strstr(s, "|Vi\xE1\xBB\x87t Nam (decomposed)|"), NULL)), "%s", s);
    cr_assert(eq(ptr, memmem(buf, len, "e\xCC\x82\xCC\xA3", 5), NULL));
    /* a region with quotes names a cluster */
    cr_assert(not(eq(ptr, strstr(s, "|South \"S\"|"), NULL)), "%s", s);
    free(s);
    /* ids with < & \ as element ids */
    s = xpath_join(doc, "//s:g[@class='node']/@id", &n);
    cr_assert(eq(str, s, "node-uni_3C1_3E|node-ent_262|node-net_5C3|node-x4|"));
    free(s);
    xmlFreeDoc(doc);
    cn_free(buf);

    /* backslashes: \N is not Graphviz's node name, a trailing backslash ends no string */
    o.label_attr = "name_en";
    cr_assert(eq(int, cn_render(&buf, &len, NULL, e, &o), 0));
    doc = parse_svg(buf, len);
    cr_assert_not_null(doc);
    s = xpath_join(doc, "//s:text", &n);
    cr_assert(not(eq(ptr, strstr(s, "|Back\\slash \\N end\\|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|two lines|"), NULL)), "%s", s);
    free(s);
    xmlFreeDoc(doc);
    cn_free(buf);
    cn_graph_destroy(e);
    cn_diag_list_destroy(d);
}

Test(render_notes, a_count_of_one_is_singular)
{
    cn_graph *e;
    cn_diag_list *d;
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *buf;
    size_t len;

    /* analysis_small has one expert without collaboration ties */
    cr_assert(eq(int, th_load("analysis_small", &e, &d), 0), "%s", th_diag(d, 0));
    o.view = CN_RENDER_COLLABORATION;
    o.format = CN_FORMAT_DOT;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, e, &o), 0), "%s", cn_errmsg());
    cr_assert(not(eq(ptr, memmem(buf, len, "1 actor without ties is not drawn.", 34), NULL)));
    cn_free(buf);
    cn_graph_destroy(e);
    cn_diag_list_destroy(d);
}

/* ---- labels that stay distinct ---- */

/* The text of every HTML node label of a DOT source (legends and tables left out, the
 * second, smaller line cut off), in order; *n gets their count. */
static char **dot_node_texts(const char *buf, size_t len, size_t *n)
{
    char **out = calloc(len / 8 + 1, sizeof *out);
    const char *p = buf, *end = buf + len;

    *n = 0;
    while ((p = memmem(p, (size_t)(end - p), "label=<", 7))) {
        const char *q = p += 7;
        int depth = 1;
        for (; q < end && depth; q++) {
            depth += *q == '<' ? 1 : *q == '>' ? -1 : 0;
        }
        char *t = strndup(p, (size_t)(q - 1 - p)), *extra = strstr(t, "<BR/><FONT POINT-SIZE=\"8\">");
        if (extra) {
            *extra = '\0';
        }
        if (strncmp(t, "<TABLE", 6) == 0) {
            free(t);
        } else {
            out[(*n)++] = t;
        }
    }
    return out;
}

/* Renders @p view of @p e as DOT and asserts no two node labels read the same; the labels
 * are joined by '|' into the result (malloc'd). */
static char *distinct_labels(const cn_graph *e, cn_render_options o, cn_render_view view)
{
    char *buf, **t;
    size_t len, n, cap = 1;

    o.view = view;
    o.format = CN_FORMAT_DOT;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, e, &o), 0), "%s", cn_errmsg());
    t = dot_node_texts(buf, len, &n);
    cr_assert(gt(sz, n, 1));
    for (size_t a = 0; a < n; a++) {
        for (size_t b = a + 1; b < n; b++) {
            cr_assert(not(eq(str, t[a], t[b])), "%s, width %zu, %zu lines: '%s' twice",
                      cn_render_view_name(view), o.label_width, o.label_lines, t[a]);
        }
        cap += strlen(t[a]) + 1;
    }
    char *joined = calloc(cap, 1);
    for (size_t a = 0; a < n; a++) {
        strcat(strcat(joined, t[a]), "|");
        free(t[a]);
    }
    free(t);
    cn_free(buf);
    return joined;
}

Test(render_labels, vn374_networks_read_differently, .init = load_vn374, .fini = unload)
{
    cn_render_options o = options(CN_RENDER_MEMBERSHIP, CN_FORMAT_DOT);
    char *s = distinct_labels(g, o, CN_RENDER_MEMBERSHIP);

    /* UTC's and UTT's networks: the end tells them apart */
    cr_assert(not(eq(ptr, strstr(s, "|<B>Project 374 network:<BR/>smart transport<BR/>"
                                    "…of Transport)</B>|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|<B>Project 374 network:<BR/>smart transport<BR/>"
                                    "…Transport Technology)</B>|"), NULL)), "%s", s);
    /* labels that were distinct stay as they were */
    cr_assert(not(eq(ptr, strstr(s, "|<B>Project 374 network:<BR/>biotechnology in<BR/>"
                                    "industry and…</B>|"), NULL)), "%s", s);
    free(s);
    free(distinct_labels(g, o, CN_RENDER_OVERLAP));
    /* in English the three AI networks and the three agriculture networks */
    o.label_attr = "name_en";
    s = distinct_labels(g, o, CN_RENDER_MEMBERSHIP);
    cr_assert(not(eq(ptr, strstr(s, "…University of Danang)</B>|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "…VNU Ho Chi Minh City)</B>|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "…by Hue University)</B>|"), NULL)), "%s", s);
    free(s);
    free(distinct_labels(g, o, CN_RENDER_OVERLAP));
    free(distinct_labels(g, o, CN_RENDER_COLLABORATION));
}

Test(render_labels, many_labels_sharing_a_long_start)
{
    cn_graph *e;
    cn_diag_list *d;
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    static const size_t widths[] = { 3, 6, 10, 16, 22, 40 };
    char *s;

    cr_assert(eq(int, th_load("render_shared_prefix", &e, &d), 0), "%s", th_diag(d, 0));
    s = distinct_labels(e, o, CN_RENDER_MEMBERSHIP);
    /* the same start and end: the id on the last line */
    cr_assert(not(eq(ptr, strstr(s, "|<B>National network of<BR/>…by Hanoi University<BR/>"
                                    "[n20]</B>|"), NULL)), "%s", s);
    /* two experts of the same name */
    cr_assert(not(eq(ptr, strstr(s, "|Nguyen Van An<BR/>[e1]|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|Nguyen Van An<BR/>[e2]|"), NULL)), "%s", s);
    /* a long last word: its last characters */
    cr_assert(not(eq(ptr, strstr(s, "<BR/>…lidocious-network-two</B>|"), NULL)), "%s", s);
    free(s);
    /* at every width and number of lines, in every view that draws dataset nodes */
    for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
        for (size_t lines = 1; lines <= 4; lines++) {
            o.label_width = widths[w];
            o.label_lines = lines;
            free(distinct_labels(e, o, CN_RENDER_MEMBERSHIP));
            free(distinct_labels(e, o, CN_RENDER_OVERLAP));
        }
    }
    /* one line of 12 characters */
    o.label_width = 12;
    o.label_lines = 1;
    s = distinct_labels(e, o, CN_RENDER_MEMBERSHIP);
    cr_assert(not(eq(ptr, strstr(s, "|<B>Natio…sport)</B>|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|<B>Natio…ology) [n02]</B>|"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, "|Nguye…Van An [e1]|"), NULL)), "%s", s);
    free(s);
    cn_graph_destroy(e);
    cn_diag_list_destroy(d);
}

/* ---- errors ---- */

Test(render_errors, bad_focus_column_engine_and_options, .init = load_vn374, .fini = unload)
{
    cn_render_options o = options(CN_RENDER_EGO, CN_FORMAT_SVG);
    char *buf = (char *)1;
    size_t len = 1;

    o.focus = "nowhere";
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(), "no node 'nowhere' in the dataset"));
    cr_assert(eq(ptr, buf, NULL));
    cr_assert(eq(sz, len, 0));
    o.focus = NULL;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(), "the ego view needs a focus node"));
    o = options(CN_RENDER_MEMBERSHIP, CN_FORMAT_SVG);
    o.label_attr = "name_xx";
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(), "no node column 'name_xx' for labels (use label or an "
                                           "extra column of nodes.csv: name_en, city, type)"));
    /* "label" is the label column itself */
    o.label_attr = "label";
    o.format = CN_FORMAT_DOT;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), 0), "%s", cn_errmsg());
    cn_free(buf);
    o.format = CN_FORMAT_SVG;
    o.label_attr = NULL;
    o.engine = "dott";
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), CN_EINVAL));
    o.engine = NULL;
    o.format = (cn_render_format)9;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), CN_EINVAL));
    o.format = CN_FORMAT_SVG;
    o.view = CN_RENDER_COLLABORATION;
    o.ties = CN_VIEW_MEMBERSHIP;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), CN_EINVAL));
}

Test(render_file, a_failed_render_leaves_the_file_untouched, .init = load_vn374, .fini = unload)
{
    char dir[96], path[128], *old;
    cn_render_options o = options(CN_RENDER_EGO, CN_FORMAT_SVG);
    size_t len;
    cn_render_stats st;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-render")));
    snprintf(path, sizeof path, "%s/ego.svg", dir);
    cr_assert(eq(int, cn_render_file(path, &st, g, &o), 0), "%s", cn_errmsg());
    old = th_slurp(path, &len);
    cr_assert(gt(sz, len, 1000));
    o.focus = "nowhere";
    cr_assert(eq(int, cn_render_file(path, NULL, g, &o), CN_EINVAL));
    char *now = th_slurp(path, &len);
    cr_assert(eq(str, now, old));
    free(now);
    free(old);
    o.focus = "nic";
    snprintf(path, sizeof path, "%s/missing/ego.svg", dir);
    cr_assert(eq(int, cn_render_file(path, NULL, g, &o), CN_ECREATE));
    cr_assert(not(eq(ptr, strstr(cn_errmsg(), "cannot create"), NULL)), "%s", cn_errmsg());
    /* nothing else left in the directory: no temporary file */
    char cmd[256];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", dir);
    cr_assert(eq(int, system(cmd), 0));
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* cn_render_file() follows the output rules of the CLI (one module): through a symbolic link
 * the target is replaced and the link kept, with the target's mode; a FIFO is written into. */
Test(render_file, links_modes_and_fifos, .init = load_vn374, .fini = unload)
{
    char dir[96], real[128], link[128], fifo[128], cmd[512], buf[16];
    cn_render_options o = options(CN_RENDER_EGO, CN_FORMAT_DOT);
    struct stat st;
    int fd;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-render")));
    snprintf(real, sizeof real, "%s/real.dot", dir);
    snprintf(link, sizeof link, "%s/link.dot", dir);
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    snprintf(cmd, sizeof cmd, "echo old > %s && chmod 600 %s && ln -s real.dot %s", real, real,
             link);
    cr_assert(eq(int, system(cmd), 0));
    cr_assert(eq(int, cn_render_file(link, NULL, g, &o), 0), "%s", cn_errmsg());
    cr_assert(eq(int, lstat(link, &st), 0));
    cr_assert(eq(int, !!S_ISLNK(st.st_mode), 1), "the link was replaced");
    cr_assert(eq(int, stat(real, &st), 0));
    cr_assert(eq(int, (int)(st.st_mode & 07777), 0600));
    cr_assert(gt(sz, (size_t)st.st_size, 100));
    cr_assert(eq(int, mkfifo(fifo, 0600), 0));
    cr_assert(ge(int, fd = open(fifo, O_RDONLY | O_NONBLOCK), 0));
    o.view = CN_RENDER_COVERAGE; /* small enough for a pipe's buffer */
    cr_assert(eq(int, cn_render_file(fifo, NULL, g, &o), 0), "%s", cn_errmsg());
    cr_assert(eq(int, (int)read(fd, buf, 7), 7));
    close(fd);
    cr_assert(eq(int, strncmp(buf, "graph c", 7), 0));
    cr_assert(eq(int, lstat(fifo, &st), 0));
    cr_assert(eq(int, !!S_ISFIFO(st.st_mode), 1), "the FIFO was replaced");
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 3 && rm -rf %s", dir, dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* ---- the node budget, on a generated ecosystem ---- */

Test(render_budget, every_view_stays_within_the_budget, .timeout = 600)
{
    char dir[96], cmd[128];
    cn_graph *s;
    cn_diag_list *d;
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    char *buf;
    size_t len;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-budget")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 7), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&s, dir, NULL, d), 0));
    o.max_nodes = 60;
    o.format = CN_FORMAT_DOT; /* the budget is about the graph; layout is timed by the bench */
    /* the ego of a network two steps out: its members and their other networks */
    for (size_t i = 0; i < cn_graph_node_count(s) && !o.focus; i++) {
        o.focus = cn_graph_node_kind(s, i) == CN_NODE_NETWORK ? cn_graph_node_id(s, i) : NULL;
    }
    o.depth = 2;
    for (int v = 0; v < CN_RENDER_VIEW_COUNT; v++) {
        o.view = (cn_render_view)v;
        cr_assert(eq(int, cn_render(&buf, &len, &st, s, &o), 0), "%d: %s", v, cn_errmsg());
        cr_assert(le(sz, st.nodes, 60), "view %d: %zu nodes", v, st.nodes);
        if (v == CN_RENDER_OVERLAP) { /* 50 networks: a matrix, all of them */
            cr_assert(eq(sz, st.nodes, 1));
            cr_assert(eq(sz, st.shown, 50));
            cr_assert(not(eq(ptr, memmem(buf, len, "drawn as a matrix", 17), NULL)));
            cn_free(buf);
            continue;
        }
        cr_assert(gt(sz, st.aggregated + st.left_out, 0), "view %d hid nothing (%zu shown)", v,
                  st.shown);
        if (v != CN_RENDER_COVERAGE) {
            cr_assert(not(eq(ptr, memmem(buf, len, "budget", 6), NULL)),
                      "view %d: the legend does not say", v);
        }
        cn_free(buf);
    }
    /* membership: experts counted in aggregate nodes, one per network at most (12 networks
     * drawn: a fifth of 60) */
    o.view = CN_RENDER_MEMBERSHIP;
    cr_assert(eq(int, cn_render(&buf, &len, &st, s, &o), 0));
    cr_assert(gt(sz, st.aggregated, 100));
    cr_assert(not(eq(ptr, memmem(buf, len, " experts", 8), NULL)));
    size_t naggr = 0;
    for (const char *p = buf; (p = memmem(p, len - (size_t)(p - buf), "id=\"more-", 9)); p++) {
        naggr++;
    }
    cr_assert(ge(sz, naggr, 1));
    cr_assert(le(sz, naggr, 12), "%zu aggregate nodes", naggr);
    cn_free(buf);
    cn_graph_destroy(s);
    cn_diag_list_destroy(d);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* With fewer networks kept than there are (a budget under five nodes a network), the
 * membership view ranked its candidates in the ranking array after all the networks: up to
 * n - K candidates from index nnets overran its n + 1 entries ("free(): invalid pointer",
 * exit 134, on vn-374 with --max-nodes 10 to 30). */
Test(render_budget, membership_keeping_few_networks, .init = load_vn374, .fini = unload)
{
    cn_render_options o = options(CN_RENDER_MEMBERSHIP, CN_FORMAT_DOT);
    cn_render_stats st;
    char *buf;
    size_t len;

    for (size_t b = 5; b <= 40; b++) {
        o.max_nodes = b;
        cr_assert(eq(int, cn_render(&buf, &len, &st, g, &o), 0), "%zu: %s", b, cn_errmsg());
        cr_assert(le(sz, st.nodes, b), "%zu: %zu nodes", b, st.nodes);
        if (b == 10) {
            cr_assert(not(eq(ptr, memmem(buf, len, "the 2 largest of 23 networks are drawn", 38),
                             NULL)), "%.*s", (int)len, buf);
            /* 2 networks, 6 members (3 each in turn); one aggregate node each */
            cr_assert(eq(sz, st.shown, 8));
            cr_assert(eq(sz, st.nodes, 10));
            cr_assert(eq(sz, st.aggregated, 14));
            cr_assert(eq(sz, st.left_out, 15));
        }
        free(buf);
    }
}

/* ---- bitmaps larger than cairo draws ---- */

static uint32_t png_width(const char *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf + 16; /* IHDR's width, big-endian */
    cr_assert(ge(sz, len, 24));
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* 200 regions make the coverage table about 49,000 pixels wide at 144 dpi: Graphviz's cairo
 * plugin scaled it itself and printed "(null): graph is too large for cairo-renderer bitmaps.
 * Scaling by 0.67 to fit" with fprintf() on stderr. The resolution is now lowered before
 * drawing: nothing is printed, and the stats say what was done. */
Test(render_png, a_bitmap_too_large_is_drawn_at_a_lower_dpi_without_a_word_on_stderr)
{
    cn_graph *w;
    cn_diag_list *d;
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    char err[96], *buf, *text;
    size_t len, n;
    int fd = mkstemp(th_tmpl(err, sizeof err, "cn-stderr")), saved, rc;

    cr_assert(ge(int, fd, 0));
    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&w, "data/wide_coverage", NULL, d), 0));
    o.view = CN_RENDER_COVERAGE;
    o.format = CN_FORMAT_PNG;
    o.max_nodes = 1000; /* every region: the table is 10 regions wide by default */
    /* fd 2 itself, since the plugin writes there directly */
    fflush(stderr);
    saved = dup(2);
    cr_assert(ge(int, dup2(fd, 2), 0));
    rc = cn_render(&buf, &len, &st, w, &o);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    cr_assert(eq(int, rc, 0), "%s", cn_errmsg());
    text = th_slurp(err, &n);
    unlink(err);
    cr_assert(eq(str, text, ""));
    free(text);
    cr_assert(lt(dbl, st.dpi, 144.0));
    cr_assert(ge(dbl, st.dpi, 80.0));
    cr_assert(le(u32, png_width(buf, len), 32000)); /* the lowered dpi only just fits */
    cr_assert(ge(u32, png_width(buf, len), 30000));
    cn_free(buf);
    /* a diagram that fits keeps its resolution; the other formats have none */
    o.view = CN_RENDER_MEMBERSHIP;
    o.max_nodes = 0;
    cr_assert(eq(int, cn_render(&buf, &len, &st, w, &o), 0));
    cr_assert(eq(dbl, st.dpi, 144.0));
    cn_free(buf);
    o.format = CN_FORMAT_SVG;
    cr_assert(eq(int, cn_render(&buf, &len, &st, w, &o), 0));
    cr_assert(eq(dbl, st.dpi, 0.0));
    cn_free(buf);
    cn_graph_destroy(w);
    cn_diag_list_destroy(d);
}

/* ---- the command ---- */

Test(render_cli, exit_statuses_and_outputs)
{
    char dir[96], cmd[900];
    cr_assert_not_null(getenv("COLLABNET"));
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-rcli")));

    snprintf(cmd, sizeof cmd, "$COLLABNET render ../data/vn-374 -o %s/m.png && test -s "
                              "%s/m.png", dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* a PNG too large for cairo: one warning of ours, nothing from Graphviz */
    snprintf(cmd, sizeof cmd, "$COLLABNET render data/wide_coverage -v coverage --max-nodes 1000 "
             "-o %s/w.png 2>%s/err && test $(wc -l <%s/err) -eq 1 && "
             "grep -Eqx 'collabnet: warning: the PNG is drawn "
             "at [0-9]+ dpi, not 144: larger, its bitmap would pass 32000 pixels a side or 100 "
             "million pixels \\(README \"Diagrams\"\\); SVG and PDF keep every detail' %s/err "
             "&& rm %s/w.png", dir, dir, dir, dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* an unknown focus: usage (64), and the earlier file stays */
    snprintf(cmd, sizeof cmd, "$COLLABNET render ../data/vn-374 -v ego --focus nope -o %s/m.png "
                              "2>%s/err; grep -q \"no node 'nope'\" %s/err", dir, dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "$COLLABNET render ../data/vn-374 -v ego --focus nope -o %s/m.png "
                              "2>/dev/null", dir);
    cr_assert(eq(int, th_sh("%s", cmd), 64));
    snprintf(cmd, sizeof cmd, "test -s %s/m.png && test $(ls -A %s | wc -l) -eq 2", dir, dir);
    cr_assert(eq(int, system(cmd), 0));
    /* --wrap and --lines: longer labels; 0 is a usage error */
    snprintf(cmd, sizeof cmd, "$COLLABNET render ../data/vn-374 -f dot -o - --wrap 40 --lines 2 "
             "| grep -qF '<B>Project 374 network: smart transport<BR/>…(North, University of "
             "Transport)</B>'");
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "$COLLABNET render ../data/vn-374 -o %s/m.png --lines 0 2>/dev/null",
             dir);
    cr_assert(eq(int, th_sh("%s", cmd), 64));
    snprintf(cmd, sizeof cmd, "$COLLABNET render ../data/vn-374 -o %s/m.png --wrap x 2>/dev/null",
             dir);
    cr_assert(eq(int, th_sh("%s", cmd), 64));
    /* an unwritable place: 73 */
    snprintf(cmd, sizeof cmd, "$COLLABNET render ../data/vn-374 -o %s/no/such/m.svg "
                              "2>/dev/null", dir);
    cr_assert(eq(int, th_sh("%s", cmd), 73));
    /* usage errors: unknown view, no output, stdout without -T, unknown extension, ego alone */
    cr_assert(eq(int, th_sh("$COLLABNET render ../data/vn-374 -v pie -o x.svg 2>/dev/null"), 64));
    cr_assert(eq(int, th_sh("$COLLABNET render ../data/vn-374 2>/dev/null"), 64));
    cr_assert(eq(int, th_sh("$COLLABNET render ../data/vn-374 -o - 2>/dev/null"), 64));
    cr_assert(eq(int, th_sh("$COLLABNET render ../data/vn-374 -o x.jpg 2>/dev/null"), 64));
    cr_assert(eq(int, th_sh("$COLLABNET render ../data/vn-374 -v ego -o x.svg 2>/dev/null"), 64));
    /* -T to stdout; a broken dataset: 65; a missing one: 66 */
    cr_assert(eq(int, th_sh("$COLLABNET render ../data/vn-374 -T dot -o - | grep -q '^digraph "
                            "collabnet'"), 0));
    cr_assert(eq(int, th_sh("$COLLABNET render data/unknown_kind -o x.svg 2>/dev/null"), 65));
    cr_assert(eq(int, th_sh("$COLLABNET render data/no-such-dataset -o x.svg 2>/dev/null"), 66));
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* Made in a listed subdirectory between cni_outdir_commit()'s check and its moves: kept. */
static void add_unlisted(const char *dir)
{
    char path[512];
    FILE *fp;

    snprintf(path, sizeof path, "%s/figures/mine.txt", dir);
    fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("mine\n", fp);
    fclose(fp);
    snprintf(path, sizeof path, "%s/top.txt", dir);
    fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fclose(fp);
}

static int write_outdir(const char *dir)
{
    cni_outdir d;
    char *path;
    FILE *fp;
    int rc = cni_outdir_open(&d, dir, "report");

    cr_assert(eq(int, rc, 0), "%s", cn_errmsg());
    cr_assert(eq(int, cni_outdir_mkdir(&d, "figures"), 0));
    cr_assert(eq(int, cni_outdir_path(&path, &d, "figures/a.svg"), 0));
    fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fclose(fp);
    free(path);
    return cni_outdir_commit(&d);
}

Test(render_file, outdir_keeps_what_appears_during_the_commit)
{
    char tmpl[96], dir[160], kept[224], cmd[256];
    struct stat st;

    cr_assert_not_null(mkdtemp(th_tmpl(tmpl, sizeof tmpl, "cn-outdir")));
    snprintf(dir, sizeof dir, "%s/rep", tmpl);
    cr_assert(eq(int, write_outdir(dir), 0), "%s", cn_errmsg());
    cni_outdir_after_check = add_unlisted;
    cr_assert(eq(int, write_outdir(dir), CN_ECREATE));
    cni_outdir_after_check = NULL;
    cr_assert_not_null(strstr(cn_errmsg(), "is kept in"), "%s", cn_errmsg());
    snprintf(kept, sizeof kept, "%s/top.txt", dir);
    cr_assert(eq(int, stat(kept, &st), 0), "a file made in DIR was removed");
    snprintf(kept, sizeof kept, "%s/figures/a.svg", dir);
    cr_assert(eq(int, stat(kept, &st), 0), "the new output is not in place");
    snprintf(cmd, sizeof cmd, "grep -qx mine %s/.collabnet-old.*/figures/mine.txt", dir);
    cr_assert(eq(int, system(cmd), 0), "figures/mine.txt was removed");
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpl);
    cr_assert(eq(int, system(cmd), 0));
}

/* A forked worker that dies of a signal (and so runs the CLI's cleanup) leaves its parent's
 * unfinished outputs alone; the parent's own cleanup removes them. */
Test(render_file, a_workers_cleanup_leaves_the_parents_outputs)
{
    char tmpl[96], dir[160], cmd[256];
    cni_outdir d;
    struct stat st;
    int ws = 0;
    pid_t pid;

    cr_assert_not_null(mkdtemp(th_tmpl(tmpl, sizeof tmpl, "cn-outdir")));
    snprintf(dir, sizeof dir, "%s/rep", tmpl);
    cr_assert(eq(int, cni_outdir_open(&d, dir, "report"), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cni_outdir_mkdir(&d, "figures"), 0));
    cr_assert(eq(int, stat(d.tmp, &st), 0));
    pid = fork();
    cr_assert(ge(int, pid, 0));
    if (pid == 0) {
        cni_output_cleanup();
        _exit(0);
    }
    cr_assert(eq(int, waitpid(pid, &ws, 0), pid));
    cr_assert(eq(int, stat(d.tmp, &st), 0), "the worker removed its parent's output");
    snprintf(cmd, sizeof cmd, "test -d %s/figures", d.tmp);
    cr_assert(eq(int, system(cmd), 0), "the worker removed its parent's output");
    cni_output_cleanup();
    cr_assert(not(eq(int, stat(d.tmp, &st), 0)), "the parent's cleanup left its output");
    cni_outdir_abort(&d);
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpl);
    cr_assert(eq(int, system(cmd), 0));
}
