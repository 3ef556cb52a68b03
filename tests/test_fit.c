/* Page fit (README "Diagrams"): boxes and presets, drawings that fit their box at 100 % with
 * no text below the font size (read from the SVG with libxml2), the PNG's resolution and
 * size against its SVG (one layout), and bad input. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "render/memo.h"

static cn_graph *g;
static cn_targets *targets;

/* vn-374 with its targets (no diagnostics: it is valid) */
static void load_vn374(void)
{
    cr_assert(eq(int, cn_load_dataset(&g, "../data/vn-374", NULL, NULL), 0));
    cr_assert(eq(int, cn_targets_load(&targets, "../data/vn-374/targets.ini", NULL), 0));
}

static void unload(void)
{
    cn_targets_destroy(targets);
    cn_graph_destroy(g);
}

/* ---- boxes ---- */

Test(fit_parse, presets_and_units)
{
    static const struct {
        const char *text;
        double w, h; /* points */
    } cases[] = {
        { "a4", 16 * 72 / 2.54, 24.7 * 72 / 2.54 },
        { "a4-landscape", 24.7 * 72 / 2.54, 16 * 72 / 2.54 },
        { "letter", 468, 648 },
        { "slide", 960, 540 },
        { "16x24cm", 16 * 72 / 2.54, 24 * 72 / 2.54 },
        { "6.5x9in", 468, 648 },
        { "160x240mm", 16 * 72 / 2.54, 24 * 72 / 2.54 },
        { "450x700pt", 450, 700 },
        { "16 X 24.7 CM", 16 * 72 / 2.54, 24.7 * 72 / 2.54 },
        { ".5x0.25in", 36, 18 },
    };
    double w, h;

    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        cr_assert(eq(int, cn_render_fit_parse(&w, &h, cases[k].text), 0), "%s: %s",
                  cases[k].text, cn_errmsg());
        cr_assert(ieee_ulp_eq(dbl, w, cases[k].w, 8), "%s: %g", cases[k].text, w);
        cr_assert(ieee_ulp_eq(dbl, h, cases[k].h, 8), "%s: %g", cases[k].text, h);
    }
}

Test(fit_parse, bad_boxes_name_the_problem)
{
    static const struct {
        const char *text, *message;
    } cases[] = {
        { "a5", "unknown page 'a5' (expected a4, a4-landscape, letter, slide or WIDTHxHEIGHT "
                "with a unit, e.g. 16x24cm)" },
        { "16x24", "box '16x24': no unit (expected cm, mm, in or pt after the size)" },
        { "16x24km", "box '16x24km': unknown unit (expected cm, mm, in or pt after the size)" },
        { "16x", "malformed box '16x' (expected WIDTHxHEIGHT with a unit cm, mm, in or pt, "
                 "e.g. 16x24cm or 6.5x9in)" },
        { "1.2.3x4cm", "malformed box '1.2.3x4cm' (expected WIDTHxHEIGHT with a unit cm, mm, "
                       "in or pt, e.g. 16x24cm or 6.5x9in)" },
        { "0x10cm", "box '0x10cm': each side must be above 0" }, /* not hex 0x10 */
        { "-3x4cm", "box '-3x4cm': each side must be above 0" },
        { "1x1e3pt", "box '1x1e3pt': unknown unit (expected cm, mm, in or pt after the size)" },
        { "2000x3in", "box '2000x3in': a side is past 1000 inches" },
    };
    double w = 1, h = 1;

    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        cr_assert(eq(int, cn_render_fit_parse(&w, &h, cases[k].text), CN_EINVAL), "%s",
                  cases[k].text);
        cr_assert(eq(str, (char *)cn_errmsg(), (char *)cases[k].message));
        cr_assert(eq(dbl, w, 0));
        cr_assert(eq(dbl, h, 0));
    }
}

Test(fit_parse, null_arguments, .init = load_vn374, .fini = unload)
{
    static const cn_render_format svg = CN_FORMAT_SVG, bad = CN_FORMAT_COUNT;
    double w, h;
    char *out = (char *)1;
    size_t len = 1;

    cr_assert(eq(int, cn_render_fit_parse(NULL, &h, "a4"), CN_EINVAL));
    cr_assert(eq(int, cn_render_fit_parse(&w, &h, NULL), CN_EINVAL));
    cr_assert(eq(int, cn_render_formats(&out, &len, NULL, g, NULL, NULL, 1), CN_EINVAL));
    cr_assert(eq(int, cn_render_formats(&out, &len, NULL, g, NULL, &svg, 0), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(), "cn_render_formats: no format"));
    cr_assert(eq(int, cn_render_formats(&out, &len, NULL, g, NULL, &bad, 1), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(), "cn_render: formats[0] is not a cn_render_format"));
    cr_assert(eq(int, cn_render_formats(&out, &len, NULL, NULL, NULL, &svg, 1), CN_EINVAL));
    cr_assert(eq(ptr, out, NULL));
    cr_assert(eq(sz, len, 0));
}

/* ---- the SVG against its box ---- */

typedef struct svg_facts {
    double width, height;  /* the root's, in points */
    double vb_w, vb_h;     /* its viewBox */
    bool unscaled;         /* the drawing's group is at scale(1 1) */
    double scale;          /* the smaller of its scale factors */
    double min_font;       /* the smallest font-size of any text element */
    size_t texts;
} svg_facts;

static double points(const xmlChar *v)
{
    char *end;
    double d = v ? strtod((const char *)v, &end) : NAN;
    cr_assert(v && strcmp(end, "pt") == 0, "not in points: %s", v ? (const char *)v : "(none)");
    return d;
}

