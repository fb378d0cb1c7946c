/* Periods are quarters "YYYY-Qn"; as an index they are year * 4 + (n - 1),
 * so consecutive quarters are consecutive numbers. */
#ifndef MLMAT_PERIOD_H
#define MLMAT_PERIOD_H

#include <stdbool.h>

#define PERIOD_LEN 8             /* "YYYY-Qn" plus NUL */

bool period_parse(const char *s, int *index);
void period_format(int index, char out[PERIOD_LEN]);
/* The current quarter, from the local date. */
int period_current(void);

#endif
