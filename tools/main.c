/* collabnet: the command-line tool. One command table; each command lives in cmd_<name>.c. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

int main(int argc, char **argv)
{
    /* past a file size limit, a write must fail (EFBIG) and be reported like a full disk,
     * not kill the process */
    signal(SIGXFSZ, SIG_IGN);
    cli_install_signal_cleanup();
    if (argc < 2) {
        cmd_help(1, argv);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("collabnet %s\n", cn_version());
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        return cmd_help(1, argv);
    }
    for (const command *c = cli_commands; c->name; c++) {
        if (strcmp(argv[1], c->name) == 0) {
            return c->run(argc - 1, argv + 1);
        }
    }
    cli_error("unknown command '%s' (try 'collabnet --help')", argv[1]);
    return EXIT_USAGE;
}
