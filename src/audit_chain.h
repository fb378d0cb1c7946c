/* The audit log's hash chain (CONTRACT section 6): each row's hash is the
 * SHA-256, in lowercase hex, of
 *   PREV LF at LF os_user LF assessment_id LF action LF detail LF
 * with PREV the previous row's hash (64 zeros for the first row),
 * assessment_id in decimal (empty when none) and every field as
 * `mlmat export --what audit` writes it (after the spreadsheet guard, before
 * CSV quoting), so anyone can recompute the chain from an export. */
#ifndef MLMAT_AUDIT_CHAIN_H
#define MLMAT_AUDIT_CHAIN_H

#include <stdint.h>

#define AUDIT_CHAIN_HEX 65      /* 64 hex digits and a NUL */

/* PREV of the first row. */
extern const char audit_chain_genesis[AUDIT_CHAIN_HEX];

/* The hash of one row; assessment_id 0 for none, NULL text as empty. */
void audit_chain_link(const char *prev, const char *at, const char *os_user,
		      int64_t assessment_id, const char *action, const char *detail,
		      char out[AUDIT_CHAIN_HEX]);

#endif
