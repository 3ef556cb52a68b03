/* The targets against the data (issue 17): warnings for names the dataset lacks, --strict, plural
 * kinds, filters on any column, the lead rule with a filter, and data/vn-374's rules against the
 * sentences they quote. The fixture tests/data/targets_check is small enough to count by hand:
 *
 *   network  lead        members (kind institution unless said)
 *   N1       uA (univ)   uB (univ), aC (academy), cD (centre), eF (enterprise)
 *   N2       aC (acad.)  uA (univ)
 *   N3       cD (centre) uE (univ, FR), uB (univ)
 *   fields: uA ai, aC biotech, uE semiconductor; regions: North uA uB cD, South aC uE */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <collabnet/collabnet.h>

#include "helpers.h"
#include "model/targets.h"

static cn_graph *g;
static cn_targets *tg;
static cn_coverage *cov;
static cn_diag_list *diags;

static void fini(void)
{
    cn_coverage_destroy(cov);
    cn_targets_destroy(tg);
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
    cov = NULL;
    tg = NULL;
    g = NULL;
    diags = NULL;
}

/* Load tests/data/targets_check and parse @p text as its targets (t.ini). */
static void load(const char *text)
{
    cr_assert(eq(int, cn_load_dataset(&g, "data/targets_check", NULL, NULL), 0));
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_targets_parse(&tg, text, strlen(text), "t.ini", diags), 0), "%s",
              th_diag(diags, 0));
}

/* Evaluate the targets and expect, for network @p net under the rule on @p line, @p have,
 * @p need and @p met; returns the result. */
static const cn_rule_result *expect(size_t line, const char *net, size_t have, size_t need,
                                    bool met)
{
    const cn_rule_result *found = NULL;

    if (!cov) {
        cr_assert(eq(int, cn_coverage_compute(&cov, g, tg, NULL), 0), "%s", cn_errmsg());
    }
    for (size_t k = 0; k < cn_coverage_result_count(cov); k++) {
        const cn_rule_result *r = cn_coverage_result(cov, k);
        if (r->line == line && r->network != CN_NONE
            && strcmp(cn_graph_node_id(g, r->network), net) == 0) {
            found = r;
        }
    }
    cr_assert_not_null(found, "no result for line %zu, network %s", line, net);
    cr_expect(eq(sz, found->have, have), "line %zu, %s: have", line, net);
    cr_expect(eq(sz, found->need, need), "line %zu, %s: need", line, net);
    cr_expect(eq(int, found->met, met), "line %zu, %s: met", line, net);
    return found;
}

/* ---- warnings: every name the data lack, at its line, with the closest value if one is ---- */

Test(targets_check, each_warning_with_its_line_and_suggestion, .fini = fini)
{
    static const char *const want[] = {
        "data/targets_check/targets.ini:4: warning: region 'Sout' is the region of no node of "
        "the dataset (did you mean 'South'?)",
        "data/targets_check/targets.ini:6: warning: field 'biotec' is listed by no node of the "
        "dataset (did you mean 'biotech'?)",
        "data/targets_check/targets.ini:6: warning: field 'quantum' is listed by no node of the "
        "dataset",
        "data/targets_check/targets.ini:8: warning: region 'Nort' is the region of no node of "
        "the dataset (did you mean 'North'?)",
        "data/targets_check/targets.ini:8: warning: region 'Centre' is the region of no node of "
        "the dataset",
        "data/targets_check/targets.ini:10: warning: column 'tpye' is not in nodes.csv (did you "
        "mean 'type'?)",
        "data/targets_check/targets.ini:11: warning: value 'univrsity' occurs nowhere in column "
        "'type' (did you mean 'university'?)",
        "data/targets_check/targets.ini:11: warning: value 'college' occurs nowhere in column "
        "'type'",
        "data/targets_check/targets.ini:12: warning: field 'semiconductors' is listed by no node "
        "of the dataset (did you mean 'semiconductor'?)",
        "data/targets_check/targets.ini:13: warning: value 'vn' occurs nowhere in column "
        "'country' (did you mean 'VN'?)",
    };
    size_t n = sizeof want / sizeof want[0], count = 99;

    cr_assert(eq(int, cn_load_dataset(&g, "data/targets_check", NULL, NULL), 0));
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_targets_load(&tg, "data/targets_check/targets.ini", diags), 0));
    cr_assert(eq(int, cn_targets_check(&count, tg, g, diags), 0));
    cr_assert(eq(sz, count, n));
    cr_assert(eq(sz, cn_diag_list_total(diags), n), "first: %s", th_diag(diags, 0));
    for (size_t i = 0; i < n; i++) {
        cr_expect(eq(str, (char *)th_diag(diags, i), (char *)want[i]));
    }
}

