/* SHA-256 (FIPS 180-4), to fingerprint the model text kept with assessments. */
#ifndef MLMAT_SHA256_H
#define MLMAT_SHA256_H

#include <stddef.h>

/* Writes 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