static svg_facts read_svg(const char *buf, size_t len)
{
    svg_facts f = { 0, 0, 0, 0, false, 1, INFINITY, 0 };
    xmlDoc *doc = xmlReadMemory(buf, (int)len, "fit.svg", NULL, XML_PARSE_NONET);
    xmlXPathContext *x;
    xmlXPathObject *r;
    xmlNode *root;
    xmlChar *v;

    cr_assert_not_null(doc);
    root = xmlDocGetRootElement(doc);
    v = xmlGetProp(root, BAD_CAST "width");
    f.width = points(v);
    xmlFree(v);
    v = xmlGetProp(root, BAD_CAST "height");
    f.height = points(v);
    xmlFree(v);
    v = xmlGetProp(root, BAD_CAST "viewBox");
    cr_assert_not_null(v);
    cr_assert(eq(int, sscanf((const char *)v, "%*f %*f %lf %lf", &f.vb_w, &f.vb_h), 2));
    xmlFree(v);
    x = xmlXPathNewContext(doc);
    cr_assert(eq(int, xmlXPathRegisterNs(x, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg"),
                 0));
    r = xmlXPathEvalExpression(BAD_CAST "//s:g[@id='graph0']/@transform", x);
    cr_assert(r && r->nodesetval && r->nodesetval->nodeNr == 1);
    v = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
    f.unscaled = strstr((const char *)v, "scale(1 1)") != NULL;
    {
        const char *at = strstr((const char *)v, "scale(");
        double sx, sy;
        cr_assert(at && sscanf(at, "scale(%lf %lf)", &sx, &sy) == 2, "%s", (const char *)v);
        f.scale = fmin(sx, sy);
    }
    xmlFree(v);
    xmlXPathFreeObject(r);
    r = xmlXPathEvalExpression(BAD_CAST "//s:text", x);
    cr_assert_not_null(r);
    for (int k = 0; r->nodesetval && k < r->nodesetval->nodeNr; k++) {
        v = xmlGetProp(r->nodesetval->nodeTab[k], BAD_CAST "font-size");
        cr_assert_not_null(v, "a text element without font-size");
        f.min_font = fmin(f.min_font, strtod((const char *)v, NULL));
        f.texts++;
        xmlFree(v);
    }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);
    return f;
}

/* Draw @p o as SVG and check it against its box and font size; returns the facts. */
static svg_facts check_fits(const cn_render_options *o, const char *what)
{
    cn_render_options so = *o;
    double font = o->font_size > 0 ? o->font_size : CN_RENDER_FONT_SIZE;
    char *buf;
    size_t len;
    svg_facts f;

    so.format = CN_FORMAT_SVG;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &so), 0), "%s: %s", what, cn_errmsg());
    f = read_svg(buf, len);
    cn_free(buf);
    /* Graphviz gives whole points, rounded up */
    cr_assert(le(dbl, f.width, o->fit_width + 1), "%s: %g pt wide in %g", what, f.width,
              o->fit_width);
    cr_assert(le(dbl, f.height, o->fit_height + 1), "%s: %g pt high in %g", what, f.height,
              o->fit_height);
    /* drawn at 100 %: the viewBox is the page size and the drawing is not scaled */
    cr_assert(le(dbl, fabs(f.vb_w - f.width), 1), "%s", what);
    cr_assert(le(dbl, fabs(f.vb_h - f.height), 1), "%s", what);
    cr_assert(f.unscaled, "%s: the drawing is scaled", what);
    cr_assert(gt(sz, f.texts, 0), "%s", what);
    cr_assert(ge(dbl, f.min_font, font - 0.005), "%s: text at %g pt, below %g", what,
              f.min_font, font);
    return f;
}

Test(fit_svg, every_view_fits_its_box_with_no_text_below_the_size, .init = load_vn374,
     .fini = unload)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char what[64];

    o.targets = targets;
    o.focus = "nic";
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "60x60cm"), 0));
    for (int v = 0; v < CN_RENDER_VIEW_COUNT; v++) {
        for (double font = 0; font <= 12; font += 6) { /* 0: the default, 9 pt */
            o.view = (cn_render_view)v;
            o.font_size = font;
            snprintf(what, sizeof what, "%s at %g pt", cn_render_view_name(o.view), font);
            check_fits(&o, what);
        }
    }
    /* the collaboration view of vn-374 fits the page presets */
    o.view = CN_RENDER_COLLABORATION;
    o.font_size = 0;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    check_fits(&o, "collaboration in a4");
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "slide"), 0));
    check_fits(&o, "collaboration in slide");
}

/* in a box, membership is cards: vn-374's 23 networks (a 620 x 1380 pt strip as a tree) all
 * fit a 40 x 60 cm box with every member named, in columns across its width */
Test(fit_svg, cards_show_every_network_in_a_large_box, .init = load_vn374, .fini = unload)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *buf = NULL, *svg;
    size_t len = 0;
    svg_facts f;

    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "40x60cm"), 0));
    f = check_fits(&o, "membership in 40 x 60 cm");
    cr_assert(ge(dbl, f.width, o.fit_width * 0.8), "%g pt of %g", f.width, o.fit_width);
    o.format = CN_FORMAT_SVG;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), 0));
    cr_assert_not_null(svg = strndup(buf, len)); /* the SVG is not NUL-terminated */
    cn_free(buf);
    cr_assert(not(eq(ptr, strstr(svg, ">23. "), NULL)));
    cr_assert(eq(ptr, strstr(svg, ">24. "), NULL));
    cr_assert(eq(ptr, strstr(svg, "Over the budget"), NULL));
    free(svg);
}

/* Count the cards (text lines "N. name") and the cards' lead lines in the membership SVG of
 * @p gr in @p box; every card's lead is named ("Lead: ...") unless it has none. */
static size_t count_cards(const cn_graph *gr, const char *box, size_t *with_lead,
                          size_t *no_lead)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *buf = NULL, *svg, *p;
    size_t len = 0, cards = 0;

    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, box), 0));
    o.format = CN_FORMAT_SVG;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, gr, &o), 0), "%s", cn_errmsg());
    cr_assert_not_null(svg = strndup(buf, len)); /* the SVG is not NUL-terminated */
    cn_free(buf);
    *with_lead = *no_lead = 0;
    for (p = svg; (p = strstr(p, "<text")) != NULL; p++) {
        const char *t = strchr(p, '>') + 1;
        size_t k = 0;
        while (t[k] >= '0' && t[k] <= '9') {
            k++;
        }
        cards += k > 0 && t[k] == '.' && t[k + 1] == ' ';
        *with_lead += strncmp(t, "Lead: ", 6) == 0;
        *no_lead += strncmp(t, "no lead given", 13) == 0;
    }
    free(svg);
    return cards;
}

/* Networks of @p gr with no lead. */
static size_t without_lead(const cn_graph *gr)
{
    size_t none = 0;
    for (size_t i = 0; i < cn_graph_node_count(gr); i++) {
        bool lead = false;
        for (size_t j = 0; j < cn_graph_network_member_count(gr, i); j++) {
            cn_edge e;
            cn_graph_edge(gr, cn_graph_network_member_edge(gr, i, j), &e);
            lead = lead || e.role == CN_ROLE_LEAD;
        }
        none += cn_graph_node_kind(gr, i) == CN_NODE_NETWORK && !lead;
    }
    return none;
}

/* membership in a4 as cards: vn-374 shows 20 of its 23 networks in three narrower columns (2 as
 * a tree, 14 in two columns of 30 characters), generated S 15 of 50 (11 in two columns; 19 in
 * a slide, 15 in four), each with its lead named or "no lead given" */
