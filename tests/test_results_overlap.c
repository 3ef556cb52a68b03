/* The overlap results: the report's tables against the CLI's CSV (tests/results.h). */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "results.h"
#include "results/results.h"

/* tables/overlap.csv is `collabnet overlap -f csv` */
Test(results_overlap, pairs_vn374)
{
    const char *argv[] = { "overlap", "-f", "csv", tr_dataset("data/vn-374"), NULL };
    tr_same_csv("data/vn-374", "overlap", argv);
}

Test(results_overlap, pairs_S)
{
    const char *argv[] = { "overlap", "-f", "csv", tr_dataset("S"), NULL };
    tr_same_csv("S", "overlap", argv);
}

/* tables/spanners.csv is `collabnet overlap --actors -f csv` */
Test(results_overlap, spanners_vn374)
{
    const char *argv[] = { "overlap", "--actors", "-f", "csv", tr_dataset("data/vn-374"), NULL };
    tr_same_csv("data/vn-374", "spanners", argv);
}

Test(results_overlap, spanners_S)
{
    const char *argv[] = { "overlap", "--actors", "-f", "csv", tr_dataset("S"), NULL };
    tr_same_csv("S", "spanners", argv);
}

/* The CSV header of each table (the report's and the CLI's). */
Test(results_overlap, headers)
{
    const char *argv[] = { "overlap", "--actors", "-n", "1", "-f", "csv",
                           tr_dataset("data/vn-374"), NULL };
    char *csv = tr_cli(argv);
    cni_table *t = NULL;

    cr_assert(eq(int, strncmp(csv, "id,label,kind,networks,network_ids,fields,regions,"
                                   "field_list,region_list\n", 70), 0), "%s", csv);
    free(csv);
    cr_assert(eq(int, cni_results_overlap_pairs(&t), 0));
    cr_assert(eq(sz, cni_table_column_count(t), 14)); /* 12 in CSV, 13 in JSON */
    cr_assert(eq(str, (char *)cni_table_column_name(t, 11), "leads"));
    cni_table_destroy(t);
}

/* The matrix's JSON: the ids, then each row as an array of numbers (cni_doc_column() and
 * cni_doc_table_arrays()), not records. */
Test(results_overlap, matrix_json_rows_are_arrays)
{
    cni_table *t = NULL;
    cni_doc *d = NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);

    cr_assert(fp != NULL);
    cr_assert(eq(int, cni_table_create(&t, "m"), 0));
    cni_table_column_in(t, cni_table_column(t, "id", CNI_COL_ID), CNI_IN_ALL & ~CNI_IN_JSON);
    cni_table_column(t, "x.1", CNI_COL_INT); /* a dot in an id: a name, not a key path */
    cni_table_column(t, "y", CNI_COL_INT);
    cni_table_text(t, "x.1");
    cni_table_int(t, 3);
    cni_table_int(t, 1);
    cni_table_text(t, "y");
    cni_table_int(t, 1);
    cni_table_int(t, 2);
    cr_assert(eq(int, cni_doc_create(&d), 0));
    cni_doc_column(d, "networks", t, 0);
    cni_doc_table_arrays(d, "matrix", t);
    cr_assert(eq(int, cni_doc_write(d, fp), 0));
    fclose(fp);
    cr_assert(eq(str, text, "{\n  \"networks\": [\n    \"x.1\",\n    \"y\"\n  ],\n"
                            "  \"matrix\": [\n    [\n      3,\n      1\n    ],\n"
                            "    [\n      1,\n      2\n    ]\n  ]\n}\n"));
    free(text);
    cni_doc_destroy(d);
    cni_table_destroy(t);
}

/* The CLI's matrix: as many networks as rows, the diagonal the sizes (CSV and JSON agree). */
Test(results_overlap, matrix_json_matches_csv)
{
    const char *vn = tr_dataset("data/vn-374");
    const char *csv_argv[] = { "overlap", "--matrix", "-f", "csv", vn, NULL };
    const char *json_argv[] = { "overlap", "--matrix", "-f", "json", vn, NULL };
    char *csv = tr_cli(csv_argv), *json = tr_cli(json_argv);
    const char *open = "\"matrix\": [\n    [\n", *first = strstr(json, open);
    char *row = strchr(csv, '\n') + 1, *cell = strchr(row, ',') + 1;

    /* the first row's first number, the first network's size, opens the JSON matrix */
    cr_assert(first != NULL, "%s", json);
    cr_assert(gt(long, strtol(cell, NULL, 10), 0));
    cr_assert(eq(long, strtol(first + strlen(open), NULL, 10), strtol(cell, NULL, 10)));
    free(csv);
    free(json);
}

