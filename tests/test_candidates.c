/* Candidates for coverage gaps (libnet/analysis/candidates.c): every signal on a hand-made
 * dataset with a known order, the no-evidence messages, and a real signal of data/vn-374.
 * Scores (README "How candidates are ranked"): 3 per other network shared with the network's
 * lead, 2 with its members only; the summed tie weight to them; 3 for an own field of the
 * network's (or the rule's), else 2 for one inferred from a network the candidate leads or
 * belongs to; 2 for a member of the network itself (lead rules); 1 each for region and
 * country. Ties: node order. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <string.h>

#include <collabnet/collabnet.h>

#include "helpers.h"

/* N (lead L, North, ai) has M1 besides its lead. c1 shares G with the lead, c2 shares H with M1,
 * c3 ties 5 to M1, c4 lists ai, c5 leads K (ai, quantum, outside the scope), c6 is in the North
 * but has nothing to do with N; eVN and eFR tie to L. N3 (North) has no lead: c6 and x1. */
static const char nodes[] = "id,kind,region,country,fields\n"
                            "L,institution,North,VN,ai\n"
                            "M1,institution,Central,VN,\n"
                            "c5,institution,South,VN,\n"
                            "c1,institution,North,VN,\n"
                            "c2,institution,South,VN,\n"
                            "c3,institution,Central,VN,\n"
                            "c4,institution,South,VN,ai\n"
                            "c6,institution,North,VN,\n"
                            "eVN,enterprise,,VN,\n"
                            "eFR,enterprise,,FR,\n"
                            "x1,expert,,VN,\n"
                            "N,network,North,VN,ai\n"
                            "N3,network,North,VN,\n"
                            "G,network,,VN,\n"
                            "H,network,,VN,\n"
                            "K,network,,VN,ai;quantum\n"
                            "P,network,,VN,\n";
static const char edges[] = "source,target,kind,role,weight\n"
                            "N,P,membership,,\n"
                            "N3,P,membership,,\n"
                            "L,N,membership,lead,\n"
                            "M1,N,membership,,\n"
                            "L,G,membership,,\n"
                            "c1,G,membership,,\n"
                            "M1,H,membership,,\n"
                            "c2,H,membership,,\n"
                            "c5,K,membership,lead,\n"
                            "c6,N3,membership,,\n"
                            "x1,N3,membership,,\n"
                            "c3,M1,collaboration,,5\n"
                            "eVN,L,collaboration,,1\n"
                            "eFR,L,collaboration,,2\n";
static const char targets[] = "[scope]\n"                                        /* 1 */
                              "umbrella = P\n"                                   /* 2 */
                              "regions = North, Central, South\n"                /* 3 */
                              "[fields]\n"                                       /* 4 */
                              "priority = ai, quantum\n"                         /* 5 */
                              "networks = 1\n"                                   /* 6 */
                              "[regions]\n"                                      /* 7 */
                              "quantum = led in South\n"                         /* 8 */
                              "[network]\n"                                      /* 9 */
                              "rule = exactly 1 lead\n"                          /* 10 */
                              "rule = at least 5 institutions besides the lead\n" /* 11 */
                              "rule = at least 1 enterprise where country is VN\n" /* 12 */
                              "rule = at least 1 enterprise where country is not VN\n" /* 13 */
                              "rule = at least 1 expert\n";                      /* 14 */

static cn_graph *g;
static cn_targets *tg;
static cn_coverage *cov;

static void load(const char *n, const char *e, const char *t, size_t suggestions)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;

    co.suggestions = suggestions;
    cr_assert(eq(int, cn_load_buffers(&g, n, strlen(n), NULL, e, strlen(e), NULL, NULL, NULL), 0),
              "%s", cn_errmsg());
    cr_assert(eq(int, cn_targets_parse(&tg, t, strlen(t), NULL, NULL), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cn_coverage_compute(&cov, g, tg, &co), 0), "%s", cn_errmsg());
}

