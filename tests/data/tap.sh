# tap.sh - sourced by the check-*.sh tests: a temporary folder $tmp (removed
# on exit) and check(), which prints one TAP line and numbers it in $n.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

check () {  # check DESCRIPTION COMMAND... ; passes when the command succeeds
  n=$((n + 1))
  desc=$1; shift
  if "$@" >"$tmp/out" 2>&1; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc"; sed 's/^/# /' "$tmp/out" | head -20
  fi
}