/* What occurs is not warned about: a column named in another letter case, a value in it, a field
 * and a region the data have; the bundled targets are clean on the bundled data. */
Test(targets_check, names_the_data_have_are_not_warned_about, .fini = fini)
{
    size_t count = 99;

    load("[scope]\nregions = North, South\n[fields]\npriority = ai, biotech\n"
         "[regions]\nai = reached in North\n[network]\n"
         "rule = at least 1 institution where TYPE is one of university, centre\n"
         "rule = at least 1 expert where fields has semiconductor besides the lead\n");
    cr_assert(eq(int, cn_targets_check(&count, tg, g, diags), 0));
    cr_assert(eq(sz, count, 0), "%s", th_diag(diags, 0));
    fini();
    cr_assert(eq(int, cn_load_dataset(&g, "../data/vn-374", NULL, NULL), 0));
    cr_assert(eq(int, cn_targets_load(&tg, "../data/vn-374/targets.ini", NULL), 0));
    cr_assert(eq(int, cn_targets_check(&count, tg, g, NULL), 0));
    cr_assert(eq(sz, count, 0));
    cr_assert(eq(int, cn_targets_check(NULL, NULL, g, NULL), CN_EINVAL));
}

/* The CLI prints the warnings and goes on; with --strict they are errors: exit 65, no output. */
Test(targets_check, strict_exits_65_and_writes_nothing)
{
    char out[256], err[256];
    size_t len;
    char *text;

    snprintf(out, sizeof out, "%s/strict.txt", th_tmp());
    snprintf(err, sizeof err, "%s/strict.err", th_tmp());
    cr_assert(eq(int, th_sh("$COLLABNET coverage --strict data/targets_check -o %s 2>%s", out, err),
                 65));
    cr_assert(eq(ptr, fopen(out, "r"), NULL));
    text = th_slurp(err, &len);
    cr_assert_not_null(text);
    cr_assert(not(eq(ptr, strstr(text, "data/targets_check/targets.ini:4: warning: region 'Sout' "
                                       "is the region of no node of the dataset (did you mean "
                                       "'South'?)\n"),
                     NULL)));
    cr_assert(not(eq(ptr, strstr(text, "collabnet: data/targets_check/targets.ini: 10 warnings, "
                                       "errors with --strict; nothing written\n"),
                     NULL)));
    free(text);
    /* without --strict: the same warnings, exit 0, the output written */
    cr_assert(eq(int, th_sh("$COLLABNET coverage data/targets_check -o %s 2>%s", out, err), 0));
    text = th_slurp(err, &len);
    cr_assert(eq(int, strncmp(text, "data/targets_check/targets.ini:4: warning: ", 43), 0));
    cr_assert(eq(ptr, strstr(text, "collabnet:"), NULL));
    free(text);
    text = th_slurp(out, &len);
    cr_assert(gt(sz, len, 0));
    free(text);
    /* the report and the coverage diagram print the same warnings and go on */
    cr_assert(eq(int, th_sh("$COLLABNET report -q data/targets_check -o %s/r 2>%s", th_tmp(), err),
                 0));
    text = th_slurp(err, &len);
    cr_assert(eq(int, strncmp(text, "data/targets_check/targets.ini:4: warning: ", 43), 0));
    free(text);
    cr_assert(eq(int, th_sh("$COLLABNET render -v coverage data/targets_check -o %s/c.svg 2>%s",
                            th_tmp(), err),
                 0));
    text = th_slurp(err, &len);
    cr_assert(eq(int, strncmp(text, "data/targets_check/targets.ini:4: warning: ", 43), 0));
    free(text);
    /* a clean targets file passes --strict */
    cr_assert(eq(int, th_sh("$COLLABNET coverage --strict ../data/vn-374 -o %s 2>%s", out, err),
                 0));
    text = th_slurp(err, &len);
    cr_assert(eq(sz, len, 0), "%s", text);
    free(text);
}

