/* The assessment model: levels, dimensions and their criteria, loaded from
 * YAML and validated as CONTRACT section 2 says. */
#ifndef MLMAT_MODEL_H
#define MLMAT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define MODEL_MAX_LEVELS 10
#define MODEL_MAX_DIMENSIONS 64

struct model_level {
	int level;
	char *name;
	char *summary;          /* may be NULL */
};

struct criterion {
	char *id;
	int level;
	char *text;
	char *action;           /* may be NULL */
	char *guidance;         /* how to judge it; may be NULL */
	double weight;          /* within its level; default 1 */
	char **refs;            /* clauses it gives evidence for */
	size_t nrefs;
	size_t *requires;       /* criteria that must be met first (indexes) */
	size_t nrequires;
	size_t dim;             /* index of its dimension */
};

/* A level above dimensions (OWASP SAMM's business functions). */
struct model_group {
	char *id, *name;
	char *description;      /* may be NULL */
};

struct dimension {
	char *id;
	char *name;
	char *description;      /* may be NULL */
	double weight;
	long group;             /* index into the model's groups; -1 without groups */
	char *stages[MODEL_MAX_LEVELS]; /* by level - lowest; NULL when absent */
	size_t first, ncrit;    /* criteria[first .. first + ncrit) */
};

struct model {
	char *id, *name, *version, *description;
	struct model_level *levels;
	int nlevels;
	int lowest, highest;
	struct model_group *groups;
	size_t ngroups;
	struct dimension *dims;
	size_t ndims;
	struct criterion *crits;  /* in dimension order, then file order */
	size_t ncrits;
	size_t *crit_order;       /* crits' indexes by id (strcmp), or NULL (model_index) */
	char *yaml;               /* the source text, for storing with assessments */
	size_t yaml_len;
	char sha256[65];
	/* What `model check` warns about ("FILE:LINE:COL: warning: ..."):
	 * legal, but likely a mistake. */
	char **warnings;
	size_t nwarnings;
};

/* Loads and validates; returns NULL with a one-line message in err
 * ("FILE:LINE:COL: error: ..." or "mlmat: FILE: ..."). */
struct model *model_load_file(const char *path, char *err, size_t errsz);
struct model *model_load_buffer(const char *buf, size_t len, const char *name,
				char *err, size_t errsz);
/* The model compiled into the binary from data/mlops-maturity.yaml:
 * checked at build time, copied without a parse. */
struct model *model_load_builtin(char *err, size_t errsz);
void model_free(struct model *m);
/* A copy of m, every string and list its own. */
struct model *model_copy(const struct model *m);

/* Sorts the criteria's ids for model_find_criterion, once the model is
 * checked (ids unique); without it the lookup reads them all. */
void model_index(struct model *m);
/* Lookups; return -1 when absent. */
long model_find_criterion(const struct model *m, const char *id);
long model_find_dimension(const struct model *m, const char *id);
const struct model_level *model_level(const struct model *m, int level);

/* Writes the model as readable text (mlmat model show). */
void model_print(const struct model *m, FILE *out);
/* Writes the model as YAML that model check accepts (model show --format
 * yaml), every key it has, none it has not. */
void model_print_yaml(const struct model *m, FILE *out);

#endif
