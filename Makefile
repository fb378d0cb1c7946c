# mlmat - MLOps maturity assessments in the terminal.
# Plain make; libraries through pkg-config. `make WERROR=1` turns warnings
# into errors (CI sets it).

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/mlmat
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
DESTDIR ?=
PKG_CONFIG ?= pkg-config
CC ?= cc
CFLAGS ?= -O2 -g
BUILD ?= build

WARN = -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
       -Wpointer-arith -Wcast-qual -Wvla -Wundef -Wno-format-nonliteral
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifeq ($(FUZZ),1)
CC = clang
CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
endif
ifeq ($(SAN),1)
CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

CORE_LIBS = sqlite3 yaml-0.1
TUI_LIBS = ncursesw
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CORE_LIBS) $(TUI_LIBS) 2>/dev/null)
CORE_LDLIBS := $(shell $(PKG_CONFIG) --libs $(CORE_LIBS) 2>/dev/null) -lm -pthread
TUI_LDLIBS := $(shell $(PKG_CONFIG) --libs $(TUI_LIBS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

# MLMAT_SRCDIR (unset by default): a source tree whose themes/ the binary
# also searches, for development (`make MLMAT_SRCDIR=$PWD`); the test targets
# set it to this tree. A plain build, and so `make install`, embeds no path of
# the build: -ffile-prefix-map keeps it out of the debug information too.
CODE_CFLAGS = -ffile-prefix-map=$(CURDIR)=. -ffile-prefix-map=$(abspath $(BUILD))=build $(PKG_CFLAGS) $(CFLAGS)
ALL_CFLAGS = -std=c11 -pthread -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 \
	     -DMLMAT_SHAREDIR='"$(SHAREDIR)"' $(if $(MLMAT_SRCDIR),-DMLMAT_SRCDIR='"$(MLMAT_SRCDIR)"') \
	     $(WARN) $(CODE_CFLAGS)

# The core: no curses. Unit tests link against it alone.
CORE_SRC = xalloc strbuf period text label osutil find names ytree config model model_yaml model_links model_print model_find model_copy model_builtin arena score sha256 audit_chain roadmap refs store store_sql store_audit store_model store_upgrade store_assess store_create store_edit store_crit store_team store_query store_org store_presence store_vote store_export store_bulk store_value store_watch store_notify store_backup store_import csv csvread backup import export bgjob report report_votes report_data report_text report_md report_json report_svg report_html demo lineedit layout progress org theme theme_dirs undo mouse team_list store_org_dim org_dim
CORE_OBJ = $(CORE_SRC:%=$(BUILD)/%.o) $(BUILD)/builtin_model.o $(BUILD)/builtin_theme.o \
	   $(BUILD)/builtin_compiled.o
TUI_SRC = ui scroll app app_term dialog findbar form tui_export pane_progress pane_heatmap pane_roadmap pane_change panes home_teams home_list screen_home screen_assess assess_nav assess_find assess_draw assess_info assess_edit assess_meet assess_vote presence_view screen_review review_table screen_org org_draw screen_refs
APP_SRC = main usage cli cmd_model cmd_export cmd_report cmd_demo cmd_dashboard cmd_theme cmd_audit cmd_init cmd_team cmd_backup cmd_import $(TUI_SRC)
APP_OBJ = $(APP_SRC:%=$(BUILD)/%.o)
TUI_OBJ = $(TUI_SRC:%=$(BUILD)/%.o)

UNIT_TESTS = test_period test_find test_team_list test_audit test_text test_label test_strbuf test_osutil test_model test_score test_store test_store_errors test_store_values test_progress test_layout test_lineedit test_screens test_theme test_review_org test_org test_sha256 test_csv test_roadmap test_export test_report test_report_links test_report_data test_store_open test_store_crit test_config test_names test_links test_refs test_undo test_csvread test_import test_backup test_screens17 test_contrast test_mouse test_screens_scroll test_store_vote test_screens19 test_query_plans test_bgjob test_org_store test_model_builtin test_arena test_export_join test_org_live
UNIT_BINS = $(UNIT_TESTS:%=$(BUILD)/tests/%)
FUZZ_TARGETS = fuzz_model fuzz_theme fuzz_csv fuzz_parsers fuzz_lineedit fuzz_csvread
REPLAY_BINS = $(FUZZ_TARGETS:fuzz_%=$(BUILD)/tests/replay_%)

# Debian packages: to build, and in addition to test. Not openssh-server:
# on a machine with systemd installing it starts an sshd for good, so CI
# (.ci/run) installs it, and tests/e2e/test_ssh.sh skips where it is missing.
BUILD_DEPS = gcc make pkg-config libncurses-dev libsqlite3-dev libyaml-dev
TEST_DEPS = $(BUILD_DEPS) libcmocka-dev tmux sqlite3 python3 valgrind groff-base ncurses-base zsh \
	    chromium python3-markdown python3-jsonschema

DEMO_DB ?= mlmat-demo.db

.PHONY: all deps test-deps demo test check unit e2e sanitize valgrind clean install uninstall fuzz fuzz-build bench loadtest screenshots
all: mlmat

mlmat: $(BUILD)/mlmat
	rm -f $@ && cp $< $@

$(BUILD)/mlmat: $(APP_OBJ) $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(CORE_LDLIBS) $(TUI_LDLIBS)

$(BUILD)/%.o: src/%.c $(BUILD)/cflags | $(BUILD)/
	$(CC) $(ALL_CFLAGS) -MMD -MP -Isrc -c -o $@ $<

$(BUILD)/builtin_model.c: data/mlops-maturity.yaml src/embed.sh | $(BUILD)/
	sh src/embed.sh builtin_model_yaml $< > $@.tmp && mv $@.tmp $@

$(BUILD)/builtin_theme.c: themes/default.yaml src/embed.sh | $(BUILD)/
	sh src/embed.sh builtin_theme_yaml $< > $@.tmp && mv $@.tmp $@

$(BUILD)/builtin_%.o: $(BUILD)/builtin_%.c $(BUILD)/cflags
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

# The built-in model as C data (src/model_compile.c): checked at build time,
# so a start parses no YAML for it. The tool links what loading a model
# needs, from the core without the built-in model itself.
MODELC_OBJ = $(filter-out $(BUILD)/model_builtin.o $(BUILD)/builtin_%.o,$(CORE_OBJ))
$(BUILD)/libmodelc.a: $(MODELC_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/mlmat-modelc: $(BUILD)/model_compile.o $(BUILD)/libmodelc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CORE_LDLIBS)

$(BUILD)/builtin_compiled.c: data/mlops-maturity.yaml $(BUILD)/mlmat-modelc
	$(BUILD)/mlmat-modelc $< > $@.tmp && mv $@.tmp $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(CORE_OBJ) | $(BUILD)/tests/
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Isrc -Itests/unit -o $@ $< $(CORE_OBJ) \
		$(LDFLAGS) $(CMOCKA_LIBS) $(CORE_LDLIBS)

# Screen tests: the TUI objects drawing into curses without a terminal.
SCREEN_TESTS = test_screens test_screens17 test_screens19 test_screens_scroll test_review_org test_org_live
$(SCREEN_TESTS:%=$(BUILD)/tests/%): $(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h tests/unit/screentest.h $(TUI_OBJ) $(CORE_OBJ) | $(BUILD)/tests/
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Isrc -Itests/unit -o $@ $< $(TUI_OBJ) $(CORE_OBJ) \
		$(LDFLAGS) $(CMOCKA_LIBS) $(CORE_LDLIBS) $(TUI_LDLIBS)

# Rebuild what knows the theme folders when PREFIX, SHAREDIR or MLMAT_SRCDIR
# change (a test run sets MLMAT_SRCDIR, an install does not).
$(BUILD)/themedirs: FORCE | $(BUILD)/
	@echo '$(SHAREDIR) $(MLMAT_SRCDIR)' | cmp -s - $@ || echo '$(SHAREDIR) $(MLMAT_SRCDIR)' > $@
$(BUILD)/theme_dirs.o: $(BUILD)/themedirs
# and every object when the flags that shape the code change (CFLAGS, the
# prefix map): objects of an older build would keep its folder.
$(BUILD)/cflags: FORCE | $(BUILD)/
	@echo '$(subst ','\'',$(CODE_CFLAGS))' | cmp -s - $@ || echo '$(subst ','\'',$(CODE_CFLAGS))' > $@
FORCE:

# The tests find the shipped themes by name in this source tree.
unit e2e screenshots: MLMAT_SRCDIR = $(CURDIR)

%/:
	mkdir -p $@
.PRECIOUS: %/

# Installs missing Debian packages as root; otherwise says what to run.
deps:
	@sh tests/deps.sh $(BUILD_DEPS)
test-deps:
	@sh tests/deps.sh $(TEST_DEPS)

demo: deps
	$(MAKE) mlmat
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./mlmat demo --db $(DEMO_DB)
	./mlmat --db $(DEMO_DB)

# Every test, then the same tests built with AddressSanitizer and UBSan.
test: test-deps
	$(MAKE) unit e2e
	$(MAKE) BUILD=build/san SAN=1 unit e2e

check: test

unit: $(BUILD)/mlmat $(UNIT_BINS) $(REPLAY_BINS)
	@sh tests/run-unit.sh $(BUILD) $(UNIT_TESTS)
	@sh tests/fuzz/replay.sh $(BUILD) $(FUZZ_TARGETS)

e2e: $(BUILD)/mlmat
	@MLMAT=$(CURDIR)/$(BUILD)/mlmat sh tests/run-e2e.sh

sanitize: test-deps
	$(MAKE) BUILD=build/san SAN=1 unit e2e

valgrind: test-deps
	$(MAKE) BUILD=build/vg unit
	@for t in $(UNIT_TESTS); do \
		echo "valgrind $$t"; \
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
			build/vg/tests/$$t > build/vg/$$t.log 2>&1 || { cat build/vg/$$t.log; exit 1; }; \
	done; echo "valgrind: clean"

# What install puts where; uninstall removes exactly these files, by name
# (never a theme an admin added to the share folder), and then only the two
# folders of mlmat's own, when they are empty.
THEMES = $(notdir $(wildcard themes/*.yaml))
INSTALLED = $(BINDIR)/mlmat $(MANDIR)/man1/mlmat.1 $(SHAREDIR)/mlops-maturity.yaml \
	    $(SHAREDIR)/report.schema.json \
	    $(THEMES:%=$(SHAREDIR)/themes/%) $(BASHCOMPDIR)/mlmat $(ZSHCOMPDIR)/_mlmat

install: $(BUILD)/mlmat
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SHAREDIR)/themes \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BUILD)/mlmat $(DESTDIR)$(BINDIR)/mlmat
	install -m 644 mlmat.1 $(DESTDIR)$(MANDIR)/man1/mlmat.1
	install -m 644 data/mlops-maturity.yaml $(DESTDIR)$(SHAREDIR)/mlops-maturity.yaml
	install -m 644 data/report.schema.json $(DESTDIR)$(SHAREDIR)/report.schema.json
	install -m 644 $(THEMES:%=themes/%) $(DESTDIR)$(SHAREDIR)/themes/
	install -m 644 data/completion/mlmat.bash $(DESTDIR)$(BASHCOMPDIR)/mlmat
	install -m 644 data/completion/_mlmat $(DESTDIR)$(ZSHCOMPDIR)/_mlmat

uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)
	-rmdir $(DESTDIR)$(SHAREDIR)/themes 2>/dev/null
	-rmdir $(DESTDIR)$(SHAREDIR) 2>/dev/null

# The performance benchmark (tests/bench/bench.py) and its anchors, a bare
# ncurses program and a floor program running the dashboard's first-frame
# queries (statements caught by the sqltrace.so shim): databases and tools in
# $(BUILD)/bench, the table on stdout and in tests/bench/results.txt.
# BENCH_HUGE=1 adds a 10,000-team database (BENCH_TEAMS=N another size).
# The load test (tests/bench/loadtest.py): LOADTEST_N dashboards on one
# database of LOADTEST_TEAMS teams. BENCH_ARGS and LOADTEST_ARGS pass more
# options (--help lists them). Neither is part of `make test`.
BENCH_TOOLS = $(BUILD)/bench/bare $(BUILD)/bench/floor $(BUILD)/bench/sqltrace.so
BENCH_HUGE ?=
BENCH_TEAMS ?= $(if $(filter 1,$(BENCH_HUGE)),10000)
LOADTEST_N ?= 50
LOADTEST_TEAMS ?= 10000
LOADTEST_SECONDS ?= 30
BENCH_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 $(WARN) $(PKG_CFLAGS) $(CFLAGS)

bench: $(BUILD)/mlmat $(BENCH_TOOLS)
	python3 tests/bench/bench.py --mlmat $(BUILD)/mlmat --tools $(BUILD)/bench \
		$(if $(BENCH_TEAMS),--xl-teams $(BENCH_TEAMS)) --out tests/bench/results.txt $(BENCH_ARGS)

loadtest: $(BUILD)/mlmat
	python3 tests/bench/loadtest.py --mlmat $(BUILD)/mlmat --dashboards $(LOADTEST_N) \
		--teams $(LOADTEST_TEAMS) --seconds $(LOADTEST_SECONDS) $(LOADTEST_ARGS)

$(BUILD)/bench/bare: tests/bench/bare.c | $(BUILD)/bench/
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(LDFLAGS) $(TUI_LDLIBS)

$(BUILD)/bench/floor: tests/bench/floor.c | $(BUILD)/bench/
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(LDFLAGS) $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null)

$(BUILD)/bench/sqltrace.so: tests/bench/sqltrace.c | $(BUILD)/bench/
	$(CC) $(filter-out -std=c11,$(BENCH_CFLAGS)) -shared -fPIC -o $@ $< -ldl

# libFuzzer targets (clang), each run FUZZ_SECONDS from a seeded corpus.
FUZZ_SECONDS ?= 60
fuzz:
	@sh tests/deps.sh clang libclang-rt-14-dev $(BUILD_DEPS)
	$(MAKE) BUILD=build/fuzz FUZZ=1 fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_TARGETS:%=$(BUILD)/%)

# The same targets without libFuzzer, replaying seed inputs (make unit).
$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(CORE_OBJ) | $(BUILD)/tests/
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< tests/fuzz/replay.c $(CORE_OBJ) $(LDFLAGS) $(CORE_LDLIBS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(CORE_OBJ)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -Isrc -o $@ $< $(CORE_OBJ) $(CORE_LDLIBS)

# The README's pictures (tests/screenshots.sh): PNGs in screenshots/ of the
# dashboard on demo data (seed 42, a fixed clock), rendered with pyte and Pillow.
screenshots: $(BUILD)/mlmat
	@sh tests/deps.sh tmux python3-pyte python3-pil fonts-dejavu-core faketime
	MLMAT=$(CURDIR)/$(BUILD)/mlmat sh tests/screenshots.sh

clean:
	rm -rf build mlmat

-include $(wildcard $(BUILD)/*.d)
