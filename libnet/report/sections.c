/* The report's sections: each says what it shows in a sentence or two, then its tables (built by
 * results/, as the CLI builds them) and diagrams (doc.h). */
#define _GNU_SOURCE /* qsort_r */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "../model/graph.h"
#include "../render/text.h"

static const char *const KIND_PLURAL[] = { "institutions", "enterprises", "experts", "networks" };

/* The counts the summary and the networks section share, computed once (rep.info). */
static int rep_info(rep *r, const cni_info **out)
{
    int rc = 0;

    if (!r->info_done) {
        /* no components: the report shows none of them */
        if ((rc = cni_results_info_compute(&r->info, r->g, false)) < 0) {
            cni_results_info_fini(&r->info);
        }
        r->info_done = rc == 0;
    }
    *out = &r->info;
    return rc;
}

void cni_rep_section_summary(rep *r)
{
    const cn_graph *g = r->g;
    size_t n = cn_graph_node_count(g), k[CN_NODE_KIND_COUNT];
    size_t mem = cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP), ties = cn_graph_tie_count(g);

    for (int kind = 0; kind < CN_NODE_KIND_COUNT; kind++) {
        k[kind] = cn_graph_count_kind(g, (cn_node_kind)kind);
    }
    cni_rep_heading(r, 2, "summary", "Summary");
    /* a count of one takes the singular, and its verb agrees */
    /* counts with their thousands grouped ("1,000,000 nodes"), as the page's other numbers */
    char gn[7][CNI_GROUPED];
    cni_rep_paraf(
        r,
        "%s holds %s node%s: %s institution%s, %s enterprise%s, %s expert%s and %s network%s; "
        "%s membership edge%s tie%s members to networks and %s collaboration tie%s join%s actors "
        "(repeated collaboration rows merged).",
        r->o->dataset ? r->o->dataset : "The dataset", cni_grouped(gn[0], n), n == 1 ? "" : "s",
        cni_grouped(gn[1], k[CN_NODE_INSTITUTION]), k[CN_NODE_INSTITUTION] == 1 ? "" : "s",
        cni_grouped(gn[2], k[CN_NODE_ENTERPRISE]), k[CN_NODE_ENTERPRISE] == 1 ? "" : "s",
        cni_grouped(gn[3], k[CN_NODE_EXPERT]), k[CN_NODE_EXPERT] == 1 ? "" : "s",
        cni_grouped(gn[4], k[CN_NODE_NETWORK]), k[CN_NODE_NETWORK] == 1 ? "" : "s",
        cni_grouped(gn[5], mem), mem == 1 ? "" : "s", mem == 1 ? "s" : "",
        cni_grouped(gn[6], ties), ties == 1 ? "" : "s", ties == 1 ? "s" : "");
    if (r->o->at) {
        cni_rep_paraf(r, "Only the edges in force %s%s are counted (their since and until dates).",
                      r->at_period ? "at some time " : "", r->at);
    }
    /* by region and by field: the tables of `info -t regions|fields -f csv` */
    {
        const cni_info *in;
        cni_table *regions = NULL, *fields = NULL;
        int rc;
        if ((rc = rep_info(r, &in)) < 0
            || (rc = cni_results_info_table(&regions, in, "regions", false)) < 0
            || (rc = cni_results_info_table(&fields, in, "fields", false)) < 0) {
            r->rc = r->rc ? r->rc : rc;
        } else {
            cni_table_column_blank(regions, 0, "(no region)"); /* on the page; empty in CSV */
            static const char *const total[] = { "total", NULL };
            cni_rep_emit_largest(r, regions,
                                 "Nodes by region (actors by their own region, "
                                 "networks by their lead's region).",
                                 50, total, "nodes");
            cni_rep_emit_result_or_say(r, fields,
                                       "Fields: the nodes that name each field, by kind.",
                                       60, "No node names a field.");
        }
        cni_table_destroy(regions);
        cni_table_destroy(fields);
    }
}

void cni_rep_section_networks(rep *r)
{
    const cni_info *in;
    cni_table *t = NULL;
    int rc;

    cni_rep_heading(r, 2, "networks", "Networks");
    cni_rep_para(r,
                 "Every network with its lead, its region (the lead's, else its own), its fields "
                 "and its direct members by kind; sub-networks are networks that are members of "
                 "it.");
    if ((rc = rep_info(r, &in)) < 0
        || (rc = cni_results_info_table(&t, in, "networks", false)) < 0) {
        r->rc = r->rc ? r->rc : rc;
    } else {
        cni_rep_emit_result(r, t, "Networks, in the order of nodes.csv.", 100);
    }
    cni_table_destroy(t);
}

/* Every node of @p kinds (bits) of the combined graph, by betweenness, at most @p top: the
 * table of `collabnet centrality -g combined -m betweenness,pagerank,degree --kind KINDS
 * [-n TOP] -f csv`, built by the same code; reals rounded to 4 digits on the page. NULL when
 * out of memory (r->rc set). */