Test(fit_svg, membership_cards_show_networks_and_their_leads, .init = load_vn374,
     .fini = unload, .timeout = 60)
{
    char dir[96];
    cn_graph *s;
    size_t lead, none, cards = count_cards(g, "a4", &lead, &none);

    cr_assert(ge(sz, cards, 17), "%zu cards", cards);
    cr_assert(ge(sz, none, 1)); /* the umbrella */
    cr_assert(le(sz, none, without_lead(g)));
    cr_assert(eq(sz, lead + none, cards));
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-fit-cards")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 1), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cn_load_dataset(&s, dir, NULL, NULL), 0));
    cards = count_cards(s, "a4", &lead, &none);
    cr_assert(ge(sz, cards, 13), "%zu cards", cards);
    cr_assert(eq(sz, lead, cards));
    cards = count_cards(s, "slide", &lead, &none);
    cr_assert(ge(sz, cards, 17), "%zu cards", cards);
    cr_assert(eq(sz, lead, cards));
    cn_graph_destroy(s);
}

/* membership cards with --group region: each region's cards under its name, once (they were
 * in size order with no heading, --group ignored); every card's "field, region" line is under
 * its region's heading */
Test(fit_svg, membership_cards_group_by_region, .init = load_vn374, .fini = unload)
{
    static const char *const regions[] = { "North", "Central", "South" };
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *buf, *svg, heading[32] = "";
    size_t len, seen[3] = { 0 }, checked = 0;

    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    o.group_by_region = true;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), 0), "%s", cn_errmsg());
    cr_assert_not_null(svg = strndup(buf, len));
    cn_free(buf);
    for (const char *p = svg; (p = strstr(p, "<text")) != NULL; p++) {
        const char *t = strchr(p, '>') + 1;
        size_t n = strcspn(t, "<");
        for (size_t r = 0; r < 3; r++) {
            size_t rl = strlen(regions[r]);
            if (n == rl && strncmp(t, regions[r], rl) == 0) {
                seen[r]++;
                snprintf(heading, sizeof heading, "%s", regions[r]);
            } else if (n > rl + 3 && strncmp(t + n - rl, regions[r], rl) == 0
                       && (strncmp(t + n - rl - 2, ", ", 2) == 0
                           || strncmp(t + n - rl - 3, "\u2026", 3) == 0)) {
                /* "field, Region", or cut to "fie…Region" in narrow cards */
                cr_assert(eq(str, heading, (char *)regions[r]), "%.*s under %s", (int)n, t,
                          heading);
                checked++;
            }
        }
    }
    free(svg);
    for (size_t r = 0; r < 3; r++) {
        cr_assert(eq(sz, seen[r], 1), "%s: %zu headings", regions[r], seen[r]);
    }
    cr_assert(ge(sz, checked, 10), "%zu cards", checked);
}

/* ---- every figure of the report, of vn-374 and generated S, in a4 and slide ---- */

static const struct figure {
    const char *name;
    cn_render_view view;
    bool communities;
} FIGURES[] = {
    { "membership", CN_RENDER_MEMBERSHIP, false },
    { "overlap", CN_RENDER_OVERLAP, false },
    { "coverage", CN_RENDER_COVERAGE, false },
    { "collaboration", CN_RENDER_COLLABORATION, false },
    { "communities", CN_RENDER_COLLABORATION, true },
};

/* The SVG of @p what fits the box (its root's width and height in points) and no text is
 * below 9 pt once the drawing's scale is applied. */
static void check_in_box(const char *svg, size_t len, double box_w, double box_h,
                         const char *what)
{
    svg_facts f = read_svg(svg, len);

    cr_assert(le(dbl, f.width, box_w), "%s: %g pt wide, more than %g", what, f.width, box_w);
    cr_assert(le(dbl, f.height, box_h), "%s: %g pt high, more than %g", what, f.height, box_h);
    cr_assert(gt(sz, f.texts, 0), "%s", what);
    cr_assert(ge(dbl, f.min_font * f.scale, CN_RENDER_FONT_SIZE - 0.005),
              "%s: text at %g pt (%g at scale %g), below 9", what, f.min_font * f.scale,
              f.min_font, f.scale);
}

/* What a figure drew: its nodes and size (points). */
typedef struct figure_facts {
    size_t nodes;
    double w, h;
} figure_facts;

/* Every figure the report draws, in each page preset, rendered as SVG; @p facts (may be NULL)
 * gets each figure's, [box][figure]. */
static void check_figures(const cn_graph *graph, const cn_targets *t, const char *dataset,
                          figure_facts (*facts)[sizeof FIGURES / sizeof *FIGURES])
{
    static const char *const boxes[] = { "a4", "slide" };
    char what[96], *buf;
    size_t len;

    for (size_t b = 0; b < 2; b++) {
        for (size_t k = 0; k < sizeof FIGURES / sizeof *FIGURES; k++) {
            cn_render_options o = CN_RENDER_OPTIONS_INIT;
            o.view = FIGURES[k].view;
            o.by_community = FIGURES[k].communities;
            o.targets = t;
            cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, boxes[b]), 0));
            snprintf(what, sizeof what, "%s %s in %s", dataset, FIGURES[k].name, boxes[b]);
            cr_assert(eq(int, cn_render(&buf, &len, NULL, graph, &o), 0), "%s: %s", what,
                      cn_errmsg());
            check_in_box(buf, len, o.fit_width, o.fit_height, what);
            if (facts) {
                char *svg = strndup(buf, len); /* the SVG is not NUL-terminated */
                svg_facts f = read_svg(buf, len);
                cr_assert_not_null(svg);
                facts[b][k] = (figure_facts){ 0, f.width, f.height };
                for (const char *p = svg; (p = strstr(p, "class=\"node\"")) != NULL; p++) {
                    facts[b][k].nodes++;
                }
                free(svg);
            }
            cn_free(buf);
        }
    }
}

/* The views' budgets are lowered until each figure fits (vn-374's membership needed 21.9 x
 * 49.7 cm at 9 pt, generated S's 17.2 x 102.2 cm). */
Test(fit_figures, every_figure_of_vn374_fits_a4_and_slide, .init = load_vn374, .fini = unload)
{
    check_figures(g, targets, "vn-374", NULL);
}

/* .timeout: 33 s of processor under ASan with fast_unwind_on_malloc=0 (the sanitizers setup),
 * 86-109 s of wall time on the busy 2-core machine, as before the actors filled the box */
