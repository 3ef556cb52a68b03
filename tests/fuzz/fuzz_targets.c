/* libFuzzer target: the targets file parser from memory, and a file it accepts checked against
 * a small dataset (cn_targets_check: every name it uses looked up, with suggestions). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <collabnet/collabnet.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char nodes[] = "id,kind,region,country,fields,type\n"
                            "u,institution,North,VN,ai;biotech,university\n"
                            "a,institution,South,FR,,academy\n"
                            "e,enterprise,,VN,,\n"
                            "P,network,,VN,,\n"
                            "N,network,,VN,ai,\n";
static const char edges[] = "source,target,kind,role\nN,P,membership,member\n"
                            "u,N,membership,lead\na,N,membership,member\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cn_diag_list *diags = NULL;
    cn_targets *t = NULL;
    cn_graph *g = NULL;
    size_t warnings;

    if (cn_diag_list_create(&diags, 20) != 0) {
        return 0;
    }
    if (cn_targets_parse(&t, (const char *)data, size, "targets.ini", diags) == 0
        && cn_load_buffers(&g, nodes, strlen(nodes), NULL, edges, strlen(edges), NULL, NULL,
                           NULL) == 0) {
        cn_targets_check(&warnings, t, g, diags);
    }
    cn_graph_destroy(g);
    cn_targets_destroy(t);
    cn_diag_list_destroy(diags);
    return 0;
}
