/* The floor of reading CSV (issue 20): one pass over each file's bytes, counting records and
 * fields outside quotes, as any CSV reader must at least do. Not part of collabnet; bench.py
 * compiles it with cc -O2 and times it on the files the load reads.
 *
 *     floor_csv FILE...      prints: records fields bytes */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    static unsigned char buf[1 << 20];
    unsigned long long records = 0, fields = 0, bytes = 0;

    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        int quoted = 0;
        ssize_t n;

        if (fd < 0) {
            perror(argv[i]);
            return 66;
        }
        while ((n = read(fd, buf, sizeof buf)) > 0) {
            bytes += (unsigned long long)n;
            for (ssize_t k = 0; k < n; k++) {
                unsigned char c = buf[k];
                if (c == '"') {
                    quoted = !quoted; /* a doubled quote toggles twice */
                } else if (!quoted && c == ',') {
                    fields++;
                } else if (!quoted && c == '\n') {
                    records++;
                    fields++;
                }
            }
        }
        close(fd);
        if (n < 0) {
            perror(argv[i]);
            return 74;
        }
    }
    printf("%llu %llu %llu\n", records, fields, bytes);
    return 0;
}
