/* libFuzzer target: the dataset loader from memory. The input is nodes.csv, a NUL byte, then
 * edges.csv (no NUL: everything is nodes.csv and edges.csv is empty). Any input must end in a
 * graph or in diagnostics, never in a crash, a leak or undefined behaviour. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <collabnet/collabnet.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    size_t nlen = nul ? (size_t)(nul - text) : size;
    const char *edges = nul ? nul + 1 : "";
    size_t elen = nul ? size - nlen - 1 : 0;
    cn_load_options o = CN_LOAD_OPTIONS_INIT;
    cn_diag_list *diags = NULL;
    cn_graph *g = NULL;

    o.max_errors = 20;
    if (cn_diag_list_create(&diags, 20) != 0) {
        return 0;
    }
    if (cn_load_buffers(&g, text, nlen, "nodes.csv", edges, elen, "edges.csv", &o, diags) == 0) {
        /* a loaded graph must answer its basic questions */
        for (size_t i = 0; i < cn_graph_node_count(g); i++) {
            (void)cn_graph_node_id(g, i);
            (void)cn_graph_network_lead(g, i);
        }
        cn_graph_destroy(g);
    }
    cn_diag_list_destroy(diags);
    return 0;
}