Test(fit_figures, every_figure_of_generated_S_fits_a4_and_slide, .timeout = 300)
{
    static const char *const boxes[] = { "a4", "slide" }; /* as check_figures() */
    figure_facts facts[2][sizeof FIGURES / sizeof *FIGURES];
    char dir[96];
    cn_graph *s;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-fit-S")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 1), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cn_load_dataset(&s, dir, NULL, NULL), 0));
    check_figures(s, NULL, "S", facts);
    /* the collaboration and communities figures fill their box with actors: they drew a
     * chain of 6 actors in a4 (417 x 492 pt of 453 x 700) and 7 in a slide (932 x 384 of
     * 960 x 540), now 12 and 14 or more, over nine tenths of each side; without communities,
     * past the budget, actors drawn as boxes with narrower labels: 20 and 22 (12 and 21 as
     * ellipses and hexagons) */
    for (size_t b = 0; b < 2; b++) {
        for (size_t k = 0; k < sizeof FIGURES / sizeof *FIGURES; k++) {
            const figure_facts *f = &facts[b][k];
            double bw, bh;
            if (FIGURES[k].view != CN_RENDER_COLLABORATION) {
                continue;
            }
            cr_assert(eq(int, cn_render_fit_parse(&bw, &bh, boxes[b]), 0));
            cr_assert(ge(sz, f->nodes, FIGURES[k].communities ? 10 : b == 0 ? 16 : 22),
                      "%s %s: %zu actors", FIGURES[k].name, boxes[b], f->nodes);
            cr_assert(ge(dbl, f->w, 0.9 * bw), "%s %s: %g pt wide of %g", FIGURES[k].name,
                      boxes[b], f->w, bw);
            cr_assert(ge(dbl, f->h, 0.9 * bh), "%s %s: %g pt high of %g", FIGURES[k].name,
                      boxes[b], f->h, bh);
        }
    }
    cn_graph_destroy(s);
}

/* A journal's column, 8.5 x 12 cm at 9 pt: the membership, overlap, collaboration and
 * communities figures fit (they exited 65, needing 8.6 to 9.0 cm, before the legend's title
 * and note and the cards wrapped narrower when the smallest budget was still too wide), and
 * the overlap matrix of 300 networks shows more than one (its scale of shades on a row of its
 * own: on one row it was 270 pt wide, and the budget fell to 1). Coverage's table of three
 * regions stays wider than the column (README "Page fit"). */
Test(fit_figures, a_journal_column_holds_all_but_coverage, .init = load_vn374, .fini = unload)
{
    char what[96], *buf;
    size_t len;

    for (size_t k = 0; k < sizeof FIGURES / sizeof *FIGURES; k++) {
        cn_render_options o = CN_RENDER_OPTIONS_INIT;
        if (FIGURES[k].view == CN_RENDER_COVERAGE) {
            continue;
        }
        o.view = FIGURES[k].view;
        o.by_community = FIGURES[k].communities;
        cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "8.5x12cm"), 0));
        snprintf(what, sizeof what, "vn-374 %s in 8.5 x 12 cm", FIGURES[k].name);
        cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), 0), "%s: %s", what, cn_errmsg());
        check_in_box(buf, len, o.fit_width, o.fit_height, what);
        cn_free(buf);
    }
}

/* In a box, each row of the legend's swatches starts at the legend's left and keeps its
 * swatches' size: Graphviz 2.42 spread a row's nested table over the legend's width, so the
 * first swatch of vn-374's network borders (communities, a4) sat at x = 53 and the coverage
 * table's gap mark at 53 as well, the width of the note away from their text. */
static void first_swatch(const cn_render_options *o, const char *mark, double *x0, double *x1)
{
    char *buf, *svg;
    const char *p;
    size_t len;

    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, o), 0), "%s", cn_errmsg());
    cr_assert_not_null(svg = strndup(buf, len));
    cn_free(buf);
    cr_assert_not_null(p = strstr(svg, mark), "%s", mark);
    cr_assert(eq(int, sscanf(p + strlen(mark), "%lf,%*f %*f,%*f %lf", x0, x1), 2));
    free(svg);
}

Test(fit_svg, legend_swatches_keep_their_place_in_a_box, .init = load_vn374, .fini = unload)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    double x0, x1;

    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    o.view = CN_RENDER_COLLABORATION;
    o.by_community = true;
    first_swatch(&o, "fill=\"none\" stroke=\"#332288\" stroke-width=\"3\" points=\"", &x0, &x1);
    cr_assert(le(dbl, x0, 20), "the first network swatch at x = %g", x0);
    cr_assert(le(dbl, fabs(x1 - x0 - 11), 0.01), "the network swatch %g pt wide", x1 - x0);
    o.view = CN_RENDER_COVERAGE;
    o.by_community = false;
    o.targets = targets;
    first_swatch(&o, "fill=\"none\" stroke=\"#d55e00\" stroke-width=\"3\" points=\"", &x0, &x1);
    cr_assert(le(dbl, x0, 20), "the gap mark at x = %g", x0);
    /* the kinds' swatches, 14 pt cells */
    o.view = CN_RENDER_COLLABORATION;
    first_swatch(&o, "fill=\"#56b4e9\" stroke=\"transparent\" points=\"", &x0, &x1);
    cr_assert(le(dbl, x0, 20), "the first kind swatch at x = %g", x0);
    cr_assert(le(dbl, fabs(x1 - x0 - 14), 0.01), "the kind swatch %g pt wide", x1 - x0);
}

/* The report's own figures, with --fit given (a figure that cannot fit stops the report): each
 * SVG in figures/ fits the box, and the legend says what was left out to fit it. */
Test(fit_figures, the_reports_figures_fit_a4_and_slide)
{
    static const char *const boxes[] = { "a4", "slide" };
    char rep[128], path[192], what[96], *buf;
    size_t len;
    double w, h;

    for (size_t b = 0; b < 2; b++) {
        snprintf(rep, sizeof rep, "%s/report-%s", th_tmp(), boxes[b]);
        cr_assert(eq(int, th_sh("$COLLABNET report -q ../data/vn-374 --fit %s -o %s", boxes[b],
                                rep), 0), "%s", boxes[b]);
        cr_assert(eq(int, cn_render_fit_parse(&w, &h, boxes[b]), 0));
        for (size_t k = 0; k < sizeof FIGURES / sizeof *FIGURES; k++) {
            snprintf(path, sizeof path, "%s/figures/%s.svg", rep, FIGURES[k].name);
            snprintf(what, sizeof what, "report in %s: %s", boxes[b], FIGURES[k].name);
            cr_assert_not_null(buf = th_slurp(path, &len), "%s", what);
            check_in_box(buf, len, w, h, what);
            free(buf);
        }
        snprintf(path, sizeof path, "%s/index.html", rep);
        cr_assert_not_null(buf = th_slurp(path, &len));
        cr_assert(eq(ptr, strstr(buf, "Not fitted"), NULL), "%s", boxes[b]);
        free(buf);
    }
    /* membership: 39 nodes do not fit a4 at 9 pt, and the legend says what was left out */
    snprintf(path, sizeof path, "%s/report-a4/figures/membership.svg", th_tmp());
    cr_assert_not_null(buf = th_slurp(path, &len));
    cr_assert(not(eq(ptr, strstr(buf, "(as many as fit the 16.0 x 24.7 cm box"), NULL)));
    free(buf);
}

