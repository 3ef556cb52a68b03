/* The centrality results: the report's tables against the CLI's CSV (tests/results.h). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../libnet/model/graph.h"
#include "../libnet/results/results.h"
#include "helpers.h"
#include "results.h"

/* central_<kind>: `centrality -g combined -m betweenness,pagerank,degree --kind KIND -n 10`. */
static void same_central(const char *dataset, const char *table, const char *kind)
{
    const char *argv[] = { "centrality", "-g", "combined", "-m", "betweenness,pagerank,degree",
                           "--kind", kind, "-n", "10", "-f", "csv", tr_dataset(dataset), NULL };
    tr_same_csv(dataset, table, argv);
}

/* centrality: every actor, `--kind institution,enterprise,expert`, no -n. */
static void same_all(const char *dataset)
{
    const char *argv[] = { "centrality", "-g", "combined", "-m", "betweenness,pagerank,degree",
                           "--kind", "institution,enterprise,expert", "-f", "csv",
                           tr_dataset(dataset), NULL };
    tr_same_csv(dataset, "centrality", argv);
}

/* cut_points: `centrality -g combined --cut-points --no-bridges`. */
static void same_cuts(const char *dataset)
{
    const char *argv[] = { "centrality", "-g", "combined", "--cut-points", "--no-bridges", "-f",
                           "csv", tr_dataset(dataset), NULL };
    tr_same_csv(dataset, "cut_points", argv);
}

Test(results_centrality, centrality_vn374) { same_all("data/vn-374"); }
Test(results_centrality, centrality_S) { same_all("S"); }
Test(results_centrality, central_institutions_vn374)
{
    same_central("data/vn-374", "central_institutions", "institution");
}
Test(results_centrality, central_institutions_S)
{
    same_central("S", "central_institutions", "institution");
}
Test(results_centrality, central_enterprises_vn374)
{
    same_central("data/vn-374", "central_enterprises", "enterprise");
}
Test(results_centrality, central_enterprises_S)
{
    same_central("S", "central_enterprises", "enterprise");
}
/* vn-374 has no expert: the report still writes the header, as the CLI does */
Test(results_centrality, central_experts_vn374)
{
    same_central("data/vn-374", "central_experts", "expert");
}
Test(results_centrality, central_experts_S) { same_central("S", "central_experts", "expert"); }
Test(results_centrality, cut_points_vn374) { same_cuts("data/vn-374"); }
Test(results_centrality, cut_points_S) { same_cuts("S"); }

/* The report's cut_points.csv: the CLI's columns, ids, no quotes, empty where undefined. */
Test(results_centrality, report_cut_points_has_cli_columns)
{
    const char *want =
        "cut,id,label,kind,other_id,other_label,component,separated,separated_institution,"
        "separated_enterprise,separated_expert,separated_network\n"
        "node,project-374,Mạng lưới trung tâm đào tạo xuất sắc và tài năng về công nghệ 4.0 "
        "(Đề án 374),network,,,29,25,12,0,0,13\n";
    char path[512], *csv;
    size_t len;

    snprintf(path, sizeof path, "%s/tables/cut_points.csv", tr_report("data/vn-374"));
    csv = th_slurp(path, &len);
    cr_assert(csv != NULL);
    cr_assert(eq(int, strncmp(csv, want, strlen(want)), 0), "%s", csv);
    free(csv);
}

/* The rows' order: the first measure, highest first (constraint: lowest first), undefined
 * last, ties in node order; --top after that. */
Test(results_centrality, rows_sorted_by_the_first_measure)
{
    cni_node_filter every = CNI_NODE_FILTER_INIT;
    cn_measure degree = CN_MEASURE_DEGREE, constraint = CN_MEASURE_CONSTRAINT;
    cn_graph *g = NULL;
    size_t n, *rows = NULL, nrows = 0;
    double *v, *vals[1];

    /* meson runs the tests in tests/ */
    const char *karate = access("data/karate", F_OK) == 0 ? "data/karate" : "tests/data/karate";

    cr_assert(eq(int, cn_load_dataset(&g, karate, NULL, NULL), 0));
    n = cn_graph_node_count(g);
    cr_assert(eq(sz, n, 34));
    v = malloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i] = (double)(i % 3);
    }
    v[1] = NAN;
    vals[0] = v;
    cr_assert(eq(int, cni_centrality_rows(&rows, &nrows, g, CN_VIEW_COLLABORATION, &every,
                                          &degree, vals, 3), 0));
    cr_assert(eq(sz, nrows, 3));
    cr_assert(eq(sz, rows[0], 2));
    cr_assert(eq(sz, rows[1], 5));
    cr_assert(eq(sz, rows[2], 8));
    free(rows);
    cr_assert(eq(int, cni_centrality_rows(&rows, &nrows, g, CN_VIEW_COLLABORATION, &every,
                                          &constraint, vals, SIZE_MAX), 0));
    cr_assert(eq(sz, nrows, 34));
    cr_assert(eq(sz, rows[0], 0));
    cr_assert(eq(sz, rows[1], 3));
    cr_assert(eq(sz, rows[33], 1)); /* undefined last */
    free(rows);
    free(v);
    cn_graph_destroy(g);
}

