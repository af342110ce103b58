# Sourced by tools/test, tools/demo, tools/bench and .ci/run: installs what the
# project needs, only when it is missing, so that a second run is fast and
# works without network.

# The Debian packages the build, the tests and the tools need.
SENTRY_CPP_DEBIAN_PACKAGES=(
  cmake ninja-build g++ pkg-config curl ca-certificates
  libcurl4-openssl-dev zlib1g-dev nlohmann-json3-dev libdw-dev
  libspdlog-dev libboost-log-dev liblog4cplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
)

sentry_cpp_say() { printf '==> %s\n' "$*" >&2; }

# Installs the given Debian packages that dpkg does not report as installed.
sentry_cpp_apt_install() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo > /dev/null; then sudo=(sudo); else
      echo "missing Debian packages (install them as root): ${missing[*]}" >&2
      return 1
    fi
  fi
  sentry_cpp_say "apt-get install ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" < /dev/null
}

# Node.js and npm for the local receiver and the envelope checks (Debian's
# when the machine has none).
sentry_cpp_node() {
  if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
    sentry_cpp_apt_install nodejs npm
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -lt 20 ]; then
    sentry_cpp_say "warning: Node.js $(node --version 2>/dev/null) is older than 20, which Spotlight 4.11 requires"
  fi
}

# `npm ci` in a tools folder with a package-lock.json, unless node_modules
# already holds exactly that lock (a stamp written after a good install).
sentry_cpp_npm_ci() {
  local dir="$1" stamp="$1/node_modules/.sentry-cpp-installed-lock"
  [ -f "$dir/package-lock.json" ] || return 0
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    return 0
  fi
  sentry_cpp_node
  sentry_cpp_say "npm ci in ${dir#"$PWD"/}"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error < /dev/null)
  cp "$dir/package-lock.json" "$stamp"
}

# Everything: Debian packages, node, and every tools folder's npm packages.
sentry_cpp_install_all() {
  local repo="$1" lock
  sentry_cpp_apt_install "${SENTRY_CPP_DEBIAN_PACKAGES[@]}"
  sentry_cpp_node
  for lock in "$repo"/tools/*/package-lock.json; do
    [ -f "$lock" ] && sentry_cpp_npm_ci "$(dirname "$lock")"
  done
  return 0
}

# Configures a build folder (Ninja the first time) and builds it with -j2.
#   sentry_cpp_build <repo> <build dir> [cmake -D options...] [-- targets...]
sentry_cpp_build() {
  local repo="$1" build="$2"
  shift 2
  local options=() targets=() generator=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do options+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  while [ $# -gt 0 ]; do targets+=(--target "$1"); shift; done
  [ -f "$build/CMakeCache.txt" ] || generator=(-G Ninja)
  mkdir -p "$build"
  sentry_cpp_say "configure $build"
  if ! cmake -S "$repo" -B "$build" "${generator[@]}" "${options[@]}" > "$build/configure.log" 2>&1; then
    cat "$build/configure.log" >&2
    return 1
  fi
  grep -E '^-- sentry_cpp:' "$build/configure.log" >&2 || true
  sentry_cpp_say "build $build (-j2)"
  cmake --build "$build" -j2 "${targets[@]}"
}
