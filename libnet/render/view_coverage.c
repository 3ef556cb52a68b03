/* The coverage view: the field x region matrix as one HTML-like table, gaps marked. No
 * Graphviz here. */
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "text.h"

static const char *const SHADE[] = { "#F2F2F2", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD" };

static const cn_rule_result *find_rule(const cn_coverage *cov, cn_rule_type type,
                                       const char *field, const char *region)
{
    for (size_t k = 0; k < cn_coverage_result_count(cov); k++) {
        const cn_rule_result *r = cn_coverage_result(cov, k);
        if (r->type == type && r->field && strcmp(r->field, field) == 0
            && (!region || (r->region && strcmp(r->region, region) == 0))) {
            return r;
        }
    }
    return NULL;
}

/* Past these many regions (columns) or fields (rows) the table keeps those that matter, the
 * ones with a gap against the targets first, then those with most networks led, and sums the
 * rest in one "other N regions" column or "other N fields" row: 470 cities made a table
 * 32,767 pixels wide. */
#define MAX_REGIONS 10
#define MAX_FIELDS 20

/* @p keep[j] for the @p max of the @p n columns (@p col: each region's column) or, with @p col
 * NULL, fields that matter; the number kept, or CN_NONE when out of memory. A single one left
 * over is kept: its own column or row is no wider than "other 1 regions" and says more. */
static size_t keep_top(bool *keep, const cn_coverage *cov, const size_t *col, size_t n,
                       size_t max)
{
    cni_rank_item *it;

    if (n <= max + 1) {
        for (size_t j = 0; j < n; j++) {
            keep[j] = true;
        }
        return n;
    }
    if (!(it = cni_calloc_array(n, sizeof *it))) {
        return CN_NONE;
    }
    for (size_t j = 0; j < n; j++) {
        it[j].node = j;
    }
    for (size_t f = 0; f < cn_coverage_field_count(cov); f++) {
        for (size_t r = 0; r < cn_coverage_region_count(cov); r++) {
            const cn_rule_result *rule = find_rule(cov, CN_RULE_FIELD_REGIONS,
                                                   cn_coverage_field(cov, f),
                                                   cn_coverage_region(cov, r));
            size_t j = col ? col[r] : f;
            it[j].key1 += rule && !rule->met;
            it[j].key2 += cn_coverage_cell_at(cov, f, r)->led;
        }
    }
    cni_sort(it, n, sizeof *it, cni_draw_cmp_rank);
    for (size_t j = 0; j < n; j++) {
        keep[it[j].node] = j < max;
    }
    free(it);
    return max;
}

/* The table's columns: one per region, or with o->group_column one per value of that node
 * column (the contract's country, or an extra column), a region going to the value of its
 * first institution (node order) that has one (else to a column of its own). @p col[r] gets
 * region r's column, @p name[j] column j's heading (borrowed), @p size[j] its regions; the
 * number of columns, or CN_NONE with the error set (CN_EINVAL: no such column). */
static size_t group_columns(size_t *col, const char **name, size_t *size, cni_draw_ctx *c,
                            const cn_coverage *cov)
{
    const cn_graph *g = c->g;
    size_t nr = cn_coverage_region_count(cov), ncol = 0, k = CN_NONE;
    bool country = c->o->group_column && strcmp(c->o->group_column, "country") == 0;

    if (c->o->group_column && !country) {
        for (size_t a = 0; a < cn_graph_node_attr_count(g); a++) {
            if (strcmp(cn_graph_node_attr_name(g, a), c->o->group_column) == 0) {
                k = a;
            }
        }
        if (k == CN_NONE) {
            cni_fail(CN_EINVAL, "no node column '%s' to group the regions by",
                     c->o->group_column);
            return CN_NONE;
        }
    }
    for (size_t r = 0; r < nr; r++) {
        const char *region = cn_coverage_region(cov, r), *v = NULL;
        for (size_t i = 0; (k != CN_NONE || country) && i < cn_graph_node_count(g) && !v; i++) {
            const char *x = country ? cn_graph_node_country(g, i) : cn_graph_node_attr(g, i, k);
            if (cn_graph_node_kind(g, i) == CN_NODE_INSTITUTION && x && *x
                && strcmp(cn_graph_node_region(g, i), region) == 0) {
                v = x;
            }
        }
        v = v ? v : region;
        col[r] = CN_NONE;
        for (size_t j = 0; j < ncol && col[r] == CN_NONE; j++) {
            col[r] = strcmp(name[j], v) == 0 ? j : CN_NONE;
        }
        if (col[r] == CN_NONE) {
            name[ncol] = v;
            size[ncol] = 0;
            col[r] = ncol++;
        }
        size[col[r]]++;
    }
    return ncol;
}

/* Whether @p region (NULL: none) has a column: it is the region of a node. */
static bool in_table(const cn_coverage *cov, const char *region)
{
    for (size_t r = 0; region && r < cn_coverage_region_count(cov); r++) {
        if (strcmp(cn_coverage_region(cov, r), region) == 0) {
            return true;
        }
    }
    return false;
}

int cni_views_coverage(cni_draw_ctx *c)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    cn_coverage *cov = NULL;
    cni_buf b, rows;
    size_t nf, nr, other = 0, kf = 0, kr = 0, ncol = 0, *col = NULL, *colsize = NULL;
    size_t unplaced = 0; /* gaps of a field in a region with no column */
    bool *keepf = NULL, *keepr = NULL;
    const char **colname = NULL;
    bool beside, networks_col = false;
    /* the network gaps listed; 3 when the budget was lowered to fit, the table first */
    size_t max_gaps = c->budget->lowered ? 3 : 8;
    int rc;

    if ((rc = cn_coverage_compute(&cov, c->g, c->o->targets, &co)) != 0) {
        return rc;
    }
    /* in a landscape box (a slide) the network gaps go beside the table, not below it, where
     * they left room for 3 of vn-374's 12 fields */
    beside = c->o->fit_width > c->o->fit_height;
    cni_draw_frame(c);
    nf = cn_coverage_field_count(cov);
    nr = cn_coverage_region_count(cov);
    cni_buf_init(&b);
    cni_buf_init(&rows);
    keepf = cni_calloc_array(nf + 1, sizeof *keepf);
    keepr = cni_calloc_array(nr + 1, sizeof *keepr);
    col = cni_alloc_array(nr + 1, sizeof *col);
    colsize = cni_alloc_array(nr + 1, sizeof *colsize);
    colname = cni_calloc_array(nr + 1, sizeof *colname);
    if (!keepf || !keepr || !col || !colsize || !colname) {
        rc = cni_draw_oom();
        goto done;
    }
    if ((ncol = group_columns(col, colname, colsize, c, cov)) == CN_NONE) {
        rc = CN_EINVAL;
        goto done;
    }
    {
        /* --max-nodes, when given, bounds each side instead; in a box, the rows (fields) and
         * the columns (regions, keepr and kr) have a budget each, lowered by how much too high
         * and too wide the table is: one budget for both cut a4's fields to the 3 regions
         * its width holds */
        size_t bf = c->o->max_nodes ? c->o->max_nodes : MAX_FIELDS;
        size_t br = c->budget->cols ? c->budget->cols
                    : c->o->max_nodes ? c->o->max_nodes : MAX_REGIONS;
        kf = keep_top(keepf, cov, NULL, nf, bf);
        kr = keep_top(keepr, cov, col, ncol, br);
        if (kf == CN_NONE || kr == CN_NONE) {
            rc = cni_draw_oom();
            goto done;
        }
        /* a single leftover kept beyond the budget does not count: the next try goes lower */
        c->budget->applied = kf < bf ? kf : bf;
        c->budget->applied_cols = kr < br ? kr : br;
    }
    c->budget->per_side = true;
    /* the column of the fields' network counts only when a target counts them (an empty
     * column made L's 12 x 3 table too wide for A4) */
    for (size_t f = 0; f < nf && !networks_col; f++) {
        networks_col = keepf[f] && find_rule(cov, CN_RULE_FIELD_NETWORKS,
                                             cn_coverage_field(cov, f), NULL);
    }
    /* in a box, 4 pt of padding rather than 6: a4 held 2 regions of 400 cities, now 3, a
     * slide 9 of generated S's 12 fields, now all */
    cni_buf_printf(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"%d\" "
                       "COLOR=\"#BBBBBB\"><TR><TD BGCOLOR=\"#FFFFFF\"><B>field</B></TD>",
                   c->o->fit_width > 0 ? 4 : 6);
    for (size_t r = 0; r < ncol; r++) {
        if (!keepr[r]) {
            continue;
        }
        /* in a box, a heading wraps as node labels do: a region named in 4,889 characters
         * made the table 1,091 cm wide */
        char *t = c->o->fit_width > 0 ? cni_draw_wrap_text(c, colname[r])
                                      : cni_text_clean(colname[r]);
        cni_buf_puts(&b, "<TD BGCOLOR=\"#FFFFFF\"><B>");
        cni_text_gv_html(&b, t ? t : "");
        cni_buf_puts(&b, "</B></TD>");
        free(t);
    }
    if (kr < ncol) {
        cni_buf_printf(&b, "<TD BGCOLOR=\"#FFFFFF\"><B>other %zu<BR/>", ncol - kr);
        if (c->o->group_column) {
            char *t = cni_text_clean(c->o->group_column);
            cni_text_gv_html(&b, t ? t : "");
            cni_buf_puts(&b, " values</B></TD>");
            free(t);
        } else {
            cni_buf_puts(&b, "regions</B></TD>");
        }
    }
    cni_buf_puts(&b, networks_col ? "<TD BGCOLOR=\"#FFFFFF\"><B>networks</B></TD></TR>"
                                  : "</TR>");
    for (size_t f = 0; f <= nf; f++) {
        const char *field = f < nf ? cn_coverage_field(cov, f) : NULL;
        if (f == nf && kf == nf) {
            break;
        }
        if (f < nf && !keepf[f]) {
            continue;
        }
        char *t = c->o->fit_width > 0 ? cni_draw_wrap_text(c, field ? field : "")
                                      : cni_text_clean(field ? field : "");
        cni_buf_puts(&b, "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"#FFFFFF\">");
        if (field) {
            cni_text_gv_html(&b, t ? t : "");
        } else {
            cni_buf_printf(&b, "<I>other %zu fields</I>", nf - kf);
        }
        cni_buf_puts(&b, "</TD>");
        free(t);
        for (size_t r = 0; r <= ncol; r++) {
            size_t led = 0, reaching = 0, gaps = 0;
            if (r == ncol && kr == ncol) {
                break;
            }
            if (r < ncol && !keepr[r]) {
                continue;
            }
            /* the cell, or the sum over the fields (last row) or regions (last column) left
             * out: networks led are counted once each (a network's lead has one region) */
            for (size_t ff = field ? f : 0; ff < (field ? f + 1 : nf); ff++) {
                for (size_t rr = 0; rr < nr; rr++) {
                    if ((!field && keepf[ff]) || (r < ncol ? col[rr] != r : keepr[col[rr]])) {
                        continue;
                    }
                    const cn_coverage_cell *cell = cn_coverage_cell_at(cov, ff, rr);
                    const cn_rule_result *rule = find_rule(cov, CN_RULE_FIELD_REGIONS,
                                                           cn_coverage_field(cov, ff),
                                                           cn_coverage_region(cov, rr));
                    led += cell->led;
                    reaching += cell->reaching;
                    gaps += rule && !rule->met;
                }
            }
            bool agg = r == ncol || !field || colsize[r] > 1;
            size_t shade = led < 4 ? led : 4;
            cni_buf_printf(&b, "<TD BGCOLOR=\"%s\"%s>", SHADE[shade],
                           gaps ? " COLOR=\"#D55E00\" BORDER=\"3\"" : "");
            cni_buf_printf(&b, "<FONT POINT-SIZE=\"13\"%s>%zu</FONT>",
                           shade >= 4 ? " COLOR=\"white\"" : "", led);
            if (!agg && reaching > led) {
                cni_buf_printf(&b, "<BR/><FONT POINT-SIZE=\"8\"%s>reached by %zu</FONT>",
                               shade >= 4 ? " COLOR=\"white\"" : "", reaching);
            }
            if (gaps) {
                cni_buf_puts(&b, "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#D55E00\"><B>");
                if (agg) {
                    cni_buf_printf(&b, "%zu ", gaps);
                }
                cni_buf_printf(&b, "gap%s</B></FONT>", gaps > 1 ? "s" : "");
            }
            cni_buf_puts(&b, "</TD>");
        }
        const cn_rule_result *rule = field ? find_rule(cov, CN_RULE_FIELD_NETWORKS, field, NULL)
                                           : NULL;
        if (rule) {
            cni_buf_printf(&b, "<TD BGCOLOR=\"#FFFFFF\"%s>%zu (target %zu)%s</TD></TR>",
                           rule->met ? "" : " COLOR=\"#D55E00\" BORDER=\"3\"", rule->have,
                           rule->need,
                           rule->met ? "" : "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#D55E00\"><B>gap</B></FONT>");
        } else {
            cni_buf_puts(&b, networks_col ? "<TD BGCOLOR=\"#FFFFFF\"></TD></TR>" : "</TR>");
        }
    }
    if (nf == 0) {
        cni_buf_printf(&b, "<TR><TD COLSPAN=\"%zu\">no network in the data names a field</TD></TR>",
                       kr + (kr < ncol) + 1 + networks_col);
    }
    cni_buf_puts(&b, "</TABLE>");
    /* gaps that are not a cell, listed under the matrix: network rules, and a field's rule for
     * a region of no node (the targets name it, the table has no column for it: its gap was
     * counted and drawn nowhere) */
    for (size_t k = 0; k < cn_coverage_result_count(cov); k++) {
        const cn_rule_result *r = cn_coverage_result(cov, k);
        if (r->met || r->type == CN_RULE_FIELD_NETWORKS
            || (r->type == CN_RULE_FIELD_REGIONS && in_table(cov, r->region))) {
            continue;
        }
        unplaced += r->type == CN_RULE_FIELD_REGIONS;
        if (other++ < max_gaps) {
            char *msg = cni_text_clean(r->message ? r->message : "");
            char *wrapped = msg ? cni_text_wrap(msg, beside ? cni_draw_note_width(c, 100) / 2
                                                      : cni_draw_note_width(c, 100), beside ? 3 : 2) : NULL;
            /* a no-break space: Graphviz draws each run as its own <text>, and SVG drops a
             * plain space that starts one ("gapnetwork") */
            cni_buf_puts(&rows, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" "
                                "COLOR=\"#D55E00\"><B>gap</B></FONT><FONT POINT-SIZE=\"9\">&#160;");
            cni_text_gv_html(&rows, wrapped ? wrapped : "");
            cni_buf_puts(&rows, "</FONT></TD></TR>");
            if (!wrapped) {
                c->s->status = CN_ENOMEM;
            }
            free(msg);
            free(wrapped);
        }
    }
    if (other > max_gaps) {
        cni_buf_printf(&rows, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">and %zu more "
                              "(collabnet coverage lists every gap)</FONT></TD></TR>", other - max_gaps);
    }
    {
        cni_buf w;
        cni_buf_init(&w);
        cni_buf_puts(&w, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"6\"><TR><TD>");
        cni_buf_puts(&w, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_puts(&w, beside ? "</TD>" : "</TD></TR>");
        if (other) {
            cni_buf_printf(&w, "%s<TD ALIGN=\"LEFT\" VALIGN=\"TOP\"><TABLE BORDER=\"0\" "
                               "CELLBORDER=\"0\" CELLSPACING=\"1\"><TR><TD ALIGN=\"LEFT\"><B>%zu "
                               "%sgap%s</B></TD></TR>", beside ? "" : "<TR>", other,
                           unplaced ? "" : "network ", other == 1 ? "" : "s");
            cni_buf_puts(&w, cni_buf_str(&rows) ? cni_buf_str(&rows) : "");
            cni_buf_puts(&w, "</TABLE></TD></TR>");
        } else if (beside) {
            cni_buf_puts(&w, "</TR>");
        }
        cni_buf_puts(&w, "</TABLE>");
        size_t v = cni_node_add(c->s, CN_NONE);
        if (v != CN_NONE) {
            cni_set(c->s, &c->s->nodes[v].a, "shape", "plain");
            cni_set_html(c->s, &c->s->nodes[v].a, "label", cni_buf_str(&w));
            cni_set(c->s, &c->s->nodes[v].a, "id", "coverage-matrix");
        }
        if (w.failed) {
            c->s->status = CN_ENOMEM;
        }
        cni_buf_fini(&w);
    }
    /* the legend: the shading scale and the gap mark */
    cni_buf_clear(&b);
    for (size_t k = 0; k < 5; k++) {
        cni_buf_printf(&b, "<TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"14\" HEIGHT=\"12\" "
                           "FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\">%zu%s</TD>",
                       SHADE[k], k, k == 4 ? "+" : "");
    }
    cni_buf_puts(&b, "<TD ALIGN=\"LEFT\">networks led in the region</TD>");
    if (c->o->targets) {
        if (c->o->fit_width > 0) {
            cni_buf_puts(&b, CNI_LEGEND_BREAK); /* one row was wider than A4 */
        }
        cni_buf_puts(&b, "<TD WIDTH=\"14\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\" BORDER=\"3\" "
                         "COLOR=\"#D55E00\"></TD><TD ALIGN=\"LEFT\">gap against the targets</TD>");
    }
    if (!c->o->targets) {
        cni_draw_note(c, "No targets given: no gaps marked.");
    } else {
        char line[128];
        snprintf(line, sizeof line, "%zu of %zu target checks not met.",
                 cn_coverage_gap_count(cov), cn_coverage_result_count(cov));
        cni_draw_note(c, line);
    }
    if (c->o->group_column) {
        cni_buf_clear(&rows);
        cni_buf_printf(&rows, "The %zu regions are grouped by the column '%s' (a region by its "
                              "first institution's value) into %zu columns, each summing the "
                              "networks led in its regions.", nr, c->o->group_column, ncol);
        cni_draw_note(c, cni_buf_str(&rows) ? cni_buf_str(&rows) : "");
    }
    if (kr < ncol || kf < nf) {
        char line[256];
        int at = snprintf(line, sizeof line, "Only the");
        if (kf < nf) {
            at += snprintf(line + at, sizeof line - (size_t)at, " %zu of %zu fields%s", kf, nf,
                           kr < ncol ? " and the" : "");
        }
        if (kr < ncol) {
            snprintf(line + at, sizeof line - (size_t)at, " %zu of %zu %s", kr, ncol,
                     c->o->group_column ? "columns" : "regions");
        }
        cni_draw_note(c, line);
        cni_draw_note(c, c->budget->lowered
                             ? "that matter and fit the box are drawn (gaps against the "
                               "targets first, then most networks led); the others are summed "
                               "in \"other\"."
                             : "that matter are drawn (gaps against the targets first, then most "
                               "networks led); the others are summed in \"other\".");
    }
    cni_draw_engine(c, "dot");
    /* grouped, the columns are the column's values ("by country") */
    cni_buf_clear(&rows);
    cni_buf_printf(&rows, "Coverage of priority fields by %s",
                   c->o->group_column ? c->o->group_column : "region");
    cni_draw_legend(c, cni_buf_str(&rows) ? cni_buf_str(&rows) : "", cni_buf_str(&b));
    if (b.failed || rows.failed) {
        c->s->status = CN_ENOMEM;
    }
    c->st->shown = 0;
done:
    free(keepf);
    free(keepr);
    free(col);
    free(colsize);
    free(colname);
    cni_buf_fini(&b);
    cni_buf_fini(&rows);
    cn_coverage_destroy(cov);
    return rc ? rc : c->s->status ? cni_draw_oom() : 0;
}
