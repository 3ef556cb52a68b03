/* The report's sections: each says what it shows in a sentence or two, then its tables (built by
 * results/, as the CLI builds them) and diagrams (doc.h). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "../render/text.h"

static const char *const KIND_PLURAL[] = { "institutions", "enterprises", "experts", "networks" };

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
    cni_rep_paraf(
        r,
        "%s holds %zu node%s: %zu institution%s, %zu enterprise%s, %zu expert%s and %zu network%s; "
        "%zu membership edge%s tie%s members to networks and %zu collaboration tie%s join%s actors "
        "(repeated collaboration rows merged).",
        r->o->dataset ? r->o->dataset : "The dataset", n, n == 1 ? "" : "s", k[CN_NODE_INSTITUTION],
        k[CN_NODE_INSTITUTION] == 1 ? "" : "s", k[CN_NODE_ENTERPRISE],
        k[CN_NODE_ENTERPRISE] == 1 ? "" : "s", k[CN_NODE_EXPERT], k[CN_NODE_EXPERT] == 1 ? "" : "s",
        k[CN_NODE_NETWORK], k[CN_NODE_NETWORK] == 1 ? "" : "s", mem, mem == 1 ? "" : "s",
        mem == 1 ? "s" : "", ties, ties == 1 ? "" : "s", ties == 1 ? "s" : "");
    if (r->o->at) {
        cni_rep_paraf(r, "Only the edges in force on %s are counted (their since and until dates).",
                      r->o->at);
    }
    /* by region and by field: the tables of `info -t regions|fields -f csv` */
    {
        cni_info in;
        cni_table *regions = NULL, *fields = NULL;
        int rc;
        if ((rc = cni_results_info_compute(&in, g)) < 0
            || (rc = cni_results_info_table(&regions, &in, "regions", false)) < 0
            || (rc = cni_results_info_table(&fields, &in, "fields", false)) < 0) {
            r->rc = r->rc ? r->rc : rc;
        } else {
            cni_table_column_blank(regions, 0, "(no region)"); /* on the page; empty in CSV */
            cni_rep_emit_result(r, regions,
                                "Nodes by region (actors by their own region, "
                                "networks by their lead's region).",
                                50);
            cni_rep_emit_result_or_say(r, fields,
                                       "Fields: the nodes that name each field, by kind.",
                                       60, "No node names a field.");
        }
        cni_table_destroy(regions);
        cni_table_destroy(fields);
        cni_results_info_fini(&in);
    }
}

void cni_rep_section_networks(rep *r)
{
    cni_info in;
    cni_table *t = NULL;
    int rc;

    cni_rep_heading(r, 2, "networks", "Networks");
    cni_rep_para(r,
                 "Every network with its lead, its region (the lead's, else its own), its fields "
                 "and its direct members by kind; sub-networks are networks that are members of "
                 "it.");
    if ((rc = cni_results_info_compute(&in, r->g)) < 0
        || (rc = cni_results_info_table(&t, &in, "networks", false)) < 0) {
        r->rc = r->rc ? r->rc : rc;
    } else {
        cni_rep_emit_result(r, t, "Networks, in the order of nodes.csv.", 100);
    }
    cni_table_destroy(t);
    cni_results_info_fini(&in);
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
        cni_rep_paraf(r,
                      "With %zu nodes, betweenness is estimated from %d sources drawn at random "
                      "(seed 1) and scaled to the whole graph, as collabnet centrality --sample "
                      "does; exact betweenness would take hours.",
                      n, REPORT_SAMPLE_SOURCES);
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
    cn_communities *c = NULL;
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
    if ((rc = cn_communities_compute(&c, r->g, NULL)) == CN_EDATA) {
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
    cn_communities_destroy(c);
}

/* The tables are the CLI's: tables/overlap.csv is `collabnet overlap -f csv`, tables/spanners.csv
 * `collabnet overlap --actors -f csv`. */
void cni_rep_section_overlap(rep *r)
{
    cn_overlap_options oo = CN_OVERLAP_OPTIONS_INIT;
    cn_overlap *o = NULL;
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
    if (r->rc || (r->rc = cn_overlap_compute(&o, r->g, &oo)) != 0) {
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
    cn_overlap_destroy(o);
}

void cni_rep_section_coverage(rep *r)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    cn_coverage *c = NULL;
    cni_table *rules = NULL, *gaps = NULL;

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
                  "actors that could close it are those with the strongest collaboration ties to "
                  "the networks concerned.",
                  cn_coverage_gap_count(c), cn_coverage_result_count(c),
                  cn_coverage_result_count(c) == 1 ? "" : "s",
                  r->o->targets_name ? r->o->targets_name : "the targets",
                  cn_coverage_gap_count(c) == 1 ? "is" : "are");
    /* the same tables as `collabnet coverage --rules` and `--gaps` */
    if ((r->rc = cni_coverage_rules_table(&rules, c, false)) == 0) {
        cni_rep_emit_result(r, rules,
                            "The targets rule by rule: checks made (one per subject) and not met.",
                            100);
    }
    if (r->rc == 0
        && (r->rc = cni_coverage_checks_table(&gaps, r->g, c, r->o->targets_name, true)) == 0) {
        cni_rep_emit_result_or_say(r, gaps,
                                   "Gaps against the targets, in the order of the targets file.",
                                   40, "Every check against the targets is met.");
    }
    cni_table_destroy(rules);
    cni_table_destroy(gaps);
    cn_coverage_destroy(c);
}

void cni_rep_section_provenance(rep *r)
{
    cni_table *t = NULL;

    if (r->rc) {
        return;
    }
    cni_rep_heading(r, 2, "provenance", "Sources");
    cni_rep_para(r, "Every source the edges cite (the ref column of edges.csv), with the rows "
                    "that cite it.");
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
    for (size_t e = 0; e < cn_graph_edge_count(g); e++) {
        cn_edge ed;
        cn_graph_edge(g, e, &ed);
        noref += ed.ref[0] == '\0';
    }
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        if (cn_graph_count_kind(g, (cn_node_kind)k) == 0) {
            cni_buf_init(&items[ni]);
            cni_buf_printf(&items[ni++], "No %s at all.", KIND_PLURAL[k]);
        }
    }
    if (nolead) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%zu network%s without a lead.", nolead, nolead == 1 ? "" : "s");
    }
    if (empty) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%zu network%s without any member.", empty, empty == 1 ? "" : "s");
    }
    if (noregion) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%zu actor%s without a region.", noregion, noregion == 1 ? "" : "s");
    }
    if (noref) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%zu edge%s citing no source.", noref, noref == 1 ? "" : "s");
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
