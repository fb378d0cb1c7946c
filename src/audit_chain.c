#include "audit_chain.h"
#include "csv.h"
#include "sha256.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>

const char audit_chain_genesis[AUDIT_CHAIN_HEX] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* A text field as the export writes it, without the CSV quotes: csv_escape
 * is the one place the export's rules for a field live, so the chain and
 * the export cannot drift apart. */
static void add_exported(struct strbuf *sb, const char *s)
{
	char small[256], *buf = small;
	size_t n;

	if (!s || !*s)
		return;
	n = csv_escape(s, small, sizeof small);
	if (n >= sizeof small) {
		buf = xmalloc(n + 1);
		csv_escape(s, buf, n + 1);
	}
	if (n >= 2 && buf[0] == '"') {
		for (size_t i = 1; i + 1 < n; i++) {
			sb_addc(sb, buf[i]);
			if (buf[i] == '"')
				i++;    /* the quote doubled by the escape */
		}
	} else {
		sb_add(sb, buf, n);
	}
	if (buf != small)
		free(buf);
}

void audit_chain_link(const char *prev, const char *at, const char *os_user,
		      int64_t assessment_id, const char *action, const char *detail,
		      char out[AUDIT_CHAIN_HEX])
{
	struct strbuf sb;

	sb_init(&sb);
	sb_adds(&sb, prev);
	sb_addc(&sb, '\n');
	sb_adds(&sb, at ? at : "");
	sb_addc(&sb, '\n');
	add_exported(&sb, os_user);
	sb_addc(&sb, '\n');
	if (assessment_id > 0)
		sb_printf(&sb, "%lld", (long long)assessment_id);
	sb_addc(&sb, '\n');
	sb_adds(&sb, action ? action : "");
	sb_addc(&sb, '\n');
	add_exported(&sb, detail);
	sb_addc(&sb, '\n');
	sha256_hex(sb.s, sb.len, out);
	sb_free(&sb);
}
