/* Load a dataset and print its top brokers: the actors with the highest betweenness in the
 * collaboration graph, with their degree and Burt's constraint (low constraint = brokerage).
 * Build: cc top_brokers.c $(pkg-config --cflags --libs collabnet)
 * Run:   ./top_brokers DATASET_DIR [N] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <collabnet/collabnet.h>

static const double *betweenness;

static int by_betweenness(const void *a, const void *b)
{
    double x = betweenness[*(const size_t *)a], y = betweenness[*(const size_t *)b];

    if (isnan(x) != isnan(y)) {
        return isnan(x) ? 1 : -1;
    }
    return x < y ? 1 : x > y ? -1 : 0;
}

int main(int argc, char **argv)
{
    const cn_measure measures[] = { CN_MEASURE_BETWEENNESS, CN_MEASURE_DEGREE,
                                    CN_MEASURE_CONSTRAINT };
    double *vals[3] = { NULL, NULL, NULL };
    cn_graph *g = NULL;
    size_t *order = NULL, n, top = argc > 2 ? (size_t)atoi(argv[2]) : 5;
    int rc, status = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s DATASET_DIR [N]\n", argv[0]);
        return 64;
    }
    if ((rc = cn_load_dataset(&g, argv[1], NULL, NULL)) < 0) {
        fprintf(stderr, "top_brokers: %s\n", cn_errmsg());
        return rc == CN_EDATA ? 65 : 66;
    }
    n = cn_graph_node_count(g);
    for (int k = 0; k < 3; k++) {
        vals[k] = malloc((n + 1) * sizeof(double));
    }
    order = malloc((n + 1) * sizeof *order);
    if (!vals[0] || !vals[1] || !vals[2] || !order) {
        status = 70;
        goto done;
    }
    /* the default options: the collaboration graph, weights as tie strengths */
    if ((rc = cn_centrality(vals, g, measures, 3, NULL)) < 0) {
        fprintf(stderr, "top_brokers: %s\n", cn_errmsg());
        status = 70;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
    }
    betweenness = vals[0];
    qsort(order, n, sizeof *order, by_betweenness);
    printf("%-12s %12s %6s %10s  %s\n", "id", "betweenness", "degree", "constraint", "label");
    for (size_t r = 0; r < top && r < n && !isnan(vals[0][order[r]]); r++) {
        size_t i = order[r];
        printf("%-12s %12.4f %6.0f %10.4f  %s\n", cn_graph_node_id(g, i), vals[0][i], vals[1][i],
               vals[2][i], cn_graph_node_label(g, i));
    }
done:
    for (int k = 0; k < 3; k++) {
        free(vals[k]);
    }
    free(order);
    cn_graph_destroy(g);
    return status;
}
