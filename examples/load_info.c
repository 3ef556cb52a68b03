/* Load a dataset with libcollabnet and print its networks with their leads.
 * Build: cc load_info.c $(pkg-config --cflags --libs collabnet)
 * Run:   ./load_info data/vn-374 */
#include <stdio.h>

#include <collabnet/collabnet.h>

int main(int argc, char **argv)
{
    cn_graph *g = NULL;
    cn_diag_list *diags = NULL;
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: %s DATASET_DIR\n", argv[0]);
        return 64;
    }
    if (cn_diag_list_create(&diags, 0) < 0) {
        return 70;
    }
    rc = cn_load_dataset(&g, argv[1], NULL, diags);
    if (rc < 0) {
        /* every contract violation, with the file and line to fix */
        for (size_t i = 0; i < cn_diag_list_count(diags); i++) {
            const cn_diag *d = cn_diag_list_at(diags, i);
            fprintf(stderr, "%s:%zu: %s\n", d->file, d->line, d->message);
        }
        fprintf(stderr, "load_info: %s\n", cn_errmsg());
        cn_diag_list_destroy(diags);
        return rc == CN_EDATA ? 65 : 66;
    }
    printf("%zu nodes, %zu networks\n", cn_graph_node_count(g),
           cn_graph_count_kind(g, CN_NODE_NETWORK));
    for (size_t i = 0; i < cn_graph_node_count(g); i++) {
        size_t lead = cn_graph_network_lead(g, i);
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK && lead != CN_NONE) {
            printf("%s\tled by %s (%s)\n", cn_graph_node_id(g, i), cn_graph_node_label(g, lead),
                   cn_graph_node_region(g, lead));
        }
    }
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
    return 0;
}
