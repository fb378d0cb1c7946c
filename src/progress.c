#include "progress.h"

#include <math.h>

bool progress_percent_to_target(const int *targets, const double *scores, size_t n,
				double *out)
{
	double missing = 0, total = 0;

	for (size_t i = 0; i < n; i++) {
		if (targets[i] < 0)
			continue;
		total += targets[i];
		if (targets[i] > scores[i])
			missing += targets[i] - scores[i];
	}
	if (total <= 0)
		return false;
	*out = 1.0 - missing / total;
	return true;
}

bool progress_to_date(double baseline, double current, double target, double *out)
{
	if (fabs(target - baseline) < 1e-9)
		return false;
	*out = (current - baseline) / (target - baseline);
	return true;
}

double progress_overall_target(const int *targets, const double *scores,
			       const double *weights, size_t n)
{
	double sum = 0, wsum = 0;

	for (size_t i = 0; i < n; i++) {
		double t = targets[i] >= 0 ? targets[i] : scores[i];

		sum += weights[i] * t;
		wsum += weights[i];
	}
	return wsum > 0 ? sum / wsum : 0;
}
