/* The configuration files (src/config.c, CONTRACT section 1): every key
 * and its type, strict errors with positions, a bad file changing nothing,
 * the later file winning key by key, relative paths, and a missing file. */
#include "testutil.h"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERRSZ 1024

static bool parse(struct config *c, const char *text, char err[ERRSZ])
{
	err[0] = '\0';
	return config_parse(c, text, strlen(text), "/etc/mlmat/config.yaml", err, ERRSZ);
}

static void test_every_key(void **state)
{
	struct config c = CONFIG_INIT;
	char err[ERRSZ];

	(void)state;
	assert_true(parse(&c, "db: /srv/mlmat/mlmat.db\nmodel: models/ours.yaml\ntheme: light\n"
			      "ascii: true\nno-color: false\nadvance: false\nmouse: true\n"
			      "session-minutes: 60\n", err));
	assert_string_equal(c.db, "/srv/mlmat/mlmat.db");
	/* Relative to the file's folder; a theme name stays a name. */
	assert_string_equal(c.model, "/etc/mlmat/models/ours.yaml");
	assert_string_equal(c.theme, "light");
	assert_int_equal(c.ascii, 1);
	assert_int_equal(c.no_color, 0);
	assert_int_equal(c.advance, 0);
	assert_int_equal(c.mouse, 1);
	assert_int_equal(c.session_minutes, 60);
	config_free(&c);
}

static void test_empty_and_unset(void **state)
{
	struct config c = CONFIG_INIT;
	char err[ERRSZ];

	(void)state;
	assert_true(parse(&c, "", err));
	assert_true(parse(&c, "# nothing set\n", err));
	assert_null(c.db);
	assert_int_equal(c.advance, CONFIG_UNSET);
	assert_int_equal(c.session_minutes, CONFIG_UNSET);
}

/* Each bad file: the message with its position, and nothing changed. */
static void test_strict(void **state)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "colour: red\n", "config.yaml:1:1: error: unknown key 'colour'" },
		{ "db: /x\nadvance: yes\n", "config.yaml:2:10: error: 'advance' must be true or false, not 'yes'" },
		{ "ascii: \"true\"\n", "config.yaml:1:8: error: 'ascii' must be true or false" },
		{ "mouse: 1\n", "config.yaml:1:8: error: 'mouse' must be true or false, not '1'" },
		{ "session-minutes: 0\n", "config.yaml:1:18: error: 'session-minutes' must be a whole number" },
		{ "session-minutes: 90.5\n", "config.yaml:1:18: error: 'session-minutes' must be" },
		{ "session-minutes: 1441\n", "config.yaml:1:18: error: 'session-minutes' must be" },
		{ "db:\n", "config.yaml:1:4: error: 'db' needs a path or name" },
		{ "db: [a, b]\n", "config.yaml:1:5: error: 'db' must be a single value" },
		{ "- db\n", "config.yaml:1:1: error: a configuration is a mapping" },
		{ "db: /a\ndb: /b\n", "config.yaml:2:1: error: " },
		{ "db: 'unterminated\n", "config.yaml:" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct config c = CONFIG_INIT;
		char err[ERRSZ];

		c.db = strdup("/kept.db");
		c.advance = 1;
		if (parse(&c, bad[i].text, err))
			fail_msg("accepted: %s", bad[i].text);
		if (!strstr(err, bad[i].want))
			fail_msg("%s: '%s' does not hold '%s'", bad[i].text, err, bad[i].want);
		assert_string_equal(c.db, "/kept.db");
		assert_int_equal(c.advance, 1);
		config_free(&c);
	}
}

/* The user's file after the system's: key by key. */
static void test_later_file_wins_key_by_key(void **state)
{
	char *dir = tu_tmpdir(), sys[4200], user[4200], err[ERRSZ] = "";
	struct config c = CONFIG_INIT;

	(void)state;
	snprintf(sys, sizeof sys, "%s/system.yaml", dir);
	snprintf(user, sizeof user, "%s/user.yaml", dir);
	tu_write_file(sys, "db: /srv/mlmat/mlmat.db\ntheme: dark\nadvance: false\n");
	tu_write_file(user, "theme: light\nadvance: true\n");
	assert_true(config_load_file(&c, sys, err, sizeof err));
	assert_true(config_load_file(&c, user, err, sizeof err));
	assert_string_equal(c.db, "/srv/mlmat/mlmat.db");
	assert_string_equal(c.theme, "light");
	assert_int_equal(c.advance, 1);
	/* A missing file is no error and changes nothing. */
	snprintf(user, sizeof user, "%s/missing.yaml", dir);
	assert_true(config_load_file(&c, user, err, sizeof err));
	assert_string_equal(c.theme, "light");
	/* A folder in its place is an error naming it. */
	assert_false(config_load_file(&c, dir, err, sizeof err));
	assert_non_null(strstr(err, dir));
	config_free(&c);
	tu_tmpdir_remove(dir);
}

static void test_paths(void **state)
{
	char *old_sys = getenv("MLMAT_SYSTEM_CONFIG") ? strdup(getenv("MLMAT_SYSTEM_CONFIG")) : NULL;
	char *p;

	(void)state;
	unsetenv("MLMAT_SYSTEM_CONFIG");
	p = config_system_path();
	assert_string_equal(p, "/etc/mlmat/config.yaml");
	free(p);
	setenv("MLMAT_SYSTEM_CONFIG", "/tmp/sys.yaml", 1);
	p = config_system_path();
	assert_string_equal(p, "/tmp/sys.yaml");
	free(p);
	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	p = config_user_path();
	assert_string_equal(p, "/x/cfg/mlmat/config.yaml");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);       /* not absolute: ignored */
	setenv("HOME", "/home/dana", 1);
	p = config_user_path();
	assert_string_equal(p, "/home/dana/.config/mlmat/config.yaml");
	free(p);
	if (old_sys)
		setenv("MLMAT_SYSTEM_CONFIG", old_sys, 1);
	else
		unsetenv("MLMAT_SYSTEM_CONFIG");
	free(old_sys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_empty_and_unset),
		cmocka_unit_test(test_strict),
		cmocka_unit_test(test_later_file_wins_key_by_key),
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
