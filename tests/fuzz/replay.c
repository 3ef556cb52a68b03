/* Replays a fuzz corpus through a fuzz target with any compiler (meson test runs it under the
 * sanitizers and valgrind): every file named, or every file in every directory named. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    long n;
    uint8_t *buf;

    if (!fp) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || (n > 0 && fread(buf, 1, (size_t)n, fp) != (size_t)n)) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        fclose(fp);
        free(buf);
        return 1;
    }
    fclose(fp);
    LLVMFuzzerTestOneInput(buf, (size_t)(n > 0 ? n : 0));
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    size_t files = 0;
    int failed = 0;

    for (int a = 1; a < argc; a++) {
        struct stat st;
        if (stat(argv[a], &st) == 0 && S_ISDIR(st.st_mode)) {
            struct dirent **list;
            int n = scandir(argv[a], &list, NULL, alphasort);
            for (int k = 0; k < n; k++) {
                char path[4096];
                if (list[k]->d_name[0] != '.') {
                    snprintf(path, sizeof path, "%s/%s", argv[a], list[k]->d_name);
                    failed |= run_file(path);
                    files++;
                }
                free(list[k]);
            }
            free(list);
        } else {
            failed |= run_file(argv[a]);
            files++;
        }
    }
    printf("replayed %zu inputs\n", files);
    return failed || files == 0;
}
