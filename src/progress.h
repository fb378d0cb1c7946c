/* Progress figures for the quarterly review, as in OWASP SAMM: how close a
 * team is to its targets, and how far it has come since its first
 * assessment. */
#ifndef MLMAT_PROGRESS_H
#define MLMAT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

/* 1 - sum(max(0, target - score)) / sum(target), over the dimensions that
 * have a target (targets[i] < 0 means none). False when no dimension has a
 * target or the targets sum to zero. */
bool progress_percent_to_target(const int *targets, const double *scores, size_t n,
				double *out);

/* (current - baseline) / (target - baseline). False when target equals
 * baseline (nothing to progress towards). May be negative (a setback) or
 * above 1 (past the target). */
bool progress_to_date(double baseline, double current, double target, double *out);

/* The overall target: the weighted mean of the dimensions' targets, taking a
 * dimension's own score where it has none. */
double progress_overall_target(const int *targets, const double *scores,
			       const double *weights, size_t n);

#endif