/* ---- plural kinds ---- */

Test(targets_parse, kinds_singular_and_plural, .fini = fini)
{
    static const int want[] = { CN_NODE_INSTITUTION, CN_NODE_INSTITUTION, CN_NODE_ENTERPRISE,
                                CN_NODE_ENTERPRISE,  CN_NODE_EXPERT,      CN_NODE_EXPERT,
                                CN_NODE_NETWORK,     CN_NODE_NETWORK };

    load("[network]\nrule = at least 1 institution\nrule = at least 2 institutions\n"
         "rule = at least 1 enterprise\nrule = at least 2 enterprises\n"
         "rule = at least 1 expert\nrule = at least 2 experts\n"
         "rule = at least 1 network\nrule = at least 2 Networks\n");
    cr_assert(eq(sz, tg->nrules, 8));
    for (size_t k = 0; k < 8; k++) {
        cr_expect(eq(int, tg->rules[k].kind, want[k]), "rule %zu", k);
    }
}

/* Parse @p text (t.ini) and expect it refused with exactly @p want at line 2. */
static void expect_refused(const char *text, const char *want)
{
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_targets_parse(&tg, text, strlen(text), "t.ini", diags), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_total(diags), 1), "%s", th_diag(diags, 1));
    cr_assert(eq(str, (char *)th_diag(diags, 0), (char *)want));
    cn_diag_list_destroy(diags);
    diags = NULL;
}

/* Anything but the four kinds and their plurals is refused with the list (formerly the 's' was
 * cut: "unknown member kind 'universitie'"), and a near miss is named. */
Test(targets_parse, other_kinds_are_refused_with_the_list, .fini = fini)
{
    expect_refused("[network]\nrule = at least 5 universities\n",
                   "t.ini:2: unknown member kind 'universities' in rule (expected institution, "
                   "enterprise, expert or network, singular or plural)");
    expect_refused("[network]\nrule = at least 5 institutons besides the lead\n",
                   "t.ini:2: unknown member kind 'institutons' in rule: did you mean "
                   "'institutions'? (expected institution, enterprise, expert or network, "
                   "singular or plural)");
}

Test(targets_parse, filter_mistakes, .fini = fini)
{
    expect_refused("[network]\nrule = at least 1 institution where fields is ai\n",
                   "t.ini:2: 'fields' is a list: write 'where fields has SLUG'");
    expect_refused("[network]\nrule = at least 1 institution where type has university\n",
                   "t.ini:2: 'has' is for the list column fields, not 'type' (write: where type "
                   "is VALUE)");
    expect_refused("[network]\nrule = exactly 1 lead where type is university besides the lead\n",
                   "t.ini:2: 'besides the lead' is for member rules, not the lead rule");
    expect_refused("[network]\nrule = at least 1 expert besides the lead where type is x besides "
                   "the lead\n",
                   "t.ini:2: 'besides the lead' given twice");
    expect_refused("[network]\nrule = at least 1 expert besides the lead besides the lead\n",
                   "t.ini:2: 'besides the lead' given twice");
    expect_refused("[network]\nrule = at least 1 expert where type is one of\n",
                   "t.ini:2: cannot read the filter 'where type is one of' (expected: where "
                   "COLUMN is [not] VALUE, where COLUMN is [not] one of VALUE, ..., or where "
                   "fields has [not] SLUG)");
    expect_refused("[network]\nrule = at least 1 expert nearby\n",
                   "t.ini:2: cannot read 'nearby' after the kind (expected: besides the lead, or "
                   "where COLUMN is [not] VALUE)");
}

/* ---- filters on any column ---- */

