/* Draw the overlap of a dataset's networks (networks tied by the members they share) with
 * libcollabnet, in memory and then to a file, and say what the diagram holds.
 * Build: cc render_overlap.c $(pkg-config --cflags --libs collabnet)
 * Run:   ./render_overlap DATASET_DIR OUT.svg|OUT.png|OUT.pdf|OUT.dot */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <collabnet/collabnet.h>

int main(int argc, char **argv)
{
    cn_render_options opts = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    cn_graph *g = NULL;
    char *svg = NULL;
    size_t len = 0;
    int rc;

    if (argc != 3) {
        fprintf(stderr, "usage: %s DATASET_DIR OUTPUT_FILE\n", argv[0]);
        return 64;
    }
    if ((rc = cn_load_dataset(&g, argv[1], NULL, NULL)) < 0) {
        fprintf(stderr, "render_overlap: %s\n", cn_errmsg());
        return rc == CN_EDATA ? 65 : 66;
    }
    opts.view = CN_RENDER_OVERLAP;
    opts.title = "Networks and the members they share";
    /* 1. in memory, as SVG: e.g. to embed in a page */
    if ((rc = cn_render(&svg, &len, &st, g, &opts)) < 0) {
        fprintf(stderr, "render_overlap: %s\n", cn_errmsg());
        cn_graph_destroy(g);
        return 70;
    }
    printf("SVG: %zu bytes, %zu networks drawn, %zu shared-member or nesting ties, layout %s\n",
           len, st.nodes, st.edges, st.engine);
    cn_free(svg);
    /* 2. to a file, in the format its extension names, written atomically */
    if ((rc = cn_render_format_from_path(&opts.format, argv[2])) < 0
        || (rc = cn_render_file(argv[2], NULL, g, &opts)) < 0) {
        fprintf(stderr, "render_overlap: %s\n", cn_errmsg());
        cn_graph_destroy(g);
        return rc == CN_EINVAL ? 64 : 73;
    }
    printf("wrote %s\n", argv[2]);
    cn_graph_destroy(g);
    return 0;
}