Test(fit_svg, a_drawing_that_cannot_fit_says_what_it_needs, .init = load_vn374, .fini = unload)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *buf = (char *)1;
    size_t len = 1;

    /* even at a budget of one node: the legend alone is wider */
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "8x8cm"), 0));
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), CN_ELIMIT));
    cr_assert(eq(ptr, buf, NULL));
    cr_assert(eq(str, (char *)cn_errmsg(),
                 "the drawing needs 9.0 x 9.0 cm at 9 pt, more than the 8.0 x 8.0 cm box: "
                 "use a larger box, a smaller font size or fewer nodes"));
    /* a box or font size not above 0 */
    o.font_size = -1;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), CN_EINVAL));
    o.font_size = 0;
    o.fit_height = 0;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), CN_EINVAL));
}

/* The shape of generated L's coverage (issue 21): 12 fields, 3 regions, hundreds of networks
 * in each cell ("100 / reached by 300"), no targets. Written under th_tmp() and loaded into g. */
static const char *const FIELDS[] = { "ai", "biotech", "cybersecurity", "edtech", "hydrogen",
                                      "multimedia", "new-materials", "quantum",
                                      "renewable-energy", "semiconductor", "smart-transport",
                                      "uav" };

static void load_many_networks(void)
{
    static const char *const regions[] = { "North", "Central", "South" };
    char dir[512], path[600];
    FILE *f;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "coverage-l")));
    snprintf(path, sizeof path, "%s/nodes.csv", dir);
    cr_assert_not_null(f = fopen(path, "w"));
    fprintf(f, "id,label,kind,region,country,fields\n");
    for (int r = 0; r < 3; r++) {
        fprintf(f, "i%d,Institution %d,institution,%s,VN,\n", r, r, regions[r]);
    }
    for (int k = 0; k < 300; k++) {
        fprintf(f, "n%d,Network %d,network,%s,VN,", k, k, regions[k % 3]);
        for (size_t j = 0; j < sizeof FIELDS / sizeof *FIELDS; j++) {
            fprintf(f, "%s%s", j ? ";" : "", FIELDS[j]);
        }
        fprintf(f, "\n");
    }
    cr_assert(eq(int, fclose(f), 0));
    snprintf(path, sizeof path, "%s/edges.csv", dir);
    cr_assert_not_null(f = fopen(path, "w"));
    fprintf(f, "source,target,kind,role,weight,since,until,ref\n");
    for (int k = 0; k < 300; k++) { /* led in one region, reaching all three */
        for (int r = 0; r < 3; r++) {
            fprintf(f, "i%d,n%d,membership,%s,,,,t\n", r, k, r == k % 3 ? "lead" : "member");
        }
    }
    cr_assert(eq(int, fclose(f), 0));
    cr_assert(eq(int, cn_load_dataset(&g, dir, NULL, NULL), 0), "%s", cn_errmsg());
}

static char *render_svg(const cn_render_options *o)
{
    cn_render_options so = *o;
    char *buf = NULL, *svg;
    size_t len = 0;

    so.format = CN_FORMAT_SVG;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &so), 0), "%s", cn_errmsg());
    cr_assert_not_null(svg = strndup(buf, len)); /* the SVG is not NUL-terminated */
    cn_free(buf);
    return svg;
}

/* The overlap matrix of 300 networks in a journal's column (above): more than one row. */
Test(fit_figures, a_journal_column_shows_more_than_one_row_of_the_matrix,
     .init = load_many_networks, .fini = unload)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *svg;
    size_t rows = 0;

    o.view = CN_RENDER_OVERLAP;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "8.5x12cm"), 0));
    svg = render_svg(&o);
    check_in_box(svg, strlen(svg), o.fit_width, o.fit_height, "overlap of 300 in 8.5 x 12 cm");
    for (const char *p = svg; (p = strstr(p, "(3)</text>")) != NULL; p++) {
        rows++; /* a row's label ends with the network's members in brackets */
    }
    cr_assert(ge(sz, rows, 2), "%zu rows", rows);
    free(svg);
}

/* L's table was drawn with 2 of its 12 fields and 2 of its 3 regions plus "other 1 regions":
 * it was 36 pt too wide for A4 (an empty "networks" column), and the budget lowered to fit
 * cut the fields too, which made it no narrower. Every field and region fits. */
Test(fit_coverage, many_networks_per_cell_show_every_field_and_region_in_a4,
     .init = load_many_networks, .fini = unload)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *svg, text[64];

    o.view = CN_RENDER_COVERAGE;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    check_fits(&o, "coverage in a4");
    svg = render_svg(&o);
    for (size_t j = 0; j < sizeof FIELDS / sizeof *FIELDS; j++) {
        const char *dash = strchr(FIELDS[j], '-'); /* Graphviz writes '-' as &#45; */
        if (dash) {
            snprintf(text, sizeof text, ">%.*s&#45;%s</text>", (int)(dash - FIELDS[j]),
                     FIELDS[j], dash + 1);
        } else {
            snprintf(text, sizeof text, ">%s</text>", FIELDS[j]);
        }
        cr_assert(not(eq(ptr, strstr(svg, text), NULL)), "field %s is not drawn", FIELDS[j]);
    }
    cr_assert(not(eq(ptr, strstr(svg, ">North</text>"), NULL)));
    cr_assert(not(eq(ptr, strstr(svg, ">Central</text>"), NULL)));
    cr_assert(not(eq(ptr, strstr(svg, ">South</text>"), NULL)));
    cr_assert(not(eq(ptr, strstr(svg, ">reached by 300</text>"), NULL)));
    cr_assert(eq(ptr, strstr(svg, "other"), NULL));
    cr_assert(eq(ptr, strstr(svg, ">networks</text>"), NULL)); /* no target counts networks */
    free(svg);
}

/* a budget of 2 leaves one region over: it is drawn, not summed as "other 1 regions"; the
 * fields past the budget are */