Test(targets_rules, filters_on_any_column_in_either_order, .fini = fini)
{
    load("[scope]\numbrella = P\n[network]\n"
         /* 4 */ "rule = at least 2 institutions where type is one of university, academy besides "
                 "the lead\n"
         /* 5 */ "rule = at least 2 institutions besides the lead where type is one of university,"
                 " academy\n"
         /* 6 */ "rule = at least 1 institution where fields has ai\n"
         /* 7 */ "rule = at least 1 institution where type is not university\n"
         /* 8 */ "rule = at least 1 institution where country is FR\n"
         /* 9 */ "rule = at least 1 enterprise where type is not one of university, academy\n"
         /* 10 */ "rule = at least 3 institutions where fields has not ai\n");
    cr_assert(eq(str, tg->rules[0].value, "one of university, academy"));
    cr_assert(eq(sz, tg->rules[0].nvalues, 2));
    cr_assert(tg->rules[1].besides_lead);
    for (int line = 4; line <= 5; line++) {
        /* N1 besides uA: uB, aC (cD is a centre); N2 besides aC: uA; N3 besides cD: uE, uB */
        expect((size_t)line, "N1", 2, 2, true);
        expect((size_t)line, "N2", 1, 2, false);
        expect((size_t)line, "N3", 2, 2, true);
    }
    /* the lead counts without "besides the lead": uA leads N1 and is a member of N2 */
    expect(6, "N1", 1, 1, true);
    expect(6, "N2", 1, 1, true);
    expect(6, "N3", 0, 1, false);
    /* N1: aC, cD; N2: aC (its lead); N3: cD (its lead) */
    expect(7, "N1", 2, 1, true);
    expect(7, "N2", 1, 1, true);
    expect(7, "N3", 1, 1, true);
    expect(8, "N1", 0, 1, false);
    expect(8, "N3", 1, 1, true);
    /* eF has no type: not one of them */
    expect(9, "N1", 1, 1, true);
    expect(9, "N2", 0, 1, false);
    /* N1: uB, aC, cD; N3: all three */
    expect(10, "N1", 3, 3, true);
    expect(10, "N2", 1, 3, false);
    cr_assert(eq(str, (char *)expect(4, "N2", 1, 2, false)->message,
                 "network 'N2' has 1 institution whose type is one of university, academy "
                 "besides the lead: 1 more needed (at least 2)"));
}

/* "exactly N lead where F": the network has exactly N leads, and each of them passes F. have
 * counts the leads that pass; a lead that does not is a gap whose candidates are the member
 * institutions that pass. */
Test(targets_rules, lead_with_a_filter, .fini = fini)
{
    const cn_rule_result *r;

    load("[scope]\numbrella = P\n[network]\n"
         "rule = exactly 1 lead where type is university\n"
         "rule = exactly 1 lead where type is one of university, academy\n"
         "rule = exactly 0 leads where type is university\n");
    r = expect(4, "N1", 1, 1, true);
    cr_assert(eq(str, (char *)r->message, "network 'N1' has 1 lead whose type is university"));
    r = expect(4, "N2", 0, 1, false);
    cr_assert(eq(str, (char *)r->message,
                 "network 'N2' has 1 lead, 0 whose type is university (1 needed)"));
    cr_assert(eq(sz, r->nsuggestions, 1));
    cr_assert(eq(str, (char *)cn_graph_node_id(g, r->suggestions[0].node), "uA"));
    r = expect(4, "N3", 0, 1, false);
    cr_assert(eq(sz, r->nsuggestions, 2)); /* uB, uE: both universities, members of N3 */
    expect(5, "N1", 1, 1, true);
    expect(5, "N2", 1, 1, true);
    expect(5, "N3", 0, 1, false);
    /* exactly 0: a lead too many is a gap, whatever the filter */
    r = expect(6, "N1", 1, 0, false);
    cr_assert(eq(str, (char *)r->message, "network 'N1' has 1 lead, not 0"));
    cr_assert(eq(sz, cn_coverage_gap_count(cov), 2 + 1 + 3));
}

/* ---- data/vn-374: the rules against the sentences they quote ---- */

