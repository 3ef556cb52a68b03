/* Internal: policy targets as parsed from a targets file (load/targets.c) and evaluated by
 * analysis/coverage.c. */
#ifndef CNI_TARGETS_H
#define CNI_TARGETS_H

#include <stdbool.h>
#include <stddef.h>

#include <collabnet/model.h>

typedef struct cni_rule {
    cn_rule_type type;
    size_t line;
    char *text;         /* "key = value" as written, for quoting in reports */
    char *field;        /* field rules: the field; NULL for the default of every field */
    char **regions;     /* CN_RULE_FIELD_REGIONS: the regions */
    size_t nregions;
    bool led;           /* CN_RULE_FIELD_REGIONS: led (true) or reached (false) */
    size_t count;       /* minimum (networks or members); exact for the lead rule */
    int kind;           /* CN_RULE_NETWORK_MEMBERS: the member kind */
    bool besides_lead;  /* CN_RULE_NETWORK_MEMBERS: the lead does not count */
    char *attr, *value; /* network rules: optional filter on column attr; value as written */
    bool negate;        /* ... is not (has not) */
    bool has;           /* ... attr is the list `fields`: "has" one of values */
    char **values;      /* ... the values ("is one of a, b": several), at least one */
    size_t nvalues;
} cni_rule;

struct cn_targets {
    char *name;         /* display name of the file */
    char *umbrella;     /* scope: sub-networks of this network; NULL = every network */
    size_t umbrella_line;
    char **priority;    /* priority fields */
    size_t npriority, priority_line;
    char **regions;     /* regions of the coverage matrix; none: those of the institutions */
    size_t nregions, regions_line;
    cni_rule *rules;
    size_t nrules;
};

#endif