static cni_table *central_table(rep *r, const char *name, unsigned kinds, const cn_measure *ms,
                                double *const *v, size_t top)
{
    cni_node_filter f = { kinds, NULL, NULL };
    cni_table *t = NULL;
    size_t *rows = NULL, nrows = 0;
    int rc;

    if ((rc = cni_centrality_rows(&rows, &nrows, r->g, CN_VIEW_COMBINED, &f, ms, v, top)) < 0
        || (rc = cni_centrality_table(&t, name, ms, 3)) < 0
        || (rc = cni_centrality_add(t, r->g, rows, nrows, 3, v)) < 0) {
        r->rc = rc;
        cni_table_destroy(t);
        t = NULL;
    }
    for (int k = 3; t && k < 6; k++) {
        cni_table_column_format(t, k, "%.4g");
    }
    free(rows);
    return t;
}

void cni_rep_section_centrality(rep *r)
{
    /* the first measure sorts, as in the CLI */
    static const cn_measure ms[] = { CN_MEASURE_BETWEENNESS, CN_MEASURE_PAGERANK,
                                     CN_MEASURE_DEGREE };
    const cn_graph *g = r->g;
    size_t n = cn_graph_node_count(g), top = r->o->top ? r->o->top : 10, na = 0;
    cn_centrality_options co = CN_CENTRALITY_OPTIONS_INIT;
    double *v[3] = { NULL, NULL, NULL };
    cni_table *all;

    cni_rep_heading(r, 2, "central-actors", "Central actors");
    cni_rep_para(
        r, "Centrality is computed on the combined graph: every actor and network is a "
           "node, memberships and collaboration ties are its edges (a tie's strength is its "
           "weight; a path's length counts each edge as 1 / strength).");
    cni_buf_puts(&r->html, "<ul>\n");
    static const char *const explain[] = {
        "Betweenness: how many shortest paths between two other nodes pass through the actor "
        "(each pair counted once); a high value marks a broker between parts of the ecosystem.",
        "PageRank: the share of time a random walk along memberships and ties spends at the "
        "actor (damping 0.85, summing to 1 over all nodes); ties to well-tied nodes count more.",
        "Degree: the memberships and ties an actor has.",
    };
    for (size_t k = 0; k < 3; k++) {
        cni_buf_puts(&r->html, "<li>");
        cni_buf_html_text(&r->html, explain[k]);
        cni_buf_puts(&r->html, "</li>\n");
        cni_buf_puts(&r->md, "- ");
        cni_buf_md_text(&r->md, explain[k]);
        cni_buf_puts(&r->md, "\n");
    }
    cni_buf_puts(&r->html, "</ul>\n");
    cni_buf_puts(&r->md, "\n");
    co.view = CN_VIEW_COMBINED;
    co.processes = 0; /* all CPUs: on one machine, the same split and the same sums */
    if (n > REPORT_SAMPLE_ABOVE) {
        co.sample = REPORT_SAMPLE_SOURCES;
        char gn[CNI_GROUPED];
        cni_rep_paraf(r,
                      "With %s nodes, betweenness is estimated from %d sources drawn at random "
                      "(seed 1) and scaled to the whole graph, as collabnet centrality --sample "
                      "does; exact betweenness would take hours.",
                      cni_grouped(gn, n), REPORT_SAMPLE_SOURCES);
    }
    for (size_t k = 0; k < 3; k++) {
        if (!(v[k] = cni_alloc_array(n + 1, sizeof *v[k]))) {
            cni_rep_fail_oom(r);
        }
    }
    if (r->rc == 0) {
        r->rc = cn_centrality(v, g, ms, 3, &co);
    }
    for (int kind = 0; kind < CN_NODE_NETWORK && r->rc == 0; kind++) {
        char cap[128], tname[64], rel[256];
        cni_table *t;
        snprintf(tname, sizeof tname, "central_%s", KIND_PLURAL[kind]);
        if (!(t = central_table(r, tname, 1u << kind, ms, v, top))) {
            break;
        }
        if (cni_table_row_count(t) == 0) {
            cni_rep_write_result_csv(r, t, rel); /* the header alone: the file is in every report */
            cni_table_destroy(t);
            continue;
        }
        snprintf(cap, sizeof cap, "The %zu most central %s by betweenness.",
                 cni_table_row_count(t), KIND_PLURAL[kind]);
        cni_rep_heading(r, 3, tname, KIND_PLURAL[kind]);
        cni_rep_emit_result(r, t, cap, top);
        cni_table_destroy(t);
        na += cn_graph_count_kind(g, (cn_node_kind)kind);
    }
    /* every actor, most central first, in one CSV */
    if (r->rc == 0
        && (all = central_table(r, "centrality",
                                (1u << CN_NODE_INSTITUTION) | (1u << CN_NODE_ENTERPRISE)
                                    | (1u << CN_NODE_EXPERT),
                                ms, v, SIZE_MAX))) {
        if (na == 0) {
            cni_rep_para(r, "The dataset has no actors.");
        }
        cni_rep_emit_result(r, all,
                            "Every actor with these three measures, most central first, in one "
                            "file:",
                            0);
        cni_table_destroy(all);
    }
    for (size_t k = 0; k < 3; k++) {
        free(v[k]);
    }
}

