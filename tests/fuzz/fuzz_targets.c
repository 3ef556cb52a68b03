/* libFuzzer target: the targets file parser from memory. */
#include <stddef.h>
#include <stdint.h>

#include <collabnet/collabnet.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cn_diag_list *diags = NULL;
    cn_targets *t = NULL;

    if (cn_diag_list_create(&diags, 20) != 0) {
        return 0;
    }
    if (cn_targets_parse(&t, (const char *)data, size, "targets.ini", diags) == 0) {
        cn_targets_destroy(t);
    }
    cn_diag_list_destroy(diags);
    return 0;
}