static void hand(void)
{
    load(nodes, edges, targets, 10);
}

/* Each test runs in a process of its own: nothing is used after this. */
static void release(void)
{
    cn_coverage_destroy(cov);
    cn_targets_destroy(tg);
    cn_graph_destroy(g);
}

/* The gap of rule line @p line on @p subject (a network's id, a region or a field). */
static const cn_rule_result *gap(size_t line, const char *subject)
{
    const cn_rule_result *r = th_coverage_result(cov, g, line, subject);

    cr_assert_not_null(r, "no result for line %zu, %s", line, subject);
    cr_assert(not(r->met), "line %zu %s is met", line, subject);
    return r;
}

static void expect(const cn_rule_result *r, size_t k, const char *id, double score,
                   unsigned signals, const char *evidence, const char *fields)
{
    const cn_suggestion *s;

    cr_assert(lt(sz, k, r->nsuggestions), "line %zu: no candidate %zu", r->line, k);
    s = &r->suggestions[k];
    cr_expect(eq(str, (char *)cn_graph_node_id(g, s->node), (char *)id), "line %zu #%zu", r->line,
              k);
    cr_expect(eq(dbl, s->score, score), "line %zu %s", r->line, id);
    cr_expect(eq(u32, s->signals, signals), "line %zu %s", r->line, id);
    cr_expect(eq(str, (char *)s->evidence, (char *)evidence), "line %zu %s", r->line, id);
    cr_expect(eq(str, (char *)s->fields, (char *)fields), "line %zu %s", r->line, id);
}

/* Every signal on one gap, in a known order; c6 (region alone) and M1 (a member) are left out,
 * and c5 comes before c2 at the same score because nodes.csv lists it first. */
Test(candidates, every_signal_in_a_known_order, .init = hand, .fini = release)
{
    const cn_rule_result *r = gap(11, "N");

    cr_assert(eq(sz, r->nsuggestions, 5));
    cr_assert_null(r->no_candidate);
    expect(r, 0, "c3", 5, CN_SIGNAL_TIE, "collaborates with M1 (weight 5)", "");
    expect(r, 1, "c1", 3 + 1, CN_SIGNAL_MEMBERSHIP | CN_SIGNAL_REGION,
           "member of G with the lead L; in North", "");
    expect(r, 2, "c4", 3, CN_SIGNAL_FIELD, "fields ai", "ai");
    expect(r, 3, "c5", 2, CN_SIGNAL_FIELD_INFERRED, "leads K (ai, inferred)",
           "ai (inferred);quantum (inferred)");
    expect(r, 4, "c2", 2, CN_SIGNAL_MEMBERSHIP, "member of H with M1", "");
}

Test(candidates, suggestions_cut_the_list, .fini = release)
{
    load(nodes, edges, targets, 2);
    cr_assert(eq(sz, gap(11, "N")->nsuggestions, 2));
    expect(gap(11, "N"), 1, "c1", 4, CN_SIGNAL_MEMBERSHIP | CN_SIGNAL_REGION,
           "member of G with the lead L; in North", "");
}

/* `where country is VN` takes the domestic enterprise, `is not VN` the foreign one. */
Test(candidates, domestic_and_foreign, .init = hand, .fini = release)
{
    const cn_rule_result *vn = gap(12, "N"), *foreign = gap(13, "N");

    cr_assert(eq(sz, vn->nsuggestions, 1));
    expect(vn, 0, "eVN", 1 + 1, CN_SIGNAL_TIE | CN_SIGNAL_COUNTRY,
           "collaborates with L (weight 1); country VN", "");
    cr_assert(eq(sz, foreign->nsuggestions, 1));
    expect(foreign, 0, "eFR", 2 + 1, CN_SIGNAL_TIE | CN_SIGNAL_COUNTRY,
           "collaborates with L (weight 2); country FR", "");
}

/* Field rules: quantum has no network in scope; c5 leads K (outside), so the field is inferred;
 * led in South, c5 is there. */