Test(fit_coverage, a_single_leftover_is_drawn_not_summed, .init = load_many_networks,
     .fini = unload)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *svg;

    o.view = CN_RENDER_COVERAGE;
    o.max_nodes = 2;
    svg = render_svg(&o);
    cr_assert(not(eq(ptr, strstr(svg, ">North</text>"), NULL)));
    cr_assert(not(eq(ptr, strstr(svg, ">Central</text>"), NULL)));
    cr_assert(not(eq(ptr, strstr(svg, ">South</text>"), NULL)));
    cr_assert(eq(ptr, strstr(svg, "regions</text>"), NULL));
    cr_assert(not(eq(ptr, strstr(svg, ">other 10 fields</text>"), NULL)));
    cr_assert(not(eq(ptr, strstr(svg, "Only the 2 of 12 fields that matter"), NULL)));
    free(svg);
}

/* ---- PNG ---- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The PNG's size and its pHYs chunk (0 when none). */
static void read_png(const char *buf, size_t len, uint32_t *w, uint32_t *h, uint32_t *ppm,
                     int *unit)
{
    const unsigned char *p = (const unsigned char *)buf;

    cr_assert(ge(sz, len, 33));
    cr_assert(eq(int, memcmp(p + 1, "PNG", 3), 0));
    *w = be32(p + 16);
    *h = be32(p + 20);
    *ppm = 0;
    *unit = -1;
    for (size_t at = 8; at + 12 <= len; at += 12 + be32(p + at)) {
        if (memcmp(p + at + 4, "pHYs", 4) == 0) {
            cr_assert(eq(u32, be32(p + at), 9));
            cr_assert(eq(u32, be32(p + at + 8), be32(p + at + 12)), "square pixels");
            *ppm = be32(p + at + 8);
            *unit = p[at + 16];
        }
    }
}

/* The PNG's pixels are the SVG's points at dpi / 72, and its pHYs says the dpi. */
static void check_png_is_svg(const cn_graph *graph, const cn_render_options *o, unsigned dpi,
                             const char *what)
{
    static const cn_render_format formats[] = { CN_FORMAT_SVG, CN_FORMAT_PNG, CN_FORMAT_PDF };
    cn_render_options po = *o;
    cn_render_stats st;
    char *out[3];
    size_t len[3];
    uint32_t w, h, ppm;
    int unit;
    svg_facts f;

    po.dpi = dpi;
    cr_assert(eq(int, cn_render_formats(out, len, &st, graph, &po, formats, 3), 0), "%s: %s",
              what, cn_errmsg());
    f = read_svg(out[0], len[0]);
    read_png(out[1], len[1], &w, &h, &ppm, &unit);
    cr_assert(eq(dbl, st.dpi, dpi));
    cr_assert(eq(int, unit, 1), "%s: pHYs in metres", what);
    cr_assert(eq(u32, ppm, (uint32_t)lround(dpi / 0.0254)), "%s", what);
    /* the SVG rounds its size up to whole points */
    cr_assert(le(dbl, fabs(w - f.vb_w * dpi / 72), dpi / 72.0 + 1), "%s: %u px, %g pt", what,
              w, f.vb_w);
    cr_assert(le(dbl, fabs(h - f.vb_h * dpi / 72), dpi / 72.0 + 1), "%s: %u px, %g pt", what,
              h, f.vb_h);
    cr_assert(eq(int, memcmp(out[2], "%PDF", 4), 0));
    for (size_t k = 0; k < 3; k++) {
        cn_free(out[k]);
    }
}

Test(fit_png, resolution_and_size_follow_the_svg, .init = load_vn374, .fini = unload)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *buf;
    size_t len;
    uint32_t w, h, ppm;
    int unit;

    check_png_is_svg(g, &o, 200, "membership at 200 dpi");
    o.view = CN_RENDER_COLLABORATION;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    check_png_is_svg(g, &o, 300, "collaboration in a4 at 300 dpi");
    /* cn_render() too, at the default 144 dpi: 5669 pixels a metre */
    o.format = CN_FORMAT_PNG;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &o), 0));
    read_png(buf, len, &w, &h, &ppm, &unit);
    cr_assert(eq(u32, ppm, 5669));
    cn_free(buf);
}

/* Asked with other formats, the DOT source is still the one before layout and fitting. */
Test(fit_png, dot_with_other_formats_is_the_source, .init = load_vn374, .fini = unload)
{
    static const cn_render_format formats[] = { CN_FORMAT_SVG, CN_FORMAT_DOT };
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *out[2], *alone;
    size_t len[2], alone_len;

    o.view = CN_RENDER_COLLABORATION;
    o.format = CN_FORMAT_DOT;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    cr_assert(eq(int, cn_render(&alone, &alone_len, NULL, g, &o), 0));
    cr_assert(eq(int, cn_render_formats(out, len, NULL, g, &o, formats, 2), 0), "%s",
              cn_errmsg());
    cr_assert(eq(sz, len[1], alone_len));
    cr_assert(eq(int, memcmp(out[1], alone, alone_len), 0));
    cr_assert(eq(ptr, strstr(alone, "pos="), NULL), "laid out");
    cr_assert(eq(int, memcmp(out[0], "<?xml", 5), 0));
    cn_free(alone);
    cn_free(out[0]);
    cn_free(out[1]);
}

/* sfdp lays a graph out differently the second time in a process: the report drew S's
 * membership PNG (5526 x 3206 px) from another layout than its SVG (2548 x 1703 pt). One
 * layout now gives all three files. */
Test(fit_png, generated_png_is_the_svg_drawing_in_the_report, .timeout = 300)
{
    char dir[96], rep[128], path[160];
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_graph *s;
    uint32_t w, h, ppm;
    int unit;
    size_t len;
    char *buf;
    svg_facts f;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-fit")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 1), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cn_load_dataset(&s, dir, NULL, NULL), 0));
    /* a small bitmap (valgrind runs this too); the second is sfdp's second layout */
    check_png_is_svg(s, &o, 36, "S membership");
    check_png_is_svg(s, &o, 36, "S membership again");
    cn_graph_destroy(s);
    snprintf(rep, sizeof rep, "%s-report", dir);
    cr_assert(eq(int, th_sh("$COLLABNET report -q %s -o %s", dir, rep), 0));
    snprintf(path, sizeof path, "%s/figures/membership.svg", rep);
    cr_assert_not_null(buf = th_slurp(path, &len));
    f = read_svg(buf, len);
    free(buf);
    snprintf(path, sizeof path, "%s/figures/membership.png", rep);
    cr_assert_not_null(buf = th_slurp(path, &len));
    read_png(buf, len, &w, &h, &ppm, &unit);
    free(buf);
    cr_assert(le(dbl, fabs(w - f.vb_w * 2), 3), "PNG %u px, SVG %g pt", w, f.vb_w);
    cr_assert(le(dbl, fabs(h - f.vb_h * 2), 3), "PNG %u px, SVG %g pt", h, f.vb_h);
    cr_assert(ge(dbl, f.min_font, CN_RENDER_FONT_SIZE - 0.005), "%g pt", f.min_font);
}