void cni_rep_section_cuts(rep *r)
{
    static const cni_node_filter every = CNI_NODE_FILTER_INIT;
    cn_cut *cuts = NULL;
    size_t ncuts = 0;
    cn_centrality_options co = CN_CENTRALITY_OPTIONS_INIT;
    cni_table *t = NULL;
    int rc;

    if (r->rc) {
        return;
    }
    cni_rep_heading(r, 2, "cut-points", "Single points of failure");
    cni_rep_para(
        r, "A cut point is a node whose removal splits the combined graph: the nodes it "
           "connects lose every path between them. Separated counts the nodes cut off from the "
           "largest remaining piece.");
    co.processes = 1;
    if ((r->rc = cn_cut_points(&cuts, &ncuts, r->g, CN_VIEW_COMBINED, &co)) != 0) {
        return;
    }
    /* `collabnet centrality -g combined --cut-points --no-bridges -f csv`: bridges are left
     * out, their ends are listed as cut points when they cut anything */
    if ((rc = cni_cuts_table(&t, "cut_points")) < 0
        || (rc = cni_cuts_add(t, r->g, cuts, ncuts, &every, false, SIZE_MAX)) < 0) {
        r->rc = rc;
    } else {
        /* cut ("node"), other_id, other_label (empty) and component: not on the page */
        static const int off_page[] = { 0, 4, 5, 6 };
        for (size_t k = 0; k < sizeof off_page / sizeof *off_page; k++) {
            cni_table_column_in(t, off_page[k], CNI_IN_ALL & ~CNI_IN_PAGE);
        }
        cni_rep_emit_result_or_say(r, t, "Cut points, the most damaging first.", 25,
                                   "None: no single node's removal disconnects the rest.");
    }
    cni_table_destroy(t);
    free(cuts);
}

/* The tables are the CLI's: tables/NAME.csv is `collabnet communities --compare-networks -s
 * SECTION -f csv` (community_summary: -s summary, communities, community_actors: -s actors,
 * network_alignment, network_cohesion, community_networks: -s alignment, cohesion, spans). */
void cni_rep_section_communities(rep *r)
{
    const cn_communities *c = NULL; /* the communities figure draws the same partition */
    cn_community_alignment a;
    cni_table *t[6] = { NULL };
    int rc;

    if (r->rc) {
        return;
    }
    cni_rep_heading(r, 2, "communities", "Communities");
    cni_rep_para(r, "Groups of actors that collaborate more among themselves than with the rest "
                    "(Leiden, modularity, on the weighted collaboration graph, seed 1: "
                    "collabnet communities --compare-networks). An actor without collaboration "
                    "ties is a community of its own, marked isolated.");
    if ((rc = cni_render_memo_communities(&c, &r->memo, r->g, NULL)) == CN_EDATA) {
        cni_rep_para(r, "The collaboration graph has no ties, so there are no communities.");
        return;
    }
    if (rc < 0 || (rc = cni_communities_summary_table(&t[0], r->g, c)) < 0
        || (rc = cni_communities_table(&t[1], r->g, c, 3)) < 0
        || (rc = cni_communities_actors_table(&t[2], r->g, c)) < 0) {
        r->rc = rc;
        goto done;
    }
    {
        cn_render_options ro = CN_RENDER_OPTIONS_INIT;
        ro.view = CN_RENDER_COLLABORATION;
        ro.by_community = true;
        cni_rep_figure_with(r, &ro, "communities",
                            "Actors and their collaboration ties, filled by community (the 8 "
                            "largest in colour), sized by PageRank.");
    }
    cni_rep_emit_result(r, t[0], "The partition and its Newman-Girvan modularity.", 1);
    cni_rep_emit_result(r, t[1], "Communities, largest first: members by kind, regions and "
                                 "fields (most first), the three members of highest strength.",
                        20);
    cni_rep_emit_result(r, t[2], "Every actor's community.", 0);
    if ((rc = cn_communities_align(&a, c)) == CN_EDATA) {
        cni_rep_para(r, "No actor with collaboration ties is a member of a network, so the "
                        "communities are not compared with the networks.");
        goto done;
    }
    if (rc < 0 || (rc = cni_communities_alignment_table(&t[3], &a)) < 0
        || (rc = cni_communities_cohesion_table(&t[4], r->g, c)) < 0
        || (rc = cni_communities_spans_table(&t[5], r->g, c)) < 0) {
        r->rc = rc;
        goto done;
    }
    cni_rep_heading(r, 3, "communities-networks", "Communities and the official networks");
    cni_rep_para(r, "How the communities line up with each actor's primary network (the one it "
                    "leads, else the lowest-level one it is a member of): normalized mutual "
                    "information and adjusted Rand index (1: the same grouping), variation of "
                    "information (0: the same). Actors in no network are left out and counted.");
    cni_rep_emit_result(r, t[3], "Communities against primary networks.", 1);
    cni_rep_emit_result(r, t[4], "Cohesion: the share of a network's members in its largest "
                                 "community.", 30);
    cni_rep_emit_result(r, t[5], "The networks each community spans; informal: no network "
                                 "holds half of its actors.", 20);
done:
    for (size_t k = 0; k < 6; k++) {
        cni_table_destroy(t[k]);
    }
}

