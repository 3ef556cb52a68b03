/* Print the network x network matrix of shared members of a dataset, from the sparse list of
 * overlapping pairs that libcollabnet computes.
 * Build: cc overlap_matrix.c $(pkg-config --cflags --libs collabnet)
 * Run:   ./overlap_matrix DATASET_DIR */
#include <stdio.h>
#include <stdlib.h>

#include <collabnet/collabnet.h>

int main(int argc, char **argv)
{
    cn_graph *g = NULL;
    cn_overlap *ov = NULL;
    size_t n, nn = 0, *col = NULL, *nets = NULL, *m = NULL;
    int rc, status = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s DATASET_DIR\n", argv[0]);
        return 64;
    }
    if ((rc = cn_load_dataset(&g, argv[1], NULL, NULL)) < 0) {
        fprintf(stderr, "overlap_matrix: %s\n", cn_errmsg());
        return rc == CN_EDATA ? 65 : 66;
    }
    if ((rc = cn_overlap_compute(&ov, g, NULL)) < 0) {
        fprintf(stderr, "overlap_matrix: %s\n", cn_errmsg());
        cn_graph_destroy(g);
        return 70;
    }
    n = cn_graph_node_count(g);
    col = malloc(n * sizeof *col);
    nets = malloc(n * sizeof *nets);
    if (!col || !nets) {
        status = 70;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            col[i] = nn;
            nets[nn++] = i;
        }
    }
    /* a dense matrix is fine for a report-sized dataset; large ones should use the pairs */
    if (!(m = calloc(nn * nn + 1, sizeof *m))) {
        status = 70;
        goto done;
    }
    for (size_t k = 0; k < nn; k++) {
        m[k * nn + k] = cn_overlap_size(ov, nets[k]);
    }
    for (size_t k = 0; k < cn_overlap_pair_count(ov); k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
        m[col[p->a] * nn + col[p->b]] = m[col[p->b] * nn + col[p->a]] = p->shared;
    }
    for (size_t r = 0; r < nn; r++) {
        printf("%-36s", cn_graph_node_id(g, nets[r]));
        for (size_t c = 0; c < nn; c++) {
            printf(" %3zu", m[r * nn + c]);
        }
        putchar('\n');
    }
done:
    free(m);
    free(col);
    free(nets);
    cn_overlap_destroy(ov);
    cn_graph_destroy(g);
    return status;
}