/* cni_centrality_add() fetches the rows to come (cni_graph_prefetch_row) while writing one: with
 * rows in a scattered order, more of them than the prefetch window, every row still holds its
 * own node's id, label, kind and scores, the last rows (whose look-ahead runs past the end)
 * included; prefetching nodes past the graph's end does nothing. */
Test(results_centrality, rows_written_in_any_order_hold_their_node)
{
    cn_measure ms[2] = { CN_MEASURE_PAGERANK, CN_MEASURE_DEGREE };
    const char *karate = access("data/karate", F_OK) == 0 ? "data/karate" : "tests/data/karate";
    cn_graph *g = NULL;
    cni_table *t = NULL;
    char *csv = NULL, *line, *save = NULL, want[512];
    size_t n, len = 0, *rows, r = 0;
    double *a, *b, *vals[2];
    FILE *fp;

    cr_assert(eq(int, cn_load_dataset(&g, karate, NULL, NULL), 0));
    n = cn_graph_node_count(g);
    cr_assert(eq(sz, n, 34));
    for (int step = 0; step < 3; step++) {
        cni_graph_prefetch_row(g, n, step);
        cni_graph_prefetch_row(g, SIZE_MAX, step);
    }
    rows = malloc(n * sizeof *rows);
    a = malloc(n * sizeof *a);
    b = malloc(n * sizeof *b);
    for (size_t i = 0; i < n; i++) {
        rows[i] = (i * 7) % n; /* 7 and 34 coprime: every node once, scattered */
        a[i] = (double)i / 3.0;
        b[i] = (double)(i * i);
    }
    vals[0] = a;
    vals[1] = b;
    cr_assert_not_null(fp = open_memstream(&csv, &len));
    cr_assert(eq(int, cni_centrality_table(&t, "centrality", ms, 2), 0));
    cr_assert(eq(int, cni_table_stream_csv(t, fp, true), 0));
    cr_assert(eq(int, cni_centrality_add(t, g, rows, n, 2, vals), 0));
    cni_table_destroy(t);
    cr_assert(eq(int, fclose(fp), 0));
    line = strtok_r(csv, "\n", &save);
    cr_assert(eq(str, line, "id,label,kind,pagerank,degree"));
    while ((line = strtok_r(NULL, "\n", &save))) {
        size_t i = rows[r++];
        snprintf(want, sizeof want, "%s,%s,%s,%.17g,%.17g", cn_graph_node_id(g, i),
                 cn_graph_node_label(g, i), cn_node_kind_name(cn_graph_node_kind(g, i)), a[i],
                 b[i]);
        cr_assert(eq(str, line, want), "row %zu", r);
    }
    cr_assert(eq(sz, r, n));
    free(csv);
    free(rows);
    free(a);
    free(b);
    cn_graph_destroy(g);
}

/* --cut-points: the JSON has every column the CSV has; other_label was in CSV only. */
Test(results_centrality, cut_points_json_has_other_label)
{
    const char *argv[] = { "centrality", "-g", "combined", "--cut-points", "-n", "3", "-f",
                           "json", tr_dataset("data/vn-374"), NULL };
    char *json = tr_cli(argv);

    cr_assert(strstr(json, "\"other_id\": null,\n      \"other_label\": null,\n") != NULL, "%s",
              json);
    cr_assert(strstr(json, "\"other_id\": \"vietnam-innovation-network\",\n      "
                           "\"other_label\": \"Mạng lưới Đổi mới sáng tạo Việt Nam\",\n")
                  != NULL,
              "%s", json);
    free(json);
}