/* The tables are the CLI's: tables/overlap.csv is `collabnet overlap -f csv`, tables/spanners.csv
 * `collabnet overlap --actors -f csv`. */
void cni_rep_section_overlap(rep *r)
{
    cn_overlap_options oo = CN_OVERLAP_OPTIONS_INIT;
    const cn_overlap *o = NULL; /* the figure's, from the memo */
    cni_table *t = NULL;
    int rc;

    if (r->rc) {
        return;
    }
    cni_rep_heading(r, 2, "overlap", "How networks overlap");
    cni_rep_figure(r, CN_RENDER_OVERLAP, "overlap",
                   "Networks tied by the members they share (width and label: shared members); "
                   "dotted: a sub-network and its umbrella.");
    oo.max_shared = r->o->max_shared;
    if (r->rc || (r->rc = cni_render_memo_overlap(&o, &r->memo, r->g, &oo)) != 0) {
        return;
    }
    if ((rc = cni_results_overlap_pairs(&t)) < 0
        || (rc = cni_results_overlap_pairs_rows(t, r->g, o, (size_t)-1)) < 0) {
        r->rc = rc;
    } else {
        cni_rep_emit_result_or_say(r, t,
                                   "Pairs of networks sharing members, most shared first (Jaccard: "
                                   "shared / members of either).",
                                   20, "No two networks share a member.");
    }
    cni_table_destroy(t);
    t = NULL;
    if (r->rc == 0
        && ((rc = cni_results_overlap_spanners(&t)) < 0
            || (rc = cni_results_overlap_spanners_rows(t, r->g, o, (size_t)-1)) < 0)) {
        r->rc = rc;
    } else if (r->rc == 0) {
        cni_rep_emit_result_or_say(r, t, "Boundary spanners: actors in two or more networks.", 20,
                                   "No actor belongs to two networks.");
    }
    cni_table_destroy(t);
}

/* The policy-critical actors: the table of `collabnet coverage --critical`. */
static void critical_actors(rep *r, const cn_coverage *c)
{
    cn_critical *crit = NULL;
    cni_table *t = NULL;
    size_t n = 0;

    if ((r->rc = cn_coverage_critical(&crit, &n, c)) == 0
        && (r->rc = cni_coverage_critical_table(&t, r->g, c, crit, n, SIZE_MAX)) == 0) {
        cni_rep_emit_result_or_say(r, t,
                                   "Policy-critical actors: those whose departure alone would "
                                   "fail checks met today, most checks first, with the checks.",
                                   20, "No single actor's departure would fail a check met today.");
    }
    cni_table_destroy(t);
    cn_free(crit);
}

/* The scenario given (cn_report_options.scenario): the checks met with it, and the gaps it
 * closes and opens, as `collabnet coverage --scenario` gives them. */
static void scenario_changes(rep *r, const cn_coverage *c)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    const char *names[2] = { "dataset", "scenario" };
    const cn_coverage *cs[2] = { c, NULL };
    cn_coverage *c2 = NULL;
    cni_table *totals = NULL, *changes = NULL;

    if ((r->rc = cn_coverage_compute(&c2, r->o->scenario, r->o->targets, &co)) != 0) {
        return;
    }
    cs[1] = c2;
    cni_rep_paraf(r, "With the scenario %s, %zu of %zu checks are met (%zu in the dataset).",
                  r->o->scenario_name ? r->o->scenario_name : "given",
                  cn_coverage_result_count(c2) - cn_coverage_gap_count(c2),
                  cn_coverage_result_count(c2),
                  cn_coverage_result_count(c) - cn_coverage_gap_count(c));
    if ((r->rc = cni_coverage_totals_table(&totals, cs, names, 2)) == 0
        && (r->rc = cni_table_rename(totals, "scenario_totals")) == 0) {
        cni_rep_emit_result(r, totals, "Checks met in the dataset and with the scenario.", 2);
    }
    if (r->rc == 0
        && (r->rc = cni_coverage_changes_table(&changes, r->g, c, r->o->scenario, c2)) == 0
        && (r->rc = cni_table_rename(changes, "scenario_changes")) == 0) {
        cni_rep_emit_result_or_say(r, changes, "Gaps the scenario opens and closes.", 40,
                                   "The scenario opens and closes no gap.");
    }
    cni_table_destroy(totals);
    cni_table_destroy(changes);
    cn_coverage_destroy(c2);
}

/* The scorecards of `collabnet coverage -s scorecard` and `-s field-scorecard`. */
static void coverage_scorecards(rep *r, const cn_coverage *c)
{
    cni_table *nets = NULL, *fields = NULL;

    if (r->rc == 0 && (r->rc = cni_coverage_scorecard_table(&nets, r->g, c)) == 0
        && cni_table_row_count(nets) > 0) {
        cni_rep_emit_result(r, nets,
                            "Each network against each network rule: have/need, \u2713 met, "
                            "\u2717 not met (columns by the rule's line in the targets file).",
                            100);
    }
    if (r->rc == 0 && (r->rc = cni_coverage_field_scorecard_table(&fields, c)) == 0
        && cni_table_row_count(fields) > 0) {
        cni_rep_emit_result(r, fields,
                            "Each priority field against the field rules: networks in the field, "
                            "and networks in each region the rules name (have/need).",
                            100);
    }
    cni_table_destroy(nets);
    cni_table_destroy(fields);
}

