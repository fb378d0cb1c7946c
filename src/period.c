#include "period.h"

#include <string.h>
#include <time.h>

bool period_parse(const char *s, int *index)
{
	int year = 0;

	if (!s || strlen(s) != 7)
		return false;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		year = year * 10 + (s[i] - '0');
	}
	if (s[4] != '-' || s[5] != 'Q' || s[6] < '1' || s[6] > '4')
		return false;
	if (year < 1)
		return false;
	if (index)
		*index = year * 4 + (s[6] - '1');
	return true;
}

void period_format(int index, char out[PERIOD_LEN])
{
	int year = index / 4, q = index % 4 + 1;

	if (year < 0 || year > 9999)
		year = 0;
	out[0] = (char)('0' + year / 1000);
	out[1] = (char)('0' + year / 100 % 10);
	out[2] = (char)('0' + year / 10 % 10);
	out[3] = (char)('0' + year % 10);
	out[4] = '-';
	out[5] = 'Q';
	out[6] = (char)('0' + q);
	out[7] = '\0';
}

int period_current(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return (tm.tm_year + 1900) * 4 + tm.tm_mon / 3;
}
