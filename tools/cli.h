/* Shared pieces of the collabnet commands: loading with diagnostics, atomic outputs, tables. */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>

#include <collabnet/collabnet.h>

#include "../libnet/util/outfile.h"
#include "../libnet/util/table.h"

/* Exit statuses (sysexits.h values, spelled out so the meaning is documented here). */
enum {
    EXIT_OK = 0,
    EXIT_USAGE = 64,    /* EX_USAGE: bad command line */
    EXIT_DATA = 65,     /* EX_DATAERR: the dataset breaks the contract */
    EXIT_NOINPUT = 66,  /* EX_NOINPUT: the dataset directory does not exist */
    EXIT_INTERNAL = 70, /* EX_SOFTWARE: an internal error */
    EXIT_CANTCREAT = 73, /* EX_CANTCREAT: an output cannot be created */
    EXIT_IOERR = 74     /* EX_IOERR: reading or writing failed */
};

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    void (*usage)(FILE *fp); /* the help text: --help, help COMMAND and the man page */
} command;

extern const command cli_commands[];

/* "collabnet: message" on stderr, escaped as cli_line() does. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write one line of text output (the format's result, then '\n') with the data in it escaped:
 * a control character or invalid UTF-8 from the data shows as \xNN, \n, ..., never acts on a
 * terminal. For text (table) output that is not a cli_table. */
void cli_line(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Map a library status to an exit status, printing cn_errmsg(). */
int cli_status(int rc);
/* Reset getopt before a command parses its options (commands can run more than once in-process). */
void cli_reset_getopt(void);
/* Parse a non-negative integer option value; false if malformed. */
bool cli_parse_size(const char *s, size_t *out);
/* Parse a positive integer for option @p opt ("--top"); prints the error. True on success. */
bool cli_parse_positive(const char *opt, const char *arg, size_t *out);

/* Output formats. */
typedef enum cli_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON } cli_format;

/* Options every command that reads a dataset takes: --max-errors N, --at DATE, and for those
 * that write results -f/--format and -o/--output. */
typedef struct cli_dataset_opts {
    size_t max_errors;  /* 0: the default */
    cn_date at;         /* year 0: every edge */
    cli_format format;  /* FORMAT_TABLE unless -f */
    const char *output; /* NULL: stdout */
} cli_dataset_opts;
/* Handle one of those options (getopt's @p c): true when it was one; *status becomes
 * EXIT_USAGE on a bad value. */
enum { OPT_MAX_ERRORS = 1000, OPT_AT = 1001, OPT_CSV_RAW = 1002 };
/* CSV text cells starting with = + - @ get a ' in front unless --csv-raw (README). */
extern bool cli_csv_guard;
#define CLI_OUTPUT_OPTIONS                                                                     \
    { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },    \
    { "csv-raw", no_argument, NULL, OPT_CSV_RAW }
#define CLI_DATASET_OPTIONS                                                                    \
    { "max-errors", required_argument, NULL, OPT_MAX_ERRORS },                                 \
    { "at", required_argument, NULL, OPT_AT }
bool cli_dataset_option(cli_dataset_opts *d, int c, const char *arg, int *status);
/* A command's `default:` case: a shared option, or else usage on stderr. Returns EXIT_OK or
 * the exit status to return. */
int cli_other_option(cli_dataset_opts *d, int c, const char *arg, void (*usage)(FILE *));
/* Print every diagnostic of a list as FILE:LINE: message (FILE: message for line 0). */
void cli_print_diags(const cn_diag_list *diags);
/* Check that exactly one DATASET_DIR argument is left; prints the error and usage if not. */
bool cli_one_dataset(int argc, const char *command, void (*usage)(FILE *));

/* Load a dataset, printing every diagnostic as FILE:LINE: message. Returns an exit status. */
int cli_load(cn_graph **out, const char *dir, const cli_dataset_opts *d);

/* An output: stdout, or a file written as util/outfile.h says (a regular file through a
 * temporary file renamed on success; a FIFO or device directly). */
typedef struct cli_out {
    FILE *fp;
    cni_outfile f;
} cli_out;
/* Open @p path ("-" or NULL: stdout; "" is a usage error). Returns an exit status. */
int cli_out_open(cli_out *o, const char *path);
/* Flush and rename into place. Returns an exit status; the output is discarded on failure. */
int cli_out_commit(cli_out *o);
/* On SIGINT, SIGTERM, SIGHUP or SIGPIPE, remove the temporary file being written, then die of
 * the signal: an earlier output is never touched either way. */
void cli_install_signal_cleanup(void);
/* Discard a partial output (no-op for stdout or after commit). */
void cli_out_abort(cli_out *o);

/* The targets: *path, or else DIR/targets.ini when it is a regular file (*path then points to
 * *owned, which the caller frees; a symbolic link there is not read, with a warning); *out
 * stays NULL when there are none. Prints diagnostics. Returns an exit status. */