/* With compare_from and compare_to: what changed between the two dates, the tables of
 * `collabnet coverage --compare D1 D2 -s totals|networks|changes`. */
static void coverage_compare(rep *r)
{
    const cn_report_options *o = r->o;
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    cn_coverage *c1 = NULL, *c2 = NULL;
    cni_table *totals = NULL, *nets = NULL, *changes = NULL;
    const char *d1 = o->compare_from_name ? o->compare_from_name : "the first date";
    const char *d2 = o->compare_to_name ? o->compare_to_name : "the second date";

    if (r->rc || !o->compare_from || !o->compare_to) {
        return;
    }
    cni_rep_heading(r, 3, "coverage-compare", "What changed");
    if ((r->rc = cn_coverage_compute(&c1, o->compare_from, o->targets, &co)) == 0
        && (r->rc = cn_coverage_compute(&c2, o->compare_to, o->targets, &co)) == 0
        && (r->rc = cni_coverage_compare_totals_table(&totals, o->compare_from, c1, d1,
                                                       o->compare_to, c2, d2)) == 0
        && (r->rc = cni_coverage_compare_networks_table(&nets, o->compare_from, c1,
                                                         o->compare_to, c2)) == 0
        && (r->rc = cni_coverage_compare_table(&changes, NULL, o->compare_from, c1,
                                                o->compare_to, c2)) == 0) {
        cni_rep_paraf(r,
                      "The same targets checked on the data as they stood on %s and on %s. A "
                      "network exists at a date when it is in scope and has a membership in "
                      "force then; the gaps of a network that came into existence are listed "
                      "as such, not as gaps opened.",
                      d1, d2);
        cni_rep_emit_result(r, totals, "Checks met at each date.", 10);
        cni_rep_emit_result_or_say(r, nets,
                                   "Networks that came into existence (checks at the second "
                                   "date) or ended (checks at the first).",
                                   100, "No network came into existence or ended.");
        cni_rep_emit_result_or_say(r, changes,
                                   "Gaps brought by new networks, closed, opened in networks "
                                   "that existed at both dates, and gone with networks that "
                                   "ended.",
                                   100, "No gap opened or closed.");
    }
    cni_table_destroy(totals);
    cni_table_destroy(nets);
    cni_table_destroy(changes);
    cn_coverage_destroy(c1);
    cn_coverage_destroy(c2);
}

void cni_rep_section_coverage(rep *r)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    cn_coverage *c = NULL;
    cni_table *rules = NULL, *gaps = NULL, *cands = NULL;

    if (r->rc) {
        return;
    }
    cni_rep_heading(r, 2, "coverage", "Coverage and gaps");
    cni_rep_figure(r, CN_RENDER_COVERAGE, "coverage",
                   "Networks led in each field and region; a thick frame marks a gap against the "
                   "targets.");
    if (r->rc) {
        return;
    }
    if (!r->o->targets) {
        cni_rep_para(r, "No targets were given, so no gaps are listed (collabnet report --targets "
                        "FILE, or a targets.ini in the dataset).");
        return;
    }
    if ((r->rc = cn_coverage_compute(&c, r->g, r->o->targets, &co)) != 0) {
        return;
    }
    cni_rep_paraf(r,
                  "%zu of %zu check%s against the targets (%s) %s not met. For each gap, the "
                  "actors that could close it are ranked by the evidence the data hold: shared "
                  "memberships, collaboration ties, fields (their own, or inferred from their "
                  "networks), region and country.",
                  cn_coverage_gap_count(c), cn_coverage_result_count(c),
                  cn_coverage_result_count(c) == 1 ? "" : "s",
                  r->o->targets_name ? r->o->targets_name : "the targets",
                  cn_coverage_gap_count(c) == 1 ? "is" : "are");
    /* the same tables as `collabnet coverage --rules` and `--gaps` */
    if ((r->rc = cni_coverage_rules_table(&rules, c, false)) == 0) {
        cni_rep_emit_result(r, rules,
                            "The targets rule by rule: checks made (one per subject), met and not "
                            "met.",
                            100);
    }
    coverage_scorecards(r, c);
    if (r->rc == 0
        && (r->rc = cni_coverage_checks_table(&gaps, r->g, c, r->o->targets_name, true)) == 0) {
        cni_rep_emit_result_or_say(r, gaps,
                                   "Gaps against the targets, in the order of the targets file.",
                                   40, "Every check against the targets is met.");
    }
    /* the same table as `collabnet coverage --candidates` */
    if (r->rc == 0 && cn_coverage_gap_count(c) > 0
        && (r->rc = cni_coverage_candidates_table(&cands, r->g, c)) == 0) {
        cni_rep_emit_result_or_say(r, cands,
                                   "Candidates for each gap, best first, with their evidence.",
                                   60, "No gap has a candidate with evidence in the data.");
    }
    if (r->rc == 0) {
        critical_actors(r, c);
    }
    if (r->rc == 0 && r->o->scenario) {
        scenario_changes(r, c);
    }
    coverage_compare(r);
    cni_table_destroy(rules);
    cni_table_destroy(gaps);
    cni_table_destroy(cands);
    cn_coverage_destroy(c);
}

