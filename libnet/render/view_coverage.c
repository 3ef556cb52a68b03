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

int cni_views_coverage(cni_draw_ctx *c)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    cn_coverage *cov = NULL;
    cni_buf b, rows;
    size_t nf, nr, other = 0;
    int rc;

    if ((rc = cn_coverage_compute(&cov, c->g, c->o->targets, &co)) != 0) {
        return rc;
    }
    cni_draw_frame(c);
    nf = cn_coverage_field_count(cov);
    nr = cn_coverage_region_count(cov);
    cni_buf_init(&b);
    cni_buf_init(&rows);
    cni_buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"6\" "
                     "COLOR=\"#BBBBBB\"><TR><TD BGCOLOR=\"#FFFFFF\"><B>field</B></TD>");
    for (size_t r = 0; r < nr; r++) {
        char *t = cni_text_clean(cn_coverage_region(cov, r));
        cni_buf_puts(&b, "<TD BGCOLOR=\"#FFFFFF\"><B>");
        cni_text_gv_html(&b, t ? t : "");
        cni_buf_puts(&b, "</B></TD>");
        free(t);
    }
    cni_buf_puts(&b, "<TD BGCOLOR=\"#FFFFFF\"><B>networks</B></TD></TR>");
    for (size_t f = 0; f < nf; f++) {
        const char *field = cn_coverage_field(cov, f);
        char *t = cni_text_clean(field);
        cni_buf_puts(&b, "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"#FFFFFF\">");
        cni_text_gv_html(&b, t ? t : "");
        cni_buf_puts(&b, "</TD>");
        free(t);
        for (size_t r = 0; r < nr; r++) {
            const cn_coverage_cell *cell = cn_coverage_cell_at(cov, f, r);
            const cn_rule_result *rule = find_rule(cov, CN_RULE_FIELD_REGIONS, field,
                                                   cn_coverage_region(cov, r));
            bool gap = rule && !rule->met;
            size_t shade = cell->led < 4 ? cell->led : 4;
            cni_buf_printf(&b, "<TD BGCOLOR=\"%s\"%s>", SHADE[shade],
                           gap ? " COLOR=\"#D55E00\" BORDER=\"3\"" : "");
            cni_buf_printf(&b, "<FONT POINT-SIZE=\"13\"%s>%zu</FONT>",
                           shade >= 4 ? " COLOR=\"white\"" : "", cell->led);
            if (cell->reaching > cell->led) {
                cni_buf_printf(&b, "<BR/><FONT POINT-SIZE=\"8\"%s>reached by %zu</FONT>",
                               shade >= 4 ? " COLOR=\"white\"" : "", cell->reaching);
            }
            if (gap) {
                cni_buf_puts(&b, "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#D55E00\"><B>gap</B></FONT>");
            }
            cni_buf_puts(&b, "</TD>");
        }
        const cn_rule_result *rule = find_rule(cov, CN_RULE_FIELD_NETWORKS, field, NULL);
        if (rule) {
            cni_buf_printf(&b, "<TD BGCOLOR=\"#FFFFFF\"%s>%zu (target %zu)%s</TD></TR>",
                           rule->met ? "" : " COLOR=\"#D55E00\" BORDER=\"3\"", rule->have,
                           rule->need,
                           rule->met ? "" : "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#D55E00\"><B>gap</B></FONT>");
        } else {
            cni_buf_puts(&b, "<TD BGCOLOR=\"#FFFFFF\"></TD></TR>");
        }
    }
    if (nf == 0) {
        cni_buf_printf(&b, "<TR><TD COLSPAN=\"%zu\">no network in the data names a field</TD></TR>",
                       nr + 2);
    }
    cni_buf_puts(&b, "</TABLE>");
    /* gaps that are not a cell (network rules), listed under the matrix */
    for (size_t k = 0; k < cn_coverage_result_count(cov); k++) {
        const cn_rule_result *r = cn_coverage_result(cov, k);
        if (r->met || r->type == CN_RULE_FIELD_REGIONS || r->type == CN_RULE_FIELD_NETWORKS) {
            continue;
        }
        if (other++ < 8) {
            char *msg = cni_text_clean(r->message ? r->message : "");
            char *wrapped = msg ? cni_text_wrap(msg, 100, 2) : NULL;
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
    if (other > 8) {
        cni_buf_printf(&rows, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">and %zu more "
                              "(collabnet coverage lists every gap)</FONT></TD></TR>", other - 8);
    }
    {
        cni_buf w;
        cni_buf_init(&w);
        cni_buf_puts(&w, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"6\"><TR><TD>");
        cni_buf_puts(&w, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_puts(&w, "</TD></TR>");
        if (other) {
            cni_buf_printf(&w, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                               "CELLSPACING=\"1\"><TR><TD ALIGN=\"LEFT\"><B>%zu network "
                               "gap%s</B></TD></TR>", other, other == 1 ? "" : "s");
            cni_buf_puts(&w, cni_buf_str(&rows) ? cni_buf_str(&rows) : "");
            cni_buf_puts(&w, "</TABLE></TD></TR>");
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
    cni_draw_engine(c, "dot");
    cni_draw_legend(c, "Coverage of priority fields by region", cni_buf_str(&b));
    if (b.failed || rows.failed) {
        c->s->status = CN_ENOMEM;
    }
    c->st->shown = 0;
    cni_buf_fini(&b);
    cni_buf_fini(&rows);
    cn_coverage_destroy(cov);
    return c->s->status ? cni_draw_oom() : 0;
}
