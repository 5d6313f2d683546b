# Engram: the two commands of the README, and a few more.
#
#   make run     install what is missing (Debian/Ubuntu), build, start Engram
#   make check   install what is missing, build, run every test suite;
#                ends with "N passed, N failed"
#   make bench   benchmarks (figures, not pass/fail)
#   make screenshots   the metainfo's screenshots, from the app under Xvfb

BUILDDIR ?= _build
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian 12 package names (Ubuntu 23.04 and later have the same).
DEBIAN_PACKAGES = \
	gcc pkg-config meson ninja-build python3 gettext \
	libglib2.0-dev libgtk-4-dev libadwaita-1-dev libwebkitgtk-6.0-dev libgtksourceview-5-dev \
	libsqlite3-dev libmd4c-dev libjson-glib-dev \
	desktop-file-utils appstream \
	adwaita-icon-theme librsvg2-common fonts-cantarell fonts-noto-color-emoji \
	tzdata xvfb xauth xdotool

.PHONY: all deps build run check bench screenshots clean

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

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR)

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

run: build
	meson devenv -C $(BUILDDIR) engram

check: build
	@status=0; \
	meson test -C $(BUILDDIR) --print-errorlogs || status=$$?; \
	python3 tests/summarize.py $(BUILDDIR)/meson-logs/testlog.json || status=1; \
	exit $$status

bench: build
	meson test -C $(BUILDDIR) --benchmark --verbose

screenshots: build
	data/screenshots/take-screenshots.sh $(BUILDDIR)

clean:
	rm -rf $(BUILDDIR)