void cni_rep_section_provenance(rep *r)
{
    cni_table *t = NULL;

    if (r->rc) {
        return;
    }
    cni_rep_heading(r, 2, "provenance", "Sources");
    cni_rep_para(r, "Every source the edges cite (the ref column of edges.csv), with the number "
                    "of rows that cite it and their first line numbers.");
    if ((r->rc = cni_results_sources(&t, r->g)) == 0) {
        cni_rep_emit_result(r, t, "Sources cited by the edges.", 200);
    }
    cni_table_destroy(t);
}

void cni_rep_section_lacks(rep *r)
{
    const cn_graph *g = r->g;
    size_t n = cn_graph_node_count(g), nolead = 0, empty = 0, noregion = 0, noref = 0;
    cni_buf items[9];
    char gn[CNI_GROUPED];
    size_t ni = 0;
    struct stat st;
    int fd = -1, err = 0;

    if (r->rc) {
        return;
    }
    if (r->o->sources) {
        /* only a regular file, never a symbolic link: a dataset must not bring another file
         * of the machine (/etc/passwd) into a report meant to be shared */
        fd = open(r->o->sources, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        err = errno;
        if (fd >= 0 && fstat(fd, &st) != 0) {
            err = errno;
            close(fd);
            fd = -1;
        }
        if ((fd < 0 && err == ELOOP) || (fd >= 0 && !S_ISREG(st.st_mode))) {
            r->sources_left_out = true;
        }
        if (fd >= 0 && r->sources_left_out) {
            close(fd);
            fd = -1;
        }
    }
    cni_rep_heading(r, 2, "lacks", "What the data lack");
    if (r->sources_left_out) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "The dataset's SOURCES.md was left out: it is a symbolic "
                                     "link or not a regular file, so it may not be the dataset's "
                                     "own.");
    }
    for (size_t i = 0; i < n; i++) {
        cn_node_kind k = cn_graph_node_kind(g, i);
        if (k == CN_NODE_NETWORK) {
            nolead += cn_graph_network_lead(g, i) == CN_NONE;
            empty += cn_graph_network_member_count(g, i) == 0;
        } else {
            const char *reg = cn_graph_node_region(g, i);
            noregion += !reg || !*reg;
        }
    }
    /* the ref column, not cn_graph_edge() (dates unpacked): 10 million rows at generated L */
    for (size_t e = 0; e < cn_graph_edge_count(g); e++) {
        noref += cni_strpool_get(g->pool, cni_lazy_get(&g->e_ref, e))[0] == '\0';
    }
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        if (cn_graph_count_kind(g, (cn_node_kind)k) == 0) {
            cni_buf_init(&items[ni]);
            cni_buf_printf(&items[ni++], "No %s at all.", KIND_PLURAL[k]);
        }
    }
    if (nolead) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%s network%s without a lead.", cni_grouped(gn, nolead),
                       nolead == 1 ? "" : "s");
    }
    if (empty) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%s network%s without any member.", cni_grouped(gn, empty),
                       empty == 1 ? "" : "s");
    }
    if (noregion) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%s actor%s without a region.", cni_grouped(gn, noregion),
                       noregion == 1 ? "" : "s");
    }
    if (noref) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%s edge%s citing no source.", cni_grouped(gn, noref),
                       noref == 1 ? "" : "s");
    }
    if (ni == 0) {
        cni_rep_para(r, "Every network has a lead and members, every actor a region, every edge a "
                        "source.");
    } else {
        cni_buf_puts(&r->html, "<ul>\n");
        for (size_t k = 0; k < ni; k++) {
            const char *s = cni_buf_str(&items[k]) ? cni_buf_str(&items[k]) : "";
            cni_buf_puts(&r->html, "<li>");
            cni_buf_html_text(&r->html, s);
            cni_buf_puts(&r->html, "</li>\n");
            cni_buf_puts(&r->md, "- ");
            cni_buf_md_text(&r->md, s);
            cni_buf_puts(&r->md, "\n");
            cni_buf_fini(&items[k]);
        }
        cni_buf_puts(&r->html, "</ul>\n");
        cni_buf_puts(&r->md, "\n");
    }
    if (r->o->sources) {
        char *text = NULL;
        size_t len = 0;
        if (fd >= 0) {
            FILE *fp = fdopen(fd, "rb");
            text = fp && st.st_size < (64l << 20) ? malloc((size_t)st.st_size + 1) : NULL;
            len = text ? fread(text, 1, (size_t)st.st_size, fp) : 0;
            err = errno;
            if (fp) {
                fclose(fp);
                fd = -1;
            }
            if (text) {
                cni_rep_write_file(r, "SOURCES.md", text, len);
                free(text);
                cni_buf_puts(&r->html, "<p>The dataset's own notes on its sources, its modelling "
                                       "choices and what is missing: <a "
                                       "href=\"SOURCES.md\">SOURCES.md</a>.</p>\n");
                cni_buf_puts(&r->md, "The dataset's own notes on its sources, its modelling "
                                     "choices and what is missing: [SOURCES.md](SOURCES.md).\n\n");
            }
        }
        if (fd >= 0) {
            close(fd);
        }
        if (!text && !r->sources_left_out && r->rc == 0) {
            r->rc = cni_fail(CN_EIO, "cannot read '%s': %s", r->o->sources, strerror(err));
        }
    }
}

