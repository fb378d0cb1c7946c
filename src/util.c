
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void oom(void)
{
	fputs("mlmat: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	return sb.s;
}

void sb_init(struct strbuf *sb)
{
	sb->cap = 64;
	sb->len = 0;
	sb->s = xmalloc(sb->cap);
	sb->s[0] = '\0';
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	while (sb->len + extra + 1 > sb->cap)
		sb->cap *= 2;
	sb->s = xrealloc(sb->s, sb->cap);
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

void sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

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

size_t utf8_decode(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c, min;
	size_t len;

	if (n == 0) {
		*cp = 0xFFFD;
		return 0;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; c &= 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return len;
}

bool utf8_valid(const char *buf, size_t len, size_t *bad)
{
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t k;

		if ((unsigned char)buf[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(buf + i, len - i, &cp);
		if (cp == 0xFFFD && k == 1) {
			if (bad)
				*bad = i;
			return false;
		}
		i += k;
	}
	return true;
}

size_t utf8_len(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

static bool is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
	       cp == 0x2028 || cp == 0x2029;
}

bool team_name_clean(const char *in, char out[TEAM_NAME_BYTES], const char **why)
{
	const char *start = in, *end = in + strlen(in);
	size_t chars = 0;

	while (start < end && *start == ' ')
		start++;
	while (end > start && end[-1] == ' ')
		end--;
	if (start == end) {
		*why = "a team name cannot be empty";
		return false;
	}
	for (const char *p = start; p < end;) {
		unsigned cp;
		size_t k = utf8_decode(p, (size_t)(end - p), &cp);

		if (cp == 0xFFFD && k == 1) {
			*why = "a team name must be valid UTF-8";
			return false;
		}
		if (is_control(cp)) {
			*why = "a team name cannot hold control characters";
			return false;
		}
		p += k;
		if (++chars > TEAM_NAME_MAX) {
			*why = "a team name is at most 80 characters";
			return false;
		}
	}
	memcpy(out, start, (size_t)(end - start));
	out[end - start] = '\0';
	return true;
}

void time_iso_now(char out[21])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *os_user(void)
{
	static char name[256];
	struct passwd *pw;

	if (name[0])
		return name;
	pw = getpwuid(getuid());
	if (pw && pw->pw_name && pw->pw_name[0])
		snprintf(name, sizeof name, "%s", pw->pw_name);
	else
		snprintf(name, sizeof name, "uid%ld", (long)getuid());
	return name;
}

char *file_read(const char *path, size_t max, size_t *len, bool *too_big)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf;
	size_t cap, n = 0;

	*too_big = false;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return NULL;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
		close(fd);
		*too_big = true;
		return NULL;
	}
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			if (cap > max + 1) {
				free(buf);
				close(fd);
				*too_big = true;
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > max) {
		free(buf);
		*too_big = true;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

double round2(double x)
{
	double r = fabs(x) * 100.0;
	double f = floor(r);

	/* Scores are sums of halves and quotients; a tolerance keeps 1.125,
	 * stored as 1.12499999..., rounding up as written. */
	if (r - f >= 0.5 - 1e-9)
		f += 1.0;
	return copysign(f / 100.0, x);
}

char *text_printable(const char *s, bool ascii)
{
	struct strbuf sb;
	size_t n = strlen(s);

	sb_init(&sb);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (cp == '\n' || cp == '\t' || cp == '\r')
			sb_addc(&sb, ' ');
		else if (is_control(cp))
			sb_addc(&sb, '?');
		else if (cp >= 0x80 && ascii)
			sb_addc(&sb, '?');
		else if (cp == 0xFFFD && k == 1)
			sb_adds(&sb, "\xEF\xBF\xBD");
		else
			sb_add(&sb, s + i, k);
		i += k;
	}
	return sb.s;
}

void fput_padded(FILE *out, const char *s, int width, bool right)
{
	int len = (int)utf8_len(s, strlen(s));

	if (right)
		for (int i = len; i < width; i++)
			putc(' ', out);
	fputs(s, out);
	if (!right)
		for (int i = len; i < width; i++)
			putc(' ', out);
}