/* A failed write is an I/O error (74) naming the output, not "out of memory" (70): JSON was
 * written with json_dumpf(), whose failure (an output larger than stdio's buffer, here S's
 * pairs) read as running out of memory. */
Test(results_overlap, json_write_failure_is_io_error)
{
    const command *c = cli_commands;
    char *argv[] = { strdup("overlap"), strdup("-f"), strdup("json"), strdup("-o"),
                     strdup("/dev/full"), strdup(tr_dataset("S")), NULL };

    while (c->name && strcmp(c->name, "overlap") != 0) {
        c++;
    }
    cr_assert(c->name != NULL);
    cr_assert(eq(int, c->run(6, argv), EXIT_IOERR));
    for (int i = 0; i < 6; i++) {
        free(argv[i]);
    }
}

/* --actors' JSON keeps its keys and their order (networks as an array, fields and regions as
 * text, then the counts), although the CSV orders and names them otherwise. */
Test(results_overlap, actors_json_keys)
{
    const char *argv[] = { "overlap", "--actors", "-n", "1", "-f", "json",
                           tr_dataset("data/vn-374"), NULL };
    char *json = tr_cli(argv), expected[1024];

    snprintf(expected, sizeof expected,
             "{\n  \"collabnet\": \"%s\",\n  \"actors\": [\n    {\n"
             "      \"id\": \"vnu-hanoi\",\n"
             "      \"label\": \"Đại học Quốc gia Hà Nội\",\n"
             "      \"kind\": \"institution\",\n"
             "      \"networks\": [\n"
             "        \"n374-biotech-industry-biomed-north\",\n"
             "        \"three-university-agreement\"\n      ],\n"
             "      \"fields\": \"ai;biomedicine;biotech;industrial-biotech;semiconductor\",\n"
             "      \"regions\": \"North\",\n"
             "      \"fields_spanned\": 5,\n"
             "      \"regions_spanned\": 1\n    }\n  ]\n}\n",
             cn_version());
    cr_assert(eq(str, json, expected));
    free(json);
}

/* An actor in 150 networks with long ids, each network its own field and region: the lists are
 * written whole (they were cut at 4,095, 2,047 and 511 bytes, mid-item). */
Test(results_overlap, spanner_lists_are_not_truncated)
{
    char dir[64], path[96], *csv, *cell;
    const char *argv[] = { "overlap", "--actors", "-f", "csv", dir, NULL };
    FILE *nodes, *edges;
    size_t items = 1;

    snprintf(dir, sizeof dir, "%s/cn-spanner-XXXXXX", P_tmpdir);
    cr_assert(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/nodes.csv", dir);
    nodes = fopen(path, "w");
    cr_assert(nodes != NULL);
    snprintf(path, sizeof path, "%s/edges.csv", dir);
    edges = fopen(path, "w");
    cr_assert(edges != NULL);
    fputs("id,label,kind,region,country,fields\nx1,Expert,expert,North,VN,\n", nodes);
    fputs("source,target,kind,role\n", edges);
    for (int i = 0; i < 150; i++) {
        fprintf(nodes, "network-with-a-rather-long-identifier-%04d,Net,network,region-%04d,VN,"
                       "field-number-%04d\n", i, i, i);
        fprintf(edges, "x1,network-with-a-rather-long-identifier-%04d,membership,member\n", i);
    }
    fclose(nodes);
    fclose(edges);
    csv = tr_cli(argv);
    cell = strchr(strchr(csv, '\n') + 1, '\n'); /* the end of the only row */
    cr_assert(cell != NULL && cell[1] == '\0', "%s", csv);
    for (const char *p = strchr(csv, '\n') + 1; *p; p++) {
        items += *p == ';';
    }
    /* 149 separators in each of network_ids, field_list and region_list */
    cr_assert(eq(sz, items, 1 + 3 * 149));
    cr_assert(strstr(csv, ";network-with-a-rather-long-identifier-0149,150,150,field-number-0000;")
              != NULL);
    cr_assert(strstr(csv, ";region-0149\n") != NULL);
    free(csv);
    snprintf(path, sizeof path, "%s/nodes.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/edges.csv", dir);
    unlink(path);
    rmdir(dir);
}