/* ---- mixing and brokerage, by region (README "mixing", "brokerage") ---- */

/* The groups by region, or NULL with a paragraph saying why there are none (no region, no tie
 * between two actors with one: not a failure of the report). */
static bool region_groups(rep *r, cni_groups *gr)
{
    const cni_view *v;
    /* the memo's collaboration view: the mixing and the brokerage sections share it (at L,
     * 8.5 million ties), the next figure drops it */
    int rc = cni_render_memo_view(&v, &r->memo, r->g, CN_VIEW_COLLABORATION, 0);

    if (rc == 0) {
        rc = cni_groups_build_view(gr, r->g, v, "region");
    } else {
        memset(gr, 0, sizeof *gr);
    }

    if (rc == CN_EDATA) {
        cni_rep_paraf(r, "Not computed: %s.", cn_errmsg());
        cni_clear_error();
        return false;
    }
    r->rc = rc;
    return rc == 0;
}

/* Group @p a has more ties than @p b (ties inside counted once), the first in order on a tie. */
static int by_ties(const void *pa, const void *pb, void *ctx)
{
    const double *sum = ctx;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

    return sum[a] != sum[b] ? (sum[a] < sum[b] ? 1 : -1) : (a > b) - (a < b);
}

static int by_index(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

    return (a > b) - (a < b);
}

/* The matrix as a heat map on the page: each cell shaded by its share of the largest cell; past
 * REPORT_HEAT_MAP_GROUPS groups, those with most ties (in their order), saying so. */
static void heat_map(rep *r, const cni_groups *gr, const cni_mixing *mx, const char *caption)
{
    double max = 0, *sum = cni_calloc_array(gr->n + 1, sizeof *sum);
    size_t n = gr->n, *shown = cni_alloc_array(gr->n + 1, sizeof *shown);

    if (!sum || !shown) {
        cni_rep_fail_oom(r);
        goto done;
    }
    for (size_t a = 0; a < gr->n; a++) {
        shown[a] = a;
        for (size_t b = 0; b < gr->n; b++) {
            sum[a] += mx->ties[a * gr->n + b];
        }
    }
    if (n > REPORT_HEAT_MAP_GROUPS) {
        qsort_r(shown, n, sizeof *shown, by_ties, sum);
        n = REPORT_HEAT_MAP_GROUPS;
        qsort(shown, n, sizeof *shown, by_index);
        cni_buf_printf(&r->html, "<p>The %zu of %zu regions with most ties; every pair in "
                                 "<a href=\"tables/mixing_matrix.csv\">"
                                 "tables/mixing_matrix.csv</a>.</p>\n", n, gr->n);
    }
    for (size_t a = 0; a < n; a++) {
        for (size_t b = 0; b < n; b++) {
            double v = mx->ties[shown[a] * gr->n + shown[b]];
            max = v > max ? v : max;
        }
    }
    cni_buf_puts(&r->html, "<div class=\"table-wrap\"><table>\n<caption>");
    cni_buf_html_text(&r->html, caption);
    cni_buf_puts(&r->html, "</caption>\n<thead><tr><th></th>");
    for (size_t b = 0; b < n; b++) {
        char *name = cni_text_clean(gr->names[shown[b]]);
        cni_buf_puts(&r->html, "<th class=\"num\">");
        cni_buf_html_text(&r->html, name ? name : "");
        cni_buf_puts(&r->html, "</th>");
        free(name);
    }
    cni_buf_puts(&r->html, "</tr></thead>\n<tbody>\n");
    for (size_t a = 0; a < n; a++) {
        char *name = cni_text_clean(gr->names[shown[a]]);
        cni_buf_puts(&r->html, "<tr><th>");
        cni_buf_html_text(&r->html, name ? name : "");
        cni_buf_puts(&r->html, "</th>");
        free(name);
        for (size_t b = 0; b < n; b++) {
            double v = mx->ties[shown[a] * gr->n + shown[b]], shade = max > 0 ? v / max : 0;
            /* white to Okabe-Ito blue; text turns white on the darkest cells */
            cni_buf_printf(&r->html,
                           "<td class=\"num\" style=\"background:rgba(0,114,178,%.2f)%s\">%.6g"
                           "</td>",
                           0.85 * shade, shade > 0.6 ? ";color:#fff" : "", v);
        }
        cni_buf_puts(&r->html, "</tr>\n");
    }
    cni_buf_puts(&r->html, "</tbody></table></div>\n");
done:
    free(shown);
    free(sum);
}