Test(candidates, field_rules_take_inferred_fields, .init = hand, .fini = release)
{
    expect(gap(6, "quantum"), 0, "c5", 2, CN_SIGNAL_FIELD_INFERRED, "leads K (quantum, inferred)",
           "ai (inferred);quantum (inferred)");
    cr_assert(eq(sz, gap(6, "quantum")->nsuggestions, 1));
    expect(gap(8, "South"), 0, "c5", 2 + 1, CN_SIGNAL_FIELD_INFERRED | CN_SIGNAL_REGION,
           "leads K (quantum, inferred); in South", "ai (inferred);quantum (inferred)");
    cr_assert(eq(sz, gap(8, "South")->nsuggestions, 1));
}

/* A network without a lead: its member institutions (not its expert). */
Test(candidates, lead_from_the_members, .init = hand, .fini = release)
{
    const cn_rule_result *r = gap(10, "N3");

    cr_assert(eq(sz, r->nsuggestions, 1));
    expect(r, 0, "c6", 2 + 1, CN_SIGNAL_MEMBERSHIP | CN_SIGNAL_REGION, "member of N3; in North",
           "");
}

/* No evidence: no candidate, and the message says which signal the data lack. x1 is an expert
 * but shares nothing with N; N3's members belong to no other network and have no tie. */
Test(candidates, no_evidence_says_what_is_missing, .init = hand, .fini = release)
{
    const cn_rule_result *r = gap(14, "N");

    cr_assert(eq(sz, r->nsuggestions, 0));
    cr_assert(eq(str, (char *)r->no_candidate,
                 "no expert shares another network with its members, collaborates with them or "
                 "works in ai: no expert lists fields in the data"));
    r = gap(12, "N3");
    cr_assert(eq(sz, r->nsuggestions, 0));
    cr_assert(eq(str, (char *)r->no_candidate,
                 "no enterprise whose country is VN shares another network with its members or "
                 "collaborates with them: its members belong to no other network; no "
                 "collaboration tie touches its members; the network lists no field"));
}

/* No candidate is asked for: none is searched, and no reason is given. */
Test(candidates, zero_suggestions, .fini = release)
{
    load(nodes, edges, targets, 0);
    cr_assert(eq(sz, gap(11, "N")->nsuggestions, 0));
    cr_assert_null(gap(11, "N")->no_candidate);
    cr_assert_null(gap(14, "N")->no_candidate);
}

/* data/vn-374: the three-university agreement (ai, semiconductor, biotech) puts VNU Hanoi
 * first for the Northern AI network, a Northern institution with an inferred field. */
Test(candidates, vn374_three_university_agreement, .fini = release)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    const cn_rule_result *r;

    cr_assert(eq(int, cn_load_dataset(&g, "../data/vn-374", NULL, NULL), 0));
    cr_assert(eq(int, cn_targets_load(&tg, "../data/vn-374/targets.ini", NULL), 0));
    cr_assert(eq(int, cn_coverage_compute(&cov, g, tg, &co), 0));
    r = gap(48, "n374-ai-semi-north");
    cr_assert(eq(sz, r->nsuggestions, 3));
    cr_assert(eq(str, (char *)cn_graph_node_id(g, r->suggestions[0].node), "vnu-hanoi"));
    cr_assert(eq(u32, r->suggestions[0].signals, CN_SIGNAL_FIELD_INFERRED | CN_SIGNAL_REGION));
    cr_assert(eq(str, (char *)r->suggestions[0].evidence,
                 "member of three-university-agreement (ai, semiconductor, inferred); in North"));
    /* the enterprises: no seed names a member, a tie or a field that would point to one */
    r = gap(49, "n374-ai-semi-north");
    cr_assert(eq(str, (char *)r->no_candidate,
                 "no enterprise whose country is VN shares another network with its members, "
                 "collaborates with them or works in ai or semiconductor: its members belong to "
                 "no other network; no collaboration tie touches its members; no enterprise "
                 "lists fields in the data"));
}
