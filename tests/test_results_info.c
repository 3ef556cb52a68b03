/* The info results: the report's tables against the CLI's CSV (tests/results.h), and the
 * builders of libnet/results/info.c on data/vn-374. */
#define _GNU_SOURCE /* open_memstream */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <collabnet/collabnet.h>

#include "results.h"
#include "results/results.h"

/* ---- each report table is `info -t TABLE -f csv` ---- */

static void same(const char *dataset, const char *report_table, const char *info_table)
{
    const char *argv[] = { "info", "-t", info_table, "-f", "csv", tr_dataset(dataset), NULL };

    tr_same_csv(dataset, report_table, argv);
}

Test(results_info, summary_regions_vn374) { same("data/vn-374", "summary_regions", "regions"); }
Test(results_info, summary_regions_S) { same("S", "summary_regions", "regions"); }
Test(results_info, summary_fields_vn374) { same("data/vn-374", "summary_fields", "fields"); }
Test(results_info, summary_fields_S) { same("S", "summary_fields", "fields"); }
Test(results_info, networks_vn374) { same("data/vn-374", "networks", "networks"); }
Test(results_info, networks_S) { same("S", "networks", "networks"); }
Test(results_info, sources_vn374) { same("data/vn-374", "sources", "sources"); }
Test(results_info, sources_S) { same("S", "sources", "sources"); }

/* ---- the builders ---- */

static cn_graph *g;
static cni_info in;

static void load_vn374(void)
{
    cr_assert(eq(int, cn_load_dataset(&g, tr_dataset("vn-374"), NULL, NULL), 0));
    cr_assert(eq(int, cni_results_info_compute(&in, g, true), 0));
}

static void free_vn374(void)
{
    cni_results_info_fini(&in);
    cn_graph_destroy(g);
}

/* Table @p name in format @p f (text: @p text), as a malloc'd string. */
static char *written(const char *name, bool text, cni_table_format f)
{
    cni_table *t = NULL;
    cni_buf b;
    char *s;

    cr_assert(eq(int, cni_results_info_table(&t, &in, name, text), 0));
    cni_buf_init(&b);
    cr_assert(eq(int, cni_table_append(t, f, NULL, &b), 0));
    s = strdup(b.s ? b.s : "");
    cni_buf_fini(&b);
    cni_table_destroy(t);
    return s;
}

Test(results_info, regions_csv_has_the_unnamed_region_last_and_empty, .init = load_vn374,
     .fini = free_vn374)
{
    char *csv = written("regions", false, CNI_TABLE_CSV);

    cr_assert(eq(str, csv, "region,institution,enterprise,expert,network,total\n"
                           "Central,2,0,0,2,4\n"
                           "North,8,0,0,7,15\n"
                           "South,4,0,0,4,8\n"
                           ",0,2,0,10,12\n"));
    free(csv);
}

Test(results_info, text_names_the_unnamed_group_and_totals_umbrellas, .init = load_vn374,
     .fini = free_vn374)
{
    char *text = written("umbrellas", true, CNI_TABLE_TEXT);
    char *csv = written("umbrellas", false, CNI_TABLE_CSV);

    cr_assert(eq(str, text, "Umbrella networks: sub-networks by lead region\n"
                            "umbrella                    lead_region  sub_networks\n"
                            "project-374                 Central                 2\n"
                            "project-374                 North                   7\n"
                            "project-374                 South                   4\n"
                            "project-374                 total                  13\n"
                            "vietnam-innovation-network  (none)                  6\n"
                            "vietnam-innovation-network  total                   6\n"));
    cr_assert(eq(str, csv, "umbrella,lead_region,sub_networks\n"
                           "project-374,Central,2\n"
                           "project-374,North,7\n"
                           "project-374,South,4\n"
                           "vietnam-innovation-network,,6\n"));
    free(text);
    free(csv);
}

Test(results_info, networks_text_leaves_out_the_label, .init = load_vn374, .fini = free_vn374)
{
    char *text = written("networks", true, CNI_TABLE_TEXT);
    char *csv = written("networks", false, CNI_TABLE_CSV);

    cr_assert(eq(int, strncmp(text, "Networks (direct members; the lead counts as a member)\n"
                                    "id ", 58), 0));
    cr_assert(eq(ptr, strstr(text, "label"), NULL));
    cr_assert(eq(int, strncmp(csv, "id,label,fields,region,lead,lead_region,parents,"
                                   "institutions,enterprises,experts,sub_networks,partners,"
                                   "members\n", 109), 0));
    cr_assert(ne(ptr, strstr(csv, "\nn374-ai-semi-north,Project 374 network: AI and "
                                  "semiconductor industry (North),ai;semiconductor,North,hust,"
                                  "North,project-374,1,0,0,0,0,1\n"), NULL));
    free(text);
    free(csv);
}

Test(results_info, unknown_table_is_einval, .init = load_vn374, .fini = free_vn374)
{
    cni_table *t = (cni_table *)&in; /* must be reset */

    cr_assert(eq(int, cni_results_info_table(&t, &in, "nodes", false), CN_EINVAL));
    cr_assert(eq(ptr, t, NULL));
}

/* The document: a network without a lead has "lead": null, one with a lead an object; an
 * umbrella's sub-networks by lead region are keyed by region, "(none)" for no lead. */