/* tables/mixing_summary.csv, mixing_groups.csv and mixing_matrix.csv are `collabnet mixing
 * --summary`, `mixing` and `mixing --matrix -f csv`. */
void cni_rep_section_mixing(rep *r)
{
    cni_groups gr;
    cni_mixing mx = { 0 };
    cni_table *sum = NULL, *groups = NULL, *matrix = NULL;
    cni_table_style st = CNI_TABLE_STYLE_INIT;
    char rel[256];
    int rc;

    if (r->rc) {
        return;
    }
    cni_rep_heading(r, 2, "mixing", "Mixing of regions");
    cni_rep_para(r, "How the regions' actors tie to each other: ties inside a region and between "
                    "two, each region's E-I index (external - internal) / (external + internal), "
                    "from -1 (every tie stays inside) to +1 (every tie crosses), and the "
                    "assortativity of the whole graph (1: ties never cross regions, 0: as at "
                    "random). Actors without a region are left out, with their ties.");
    if (!region_groups(r, &gr)) {
        return;
    }
    if ((rc = cni_mixing_compute(&mx, &gr)) < 0
        || (rc = cni_results_mixing_summary(&sum, &gr, &mx)) < 0
        || (rc = cni_results_mixing_groups(&groups, &gr, &mx)) < 0
        || (rc = cni_results_mixing_matrix(&matrix, &gr, &mx, false)) < 0) {
        r->rc = rc;
    } else {
        double all = mx.internal + mx.external;
        cni_rep_paraf(r, "%.6g of %.6g ties (%.1f%%) join two regions; E-I index %.3f, "
                         "assortativity %.3f.",
                      mx.external, all, 100.0 * mx.external / all,
                      (mx.external - mx.internal) / all, mx.assortativity);
        cni_rep_emit_result(r, sum, "The whole graph.", 0);
        static const char *const ties[] = { "internal", "external", NULL };
        cni_rep_emit_largest(r, groups, "Each region: ties inside and out, E-I index.", 50, ties,
                             "ties");
        cni_rep_write_result_csv(r, matrix, rel);
    }
    if (r->rc == 0) {
        heat_map(r, &gr, &mx, "Ties between regions (row x column; the diagonal: inside one).");
        st.clean = cni_text_clean;
        st.caption = "Ties between regions (the diagonal: inside one).";
        if (gr.n > REPORT_HEAT_MAP_GROUPS) { /* as many columns as rows: the file alone */
            cni_buf_printf(&r->md, "The matrix of the %zu regions is too large for this page.\n",
                           gr.n);
        } else if ((rc = cni_table_append(matrix, CNI_TABLE_MARKDOWN, &st, &r->md)) < 0) {
            r->rc = rc;
        }
        cni_buf_printf(&r->html, "<p class=\"more\">As a table: <a href=\"%s\">%s</a>.</p>\n",
                       rel, rel);
        cni_buf_printf(&r->md, "\nAs a table: [%s](%s).\n\n", rel, rel);
    }
    cni_table_destroy(matrix);
    cni_table_destroy(groups);
    cni_table_destroy(sum);
    cni_mixing_fini(&mx);
    cni_groups_fini(&gr);
}

/* tables/brokerage.csv and brokerage_groups.csv are `collabnet brokerage` and `brokerage
 * --groups -f csv`; tables/brokers_top.csv the first five of each role. */
void cni_rep_section_brokerage(rep *r)
{
    cni_groups gr;
    cni_brokerage br = { 0 };
    cni_table *all = NULL, *groups = NULL, *top = NULL;
    int rc;

    if (r->rc) {
        return;
    }
    cni_rep_heading(r, 2, "brokerage", "Brokers between regions");
    cni_rep_para(r, "Gould and Fernandez's roles: an actor v brokers between two of its partners "
                    "that are not partners themselves. Coordinator: all three in one region; "
                    "itinerant: the two partners in one region, v in another; representative "
                    "and gatekeeper: v shares its region with one of them; liaison: three "
                    "regions. Each pair counts in both directions, as R's sna::brokerage counts "
                    "it; z compares the count with a random graph of the same density.");
    if (!region_groups(r, &gr)) {
        return;
    }
    if ((rc = cni_brokerage_compute(&br, &gr)) < 0
        || (rc = cni_results_brokerage(&all, r->g, &gr, &br)) < 0
        || (rc = cni_results_brokerage_groups(&groups, &gr, &br)) < 0
        || (rc = cni_results_brokers_top(&top, r->g, &gr, &br, 5)) < 0) {
        r->rc = rc;
    } else {
        cni_rep_emit_result_or_say(r, top, "The first five brokers of each role.", 25,
                                   "No actor brokers: every two partners of an actor are "
                                   "partners too.");
        static const char *const roles[] = { "total", NULL };
        cni_rep_emit_largest(r, groups, "The roles summed per region.", 50, roles,
                             "brokerage roles");
        cni_rep_emit_result(r, all, "Every actor's roles", 0);
    }
    cni_table_destroy(top);
    cni_table_destroy(groups);
    cni_table_destroy(all);
    cni_brokerage_fini(&br);
    cni_groups_fini(&gr);
}