/* "Thirteen universities lead the networks by field" (001), one of them the Academy of Posts and
 * Telecommunications Technology; "the Northern region has 7 higher education institutions
 * leading and guiding 7 networks" (000); "at least 5 other universities" (001), none named. */
Test(targets_vn374, led_by_a_university_and_five_more, .fini = fini)
{
    static const char *const north[] = { "n374-ai-semi-north", "n374-networking-north",
                                         "n374-materials-construction-north",
                                         "n374-smart-infra-utc", "n374-smart-infra-utt",
                                         "n374-biotech-agri-north",
                                         "n374-biotech-industry-biomed-north" };
    size_t lead_line = 0, members_line = 0, met = 0, gaps = 0, n = 0, north_led = 0;

    cr_assert(eq(int, cn_load_dataset(&g, "../data/vn-374", NULL, NULL), 0));
    cr_assert(eq(int, cn_targets_load(&tg, "../data/vn-374/targets.ini", NULL), 0));
    for (size_t k = 0; k < tg->nrules; k++) {
        if (tg->rules[k].type == CN_RULE_NETWORK_LEAD) {
            lead_line = tg->rules[k].line;
        } else if (tg->rules[k].type == CN_RULE_NETWORK_MEMBERS && tg->rules[k].besides_lead) {
            members_line = tg->rules[k].line;
        }
    }
    cr_assert(ne(sz, lead_line, 0));
    cr_assert(ne(sz, members_line, 0));
    cr_assert(eq(int, cn_coverage_compute(&cov, g, tg, NULL), 0));
    for (size_t k = 0; k < cn_coverage_result_count(cov); k++) {
        const cn_rule_result *r = cn_coverage_result(cov, k);
        if (r->line == lead_line) {
            n++;
            met += r->met;
            for (size_t j = 0; j < 7; j++) {
                north_led += r->met && strcmp(cn_graph_node_id(g, r->network), north[j]) == 0;
            }
        } else if (r->line == members_line) {
            gaps += !r->met && r->have == 0 && r->need == 5;
        }
    }
    cr_assert(eq(sz, n, 13));
    cr_assert(eq(sz, met, 13)); /* thirteen leads, each a university or an academy */
    cr_assert(eq(sz, north_led, 7));
    cr_assert(eq(sz, gaps, 13)); /* no member besides the lead is named */
    /* without the academy, PTIT's network would not be "led by a university" */
    cn_coverage_destroy(cov);
    cov = NULL;
    cn_targets_destroy(tg);
    tg = NULL;
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    {
        const char *text = "[scope]\numbrella = project-374\n[network]\n"
                           "rule = exactly 1 lead where type is university\n";
        cr_assert(eq(int, cn_targets_parse(&tg, text, strlen(text), "t.ini", diags), 0));
    }
    cr_assert(eq(int, cn_coverage_compute(&cov, g, tg, NULL), 0));
    cr_assert(eq(sz, cn_coverage_gap_count(cov), 1));
    for (size_t k = 0; k < cn_coverage_result_count(cov); k++) {
        const cn_rule_result *r = cn_coverage_result(cov, k);
        if (!r->met) {
            cr_assert(eq(str, (char *)cn_graph_node_id(g, r->network), "n374-networking-north"));
        }
    }
}

/* The National Innovation Centre (type centre, from its name) is an institution but no higher
 * education institution: it is the Vietnam Innovation Network's one institution (a partner), so
 * a rule counting institutions counts it there and one counting HEIs does not. */
Test(targets_vn374, the_innovation_centre_is_no_university, .fini = fini)
{
    const char *text = "[network]\n"
                       "rule = at least 1 institution\n"
                       "rule = at least 1 institution where type is one of university, academy\n";

    cr_assert(eq(int, cn_load_dataset(&g, "../data/vn-374", NULL, NULL), 0));
    cr_assert(eq(int, cn_targets_parse(&tg, text, strlen(text), "t.ini", NULL), 0));
    expect(2, "vietnam-innovation-network", 1, 1, true);
    expect(3, "vietnam-innovation-network", 0, 1, false);
}