Test(results_info, json_document_nests_leads_and_keyed_counts, .init = load_vn374,
     .fini = free_vn374)
{
    cni_doc *d = NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    json_t *root, *nets, *lead, *umb;

    cr_assert(ne(ptr, fp, NULL));
    cr_assert(eq(int, cni_results_info_doc(&d, &in, "data/vn-374"), 0));
    cr_assert(eq(int, cni_doc_write(d, fp), 0));
    fclose(fp);
    cni_doc_destroy(d);
    root = json_loads(text, 0, NULL);
    cr_assert(ne(ptr, root, NULL));
    cr_assert(eq(str, (char *)json_string_value(json_object_get(root, "dataset")),
                 "data/vn-374"));
    cr_assert(eq(int, json_integer_value(json_object_get(json_object_get(root, "nodes"),
                                                         "total")), 39));
    cr_assert(eq(int, json_integer_value(json_object_get(
                          json_object_get(json_object_get(root, "nodes"), "by_kind"),
                          "network")), 23));
    nets = json_object_get(root, "networks");
    cr_assert(eq(sz, json_array_size(nets), 23));
    lead = json_object_get(json_array_get(nets, 0), "lead");
    cr_assert(eq(int, json_typeof(lead), JSON_NULL));
    lead = json_object_get(json_array_get(nets, 1), "lead");
    cr_assert(eq(str, (char *)json_string_value(json_object_get(lead, "id")), "hust"));
    cr_assert(eq(str, (char *)json_string_value(json_object_get(lead, "region")), "North"));
    cr_assert(eq(int, json_integer_value(json_object_get(
                          json_object_get(json_array_get(nets, 0), "members"), "network")), 13));
    cr_assert(eq(int, json_integer_value(json_object_get(json_array_get(nets, 0),
                                                         "member_total")), 13));
    umb = json_array_get(json_object_get(root, "umbrellas"), 1);
    cr_assert(eq(int, json_integer_value(json_object_get(
                          json_object_get(umb, "sub_networks_by_lead_region"), "(none)")), 6));
    cr_assert(eq(int, json_integer_value(json_object_get(
                          json_object_get(root, "networks_by_lead_region"), "(none)")), 10));
    cr_assert(eq(str, (char *)json_string_value(json_object_get(
                          json_object_get(root, "components"), "view")), "combined"));
    json_decref(root);
    free(text);
}

/* util/table.h's JSON shapes of a sub-table column, which the document above relies on. */
Test(results_info, sub_table_json_shapes)
{
    cni_table *t = NULL, *rec = NULL, *keyed = NULL;
    cni_buf b;

    cr_assert(eq(int, cni_table_create(&t, "t"), 0));
    cni_table_column(t, "id", CNI_COL_ID);
    cni_table_column_shape(t, cni_table_column(t, "one", CNI_COL_TABLE), CNI_JSON_RECORD);
    cni_table_column_shape(t, cni_table_column(t, "by", CNI_COL_TABLE), CNI_JSON_KEYED);
    cni_table_create(&rec, "rec");
    cni_table_column(rec, "x", CNI_COL_INT);
    cni_table_int(rec, 7);
    cni_table_create(&keyed, "keyed");
    cni_table_column(keyed, "k", CNI_COL_TEXT);
    cni_table_column(keyed, "n", CNI_COL_INT);
    cni_table_text(keyed, "a");
    cni_table_int(keyed, 1);
    cni_table_text(keyed, NULL);
    cni_table_int(keyed, 2);
    cni_table_text(t, "r1");
    cni_table_sub(t, rec);
    cni_table_sub(t, keyed);
    cni_table_text(t, "r2");
    cni_table_null(t);
    cni_table_null(t);
    cr_assert(eq(int, cni_table_status(t), 0));
    cni_buf_init(&b);
    cr_assert(eq(int, cni_table_append(t, CNI_TABLE_JSON, NULL, &b), 0));
    cr_assert(eq(str, b.s, "[\n"
                           "  {\n"
                           "    \"id\": \"r1\",\n"
                           "    \"one\": {\n"
                           "      \"x\": 7\n"
                           "    },\n"
                           "    \"by\": {\n"
                           "      \"a\": 1,\n"
                           "      \"\": 2\n"
                           "    }\n"
                           "  },\n"
                           "  {\n"
                           "    \"id\": \"r2\",\n"
                           "    \"one\": null,\n"
                           "    \"by\": null\n"
                           "  }\n"
                           "]\n"));
    cni_buf_fini(&b);
    cni_table_destroy(t);
}

/* the report asks for no components: igraph's graph of the combined view (5 s of processor at
 * generated L) is not built, and every other count is the same */
Test(results_info, components_only_when_asked, .init = load_vn374, .fini = free_vn374)
{
    cni_info without;

    cr_assert(eq(int, cni_results_info_compute(&without, g, false), 0));
    cr_assert(eq(sz, without.components.count, 0));
    cr_assert(eq(sz, without.components.largest, 0));
    cr_assert(gt(sz, in.components.count, 0));
    cr_assert(gt(sz, in.components.largest, 0));
    cr_assert(eq(sz, without.nregions, in.nregions));
    cr_assert(eq(sz, without.nfields, in.nfields));
    cr_assert(eq(sz, without.nnetworks, in.nnetworks));
    cni_results_info_fini(&without);
}