/* ---- bad input on the command line: a precise message, the exit status, nothing written ---- */

Test(fit_cli, bad_input_writes_nothing)
{
    static const struct {
        const char *args, *message;
        int status;
    } cases[] = {
        { "--fit a5", "collabnet: --fit: unknown page 'a5' (expected a4, a4-landscape, letter, "
                      "slide or WIDTHxHEIGHT with a unit, e.g. 16x24cm)", 64 },
        { "--fit 16x24", "collabnet: --fit: box '16x24': no unit (expected cm, mm, in or pt "
                         "after the size)", 64 },
        { "--fit 0x24cm", "collabnet: --fit: box '0x24cm': each side must be above 0", 64 },
        { "--font-size 0", "collabnet: --font-size needs a size in points above 0 and at most "
                           "1000, not '0'", 64 },
        { "--font-size -3", "collabnet: --font-size needs a size in points above 0 and at most "
                            "1000, not '-3'", 64 },
        { "--dpi 0", "collabnet: --dpi needs a positive integer, not '0'", 64 },
        { "--dpi -5", "collabnet: --dpi needs a positive integer, not '-5'", 64 },
        /* the nearest of the budgets tried, down to one node */
        { "--fit 5x5cm", "collabnet: the drawing needs 9.0 x 9.4 cm at 9 pt, more than the "
                         "5.0 x 5.0 cm box: use a larger box, a smaller font size or fewer "
                         "nodes", 65 },
    };
    char out[96], err[128], want[300], *text;
    struct stat st;
    size_t len;

    snprintf(out, sizeof out, "%s/bad", th_tmp());
    snprintf(err, sizeof err, "%s/bad.err", th_tmp());
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        for (int report = 0; report < 2; report++) {
            cr_assert(eq(int,
                         th_sh("$COLLABNET %s ../data/vn-374 %s -o %s%s 2>%s",
                               report ? "report -q" : "render", cases[k].args, out,
                               report ? "" : ".png", err),
                         cases[k].status), "%s", cases[k].args);
            cr_assert_not_null(text = th_slurp(err, &len));
            snprintf(want, sizeof want, "%s\n", cases[k].message);
            if (report && cases[k].status == 65) { /* the report names the figure */
                cr_assert(eq(int, strncmp(text, "collabnet: figure '", 19), 0), "%s", text);
                cr_assert(not(eq(ptr, strstr(text, "': the drawing needs "), NULL)), "%s", text);
            } else {
                cr_assert(eq(str, text, want), "%s", cases[k].args);
            }
            free(text);
            cr_assert(eq(int, stat(out, &st), -1), "%s wrote the report", cases[k].args);
            strcat(out, ".png");
            cr_assert(eq(int, stat(out, &st), -1), "%s wrote the PNG", cases[k].args);
            out[strlen(out) - 4] = '\0';
        }
    }
}

/* ---- a partition and a measure computed once (render/memo.h) ---- */

/* @p out (@p len bytes), drawn with a memo, is the SVG cn_render_formats() draws without one. */
static void same_as_without_memo(const cn_render_options *o, const char *out, size_t len)
{
    static const cn_render_format svg = CN_FORMAT_SVG;
    char *plain = NULL;
    size_t plain_len = 0;

    cr_assert(eq(int, cn_render_formats(&plain, &plain_len, NULL, g, o, &svg, 1), 0));
    cr_assert(eq(sz, len, plain_len));
    cr_assert(eq(int, memcmp(out, plain, len), 0));
    cn_free(plain);
}

/* The report draws the communities figure with the partition its section computed, and every
 * try at fitting a box reuses the figure's PageRank (generated M: Leiden and PageRank ran up to
 * 4 times a figure, 11 of the report's 22 processor seconds besides betweenness). */
Test(fit_memo, partition_and_measure_computed_once, .init = load_vn374, .fini = unload)
{
    static const cn_render_format svg = CN_FORMAT_SVG;
    cni_render_memo memo = CNI_RENDER_MEMO_INIT;
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    const cn_communities *c = NULL, *again = NULL;
    const double *val;
    char *out = NULL;
    size_t len = 0;

    cr_assert(eq(int, cni_render_memo_communities(&c, &memo, g, NULL), 0), "%s", cn_errmsg());
    o.view = CN_RENDER_COLLABORATION;
    o.by_community = true;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4-landscape"), 0));
    cr_assert(eq(int, cni_render_formats_memo(&out, &len, NULL, g, &o, &svg, 1, &memo), 0), "%s",
              cn_errmsg());
    /* the figure drew the partition given, and kept its PageRank */
    cr_assert(eq(ptr, (void *)memo.comm, (void *)c));
    cr_assert(not(eq(ptr, memo.val, NULL)));
    cr_assert(eq(int, memo.val_m, CN_MEASURE_PAGERANK));
    val = memo.val;
    cn_free(out);
    out = NULL;
    cr_assert(eq(int, cni_render_formats_memo(&out, &len, NULL, g, &o, &svg, 1, &memo), 0));
    cr_assert(eq(ptr, (void *)memo.val, (void *)val), "PageRank computed again");
    cr_assert(eq(int, cni_render_memo_communities(&again, &memo, g, NULL), 0));
    cr_assert(eq(ptr, (void *)again, (void *)c), "the partition computed again");
    /* the same drawing as without a memo */
    same_as_without_memo(&o, out, len);
    cn_free(out);
    cni_render_memo_fini(&memo);
    cni_render_memo_fini(&memo); /* fini twice: a no-op */
}

/* the overlap figure and the report's overlap tables share one overlap: each try at fitting the
 * box computed it again (1.2 s a time at L) */
