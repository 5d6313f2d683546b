# Engram: the two commands of the README, and a few more.
#
#   make run     install what is missing (Debian/Ubuntu), build, start Engram
#   make check   install what is missing, build, run every test suite, then
#                again in the sanitizer build (make check-asan), then each
#                fuzzer for 30 s (make check-fuzz); ends with one
#                "N passed, N failed" line over the three
#   make check-asan   the test suites in _build-asan: clang with AddressSanitizer,
#                UndefinedBehaviorSanitizer and LeakSanitizer
#   make bench   benchmarks (figures, not pass/fail)
#   make screenshots   the metainfo's screenshots, from the app under Xvfb
#   make fuzz FUZZ_SECONDS=N   build the libFuzzer targets with clang in
#                _build-fuzz and run each for N seconds (default 30)
#   make check-fuzz    the same, 30 s each (for `make check`)

BUILDDIR ?= _build
ASAN_BUILDDIR ?= _build-asan
FUZZ_BUILDDIR ?= _build-fuzz
FUZZ_SECONDS ?= 30
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian 12 package names (Ubuntu 23.04 and later have the same).
DEBIAN_PACKAGES = \
	gcc clang libclang-rt-14-dev valgrind pkg-config meson ninja-build python3 gettext \
	libglib2.0-dev libgtk-4-dev libadwaita-1-dev libwebkitgtk-6.0-dev libgtksourceview-5-dev \
	libsqlite3-dev libmd4c-dev libjson-glib-dev \
	desktop-file-utils appstream \
	adwaita-icon-theme librsvg2-common fonts-cantarell fonts-noto-color-emoji \
	tzdata xvfb xauth xdotool

.PHONY: all deps build build-asan run check check-asan test-asan bench screenshots clean fuzz check-fuzz

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing:" $$missing; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

# warnings are errors, here and in the sanitizer build (clang)
$(BUILDDIR)/build.ninja:
	meson setup -Dwerror=true $(BUILDDIR)

$(ASAN_BUILDDIR)/build.ninja:
	CC=clang meson setup -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
	  $(ASAN_BUILDDIR)

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

run: build
	meson devenv -C $(BUILDDIR) engram

build-asan: deps $(ASAN_BUILDDIR)/build.ninja
	meson compile -C $(ASAN_BUILDDIR)

# the sanitizer build's tests, without the summary line (the sanitizer
# options come from meson's default test setup there, tests/meson.build)
test-asan: build-asan
	meson test -C $(ASAN_BUILDDIR) --print-errorlogs

check-asan:
	@status=0; \
	rm -f $(ASAN_BUILDDIR)/meson-logs/testlog.json; \
	$(MAKE) --no-print-directory test-asan || status=$$?; \
	python3 tests/summarize.py $(ASAN_BUILDDIR)/meson-logs/testlog.json || status=1; \
	exit $$status

check: build
	@status=0; \
	rm -f $(ASAN_BUILDDIR)/meson-logs/testlog.json $(FUZZ_BUILDDIR)/meson-logs/testlog.json; \
	meson test -C $(BUILDDIR) --print-errorlogs || status=$$?; \
	$(MAKE) --no-print-directory test-asan || status=$$?; \
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=30 || status=$$?; \
	python3 tests/summarize.py $(BUILDDIR)/meson-logs/testlog.json \
	  $(ASAN_BUILDDIR)/meson-logs/testlog.json $(FUZZ_BUILDDIR)/meson-logs/testlog.json || status=1; \
	exit $$status

bench: build
	meson test -C $(BUILDDIR) --benchmark --verbose

screenshots: build
	data/screenshots/take-screenshots.sh $(BUILDDIR)

# Fuzzing (tests/fuzz, README.md "Fuzzing"): a clang build of the core with
# libFuzzer, ASan and UBSan; each target runs for FUZZ_SECONDS on a copy of
# its corpus and fails on any crash.
$(FUZZ_BUILDDIR)/build.ninja:
	CC=clang meson setup -Dwerror=true -Dfuzzing=true -Dgui=false $(FUZZ_BUILDDIR)

fuzz: deps $(FUZZ_BUILDDIR)/build.ninja
	meson compile -C $(FUZZ_BUILDDIR)
	FUZZ_SECONDS=$(FUZZ_SECONDS) meson test -C $(FUZZ_BUILDDIR) --suite fuzz --print-errorlogs

check-fuzz:
	$(MAKE) fuzz FUZZ_SECONDS=30

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR) $(FUZZ_BUILDDIR)