int cli_load_targets(cn_targets **out, const char **path, char **owned, const char *dir,
                     size_t max_errors);
/* Check a directory output's -o (given, not empty, not "-"), printing the error; *status is
 * EXIT_OK or EXIT_USAGE. */
bool cli_output_dir(const char *output, const char *command, void (*usage)(FILE *),
                    int *status);
/* DIR/NAME (malloc'd) and its lstat() in *st, zeroed when it does not exist; NULL (the error
 * printed, *status set: 66, or 70 out of memory) when it cannot be looked at (a path longer
 * than PATH_MAX: "File name too long"). */
char *cli_dataset_file(const char *dir, const char *name, struct stat *st, int *status);

bool cli_parse_format(const char *s, cli_format *out);

/* Results are tables (libnet/util/table.h), built by the library code the report uses too.
 * Write one: aligned (FORMAT_TABLE), CSV with the formula guard unless --csv-raw, or as JSON
 * records (a command's JSON is usually a document: cli_write_doc()). Returns a library status
 * (cli_status() maps it). */
int cli_write_table(FILE *fp, cli_format format, const cni_table *t);
/* Stream a CSV table: the header now, each row when complete (cni_table_stream_csv()). */
int cli_stream_table(cni_table *t, FILE *fp);
/* A command's JSON document. */
int cli_write_doc(FILE *fp, const cni_doc *d);

/* A table of strings, printed aligned (table format) or as RFC 4180 CSV. */
typedef struct cli_table {
    const char *title;
    size_t ncols, nrows, cap;
    char **cells; /* row-major, header row first */
    bool *right;  /* per column: right-align (numbers) in table format */
    FILE *stream; /* when set, rows are written as CSV at once and not kept */
} cli_table;
int cli_table_init(cli_table *t, const char *title, size_t ncols, const char *const *header);
/* A table for @p format: CSV streams to @p fp row by row (memory stays flat for millions of
 * rows); other formats keep rows for alignment. Print with cli_table_emit(). */
int cli_table_start(cli_table *t, FILE *fp, cli_format format, size_t ncols,
                    const char *const *header);
void cli_table_fini(cli_table *t);
/* Append a row; values are copied. Returns 0 or -1 (out of memory). */
int cli_table_add(cli_table *t, const char *const *row);
void cli_table_print(const cli_table *t, FILE *fp);
void cli_table_csv(const cli_table *t, FILE *fp);
/* Print as CSV for FORMAT_CSV, aligned otherwise. */
void cli_table_emit(const cli_table *t, FILE *fp, cli_format format);

/* Parse @p s as one of count names given by name(k). */
bool cli_parse_enum(const char *s, const char *(*name)(int), int count, int *out);

/* The centrality options shared by centrality and export (render takes --max-ties too;
 * overlap, render and report take --max-shared). */
enum { OPT_PROJ = 2000, OPT_UNWEIGHTED, OPT_NORMALIZED, OPT_SAMPLE, OPT_SEED, OPT_EXACT,
       OPT_MAX_TIES, OPT_MAX_SHARED };
#define CLI_CENTRALITY_OPTIONS                                                                 \
    { "measures", required_argument, NULL, 'm' }, { "graph", required_argument, NULL, 'g' },   \
    { "projection-weight", required_argument, NULL, OPT_PROJ },                                \
    { "unweighted", no_argument, NULL, OPT_UNWEIGHTED },                                       \
    { "normalized", no_argument, NULL, OPT_NORMALIZED },                                       \
    { "sample", required_argument, NULL, OPT_SAMPLE },                                         \
    { "seed", required_argument, NULL, OPT_SEED }, { "exact", no_argument, NULL, OPT_EXACT },  \
    { "jobs", required_argument, NULL, 'j' },                                                  \
    { "max-ties", required_argument, NULL, OPT_MAX_TIES }
/* Above this many vertices, path-based measures are sampled unless --exact is given. */
#define CLI_AUTO_SAMPLE_VERTICES 50000
#define CLI_AUTO_SAMPLE_SOURCES 256
typedef struct cli_centrality {
    cn_centrality_options o;
    const char *measures; /* the -m list */
    bool exact, sample_given;
} cli_centrality;
#define CLI_CENTRALITY_INIT { CN_CENTRALITY_OPTIONS_INIT, "all", false, false }
/* Handle one centrality option (getopt's @p c): true when it was one; *status becomes
 * EXIT_USAGE on a bad value. */
bool cli_centrality_option(cli_centrality *a, int c, const char *arg, int *status);
/* The measures of -m (printing the error); false on a bad list or --exact with --sample. */
bool cli_centrality_measures(cli_centrality *a, cn_measure *ms, size_t *nm);
/* Sample path-based measures past CLI_AUTO_SAMPLE_VERTICES vertices unless told otherwise
 * (says so on stderr). */
void cli_centrality_auto_sample(cli_centrality *a, const cn_graph *g, const cn_measure *ms,
                                size_t nm);

#endif