Test(fit_memo, overlap_computed_once, .init = load_vn374, .fini = unload)
{
    static const cn_render_format svg = CN_FORMAT_SVG;
    cni_render_memo memo = CNI_RENDER_MEMO_INIT;
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_overlap_options oo = CN_OVERLAP_OPTIONS_INIT;
    const cn_overlap *ov = NULL, *again = NULL;
    char *out = NULL;
    size_t len = 0;

    o.view = CN_RENDER_OVERLAP;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    cr_assert(eq(int, cni_render_formats_memo(&out, &len, NULL, g, &o, &svg, 1, &memo), 0), "%s",
                 cn_errmsg());
    cr_assert(not(eq(ptr, (void *)memo.ov, NULL)));
    cr_assert(eq(int, cni_render_memo_overlap(&ov, &memo, g, &oo), 0));
    cr_assert(eq(ptr, (void *)ov, (void *)memo.ov), "the overlap computed again");
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 2)); /* as `collabnet overlap` lists */
    /* other options: computed for them */
    oo.kind = CN_NODE_EXPERT;
    cr_assert(eq(int, cni_render_memo_overlap(&again, &memo, g, &oo), 0));
    cr_assert(eq(ptr, (void *)again, (void *)memo.ov));
    cr_assert(eq(int, memo.ov_opts.kind, CN_NODE_EXPERT));
    /* the same drawing as without a memo */
    same_as_without_memo(&o, out, len);
    cn_free(out);
    cni_render_memo_fini(&memo);
    cr_assert(eq(ptr, (void *)memo.ov, NULL));
}

/* A figure's tries at fitting a box share one view of the ties (at L the collaboration view,
 * 8.5M ties, was built for every try); it is dropped when the figure is done, and another kind
 * of view is built for its own. */
Test(fit_memo, view_built_once_a_figure, .init = load_vn374, .fini = unload)
{
    cni_render_memo memo = CNI_RENDER_MEMO_INIT;
    const cni_view *v = NULL, *again = NULL;
    cni_view fresh = { 0 };

    cr_assert(eq(int, cni_render_memo_view(&v, &memo, g, CN_VIEW_COLLABORATION, 0), 0), "%s",
              cn_errmsg());
    cr_assert(eq(ptr, (void *)v, (void *)memo.view));
    cr_assert(eq(int, cni_view_build(&fresh, g, CN_VIEW_COLLABORATION, CN_PROJECTION_COUNT, 0), 0));
    cr_assert(eq(sz, v->m, fresh.m));
    cr_assert(eq(sz, v->nv, fresh.nv));
    cr_assert(eq(sz, v->m, 2)); /* vn-374: 2 collaboration ties */
    cni_view_fini(&fresh);
    cr_assert(eq(int, cni_render_memo_view(&again, &memo, g, CN_VIEW_COLLABORATION, 0), 0));
    cr_assert(eq(ptr, (void *)again, (void *)v), "the view built again");
    cr_assert(eq(int, cni_render_memo_view(&again, &memo, g, CN_VIEW_COMEMBERSHIP, 0), 0));
    cr_assert(eq(int, memo.view_kind, CN_VIEW_COMEMBERSHIP));
    cr_assert(eq(int, cni_view_build(&fresh, g, CN_VIEW_COMEMBERSHIP, CN_PROJECTION_COUNT, 0), 0));
    cr_assert(eq(sz, again->m, fresh.m), "the co-membership view is its own");
    cr_assert(not(eq(sz, fresh.m, 2)), "vn-374's two views differ");
    cni_view_fini(&fresh);
    cni_render_memo_drop_view(&memo);
    cr_assert(eq(ptr, (void *)memo.view, NULL));
    cni_render_memo_drop_view(&memo); /* twice: a no-op */
    cni_render_memo_fini(&memo);
}

/* The view's ties by node (the collaboration figure's tries share them): node i's are the ties
 * with i at an end, in view order; built once, dropped with the view and rebuilt for another. */
Test(fit_memo, ties_by_node_with_the_view, .init = load_vn374, .fini = unload)
{
    cni_render_memo memo = CNI_RENDER_MEMO_INIT;
    const cni_view *v = NULL;
    const size_t *off = NULL, *at = NULL, *off2 = NULL, *at2 = NULL;
    size_t n = cn_graph_node_count(g), listed = 0;

    cr_assert(eq(int, cni_render_memo_ties(&off, &at, &memo, g, CN_VIEW_COMBINED, 0), 0), "%s",
              cn_errmsg());
    cr_assert(eq(int, cni_render_memo_view(&v, &memo, g, CN_VIEW_COMBINED, 0), 0));
    cr_assert(gt(sz, v->m, 20));
    for (size_t i = 0; i < n; i++) {
        size_t j = off[i];
        for (size_t k = 0; k < v->m; k++) {
            if (v->node_of_vert[v->from[k]] == i || v->node_of_vert[v->to[k]] == i) {
                cr_assert(lt(sz, j, off[i + 1]), "node %zu lists too few ties", i);
                cr_assert(eq(sz, at[j++], k), "node %zu", i);
            }
        }
        cr_assert(eq(sz, j, off[i + 1]), "node %zu lists too many ties", i);
        listed += off[i + 1] - off[i];
    }
    cr_assert(eq(sz, listed, 2 * v->m));
    cr_assert(eq(int, cni_render_memo_ties(&off2, &at2, &memo, g, CN_VIEW_COMBINED, 0), 0));
    cr_assert(eq(ptr, (void *)off2, (void *)off), "built again");
    cr_assert(eq(ptr, (void *)at2, (void *)at));
    /* another view: its own ties (vn-374 has 2 collaboration ties) */
    cr_assert(eq(int, cni_render_memo_ties(&off, &at, &memo, g, CN_VIEW_COLLABORATION, 0), 0));
    cr_assert(eq(sz, off[n], 4));
    cni_render_memo_drop_view(&memo);
    cr_assert(eq(ptr, (void *)memo.tie_off, NULL));
    cr_assert(eq(ptr, (void *)memo.tie_at, NULL));
    cni_render_memo_fini(&memo);
}

/* cni_render_formats_memo() does not keep the figure's view in the report's memo. */
Test(fit_memo, view_dropped_after_the_figure, .init = load_vn374, .fini = unload)
{
    static const cn_render_format svg = CN_FORMAT_SVG;
    cni_render_memo memo = CNI_RENDER_MEMO_INIT;
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    char *out = NULL;
    size_t len = 0;

    o.view = CN_RENDER_COLLABORATION;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    cr_assert(eq(int, cni_render_formats_memo(&out, &len, NULL, g, &o, &svg, 1, &memo), 0), "%s",
              cn_errmsg());
    cr_assert(eq(ptr, (void *)memo.view, NULL), "the view is held after the figure");
    cr_assert(eq(ptr, (void *)memo.tie_off, NULL), "its ties are held after the figure");
    same_as_without_memo(&o, out, len);
    cn_free(out);
    cni_render_memo_fini(&memo);
}
