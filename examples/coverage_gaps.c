/* Check a dataset against its targets file and print every gap with its candidates.
 * Build: cc coverage_gaps.c $(pkg-config --cflags --libs collabnet)
 * Run:   ./coverage_gaps DATASET_DIR   (reads DATASET_DIR/targets.ini); exits 1 on gaps */
#include <stdio.h>

#include <collabnet/collabnet.h>

int main(int argc, char **argv)
{
    char path[4096];
    cn_graph *g = NULL;
    cn_targets *t = NULL;
    cn_coverage *c = NULL;
    int rc, status = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s DATASET_DIR\n", argv[0]);
        return 64;
    }
    snprintf(path, sizeof path, "%s/targets.ini", argv[1]);
    if ((rc = cn_load_dataset(&g, argv[1], NULL, NULL)) < 0
        || (rc = cn_targets_load(&t, path, NULL)) < 0
        || (rc = cn_coverage_compute(&c, g, t, NULL)) < 0) {
        fprintf(stderr, "coverage_gaps: %s\n", cn_errmsg());
        status = rc == CN_EDATA ? 65 : 66;
        goto done;
    }
    printf("%zu of %zu checks not met\n", cn_coverage_gap_count(c), cn_coverage_result_count(c));
    for (size_t k = 0; k < cn_coverage_result_count(c); k++) {
        const cn_rule_result *r = cn_coverage_result(c, k);
        if (r->met) {
            continue;
        }
        printf("%s:%zu: %s\n", path, r->line, r->message);
        for (size_t s = 0; s < r->nsuggestions; s++) {
            printf("    candidate %s (%s)\n", cn_graph_node_id(g, r->suggestions[s].node),
                   cn_graph_node_label(g, r->suggestions[s].node));
        }
        if (r->no_candidate) {
            printf("    no candidate: %s\n", r->no_candidate);
        }
    }
    status = cn_coverage_gap_count(c) > 0 ? 1 : 0;
done:
    cn_coverage_destroy(c);
    cn_targets_destroy(t);
    cn_graph_destroy(g);
    return status;
}
