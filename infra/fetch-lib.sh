# Shared by infra/stack.sh and infra/peer.sh (sourced, not run): fetching from Maven Central into
# the ignored .local-stack cache, each step skipped once its marker file exists.
# Needs a `log` function in the sourcing script.

# Copy a POM's dependencies (jars) into a folder: fetch_maven_deps <pom dir> <out dir> <what>
fetch_maven_deps() {
  local pom_dir="$1" out="$2" what="$3"
  [ -f "$out/.complete" ] && return 0
  log "fetching $what from Maven Central"
  (cd "$pom_dir" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$out")
  touch "$out/.complete"
}

# Download a published archive, check it against Central's own SHA-1 and unpack it:
# fetch_checked_archive <url> <dir> <marker file> <what>. The folder is emptied first.
fetch_checked_archive() {
  local url="$1" dir="$2" marker="$3" what="$4"
  [ -f "$marker" ] && return 0
  log "fetching $what from Maven Central"
  rm -rf "$dir" && mkdir -p "$dir"
  curl -fsSL --retry 3 -o "$dir/archive.tar.gz" "$url"
  local expected actual
  expected="$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40)"
  actual="$(sha1sum "$dir/archive.tar.gz" | cut -c1-40)"
  [ "$expected" = "$actual" ] || { log "checksum mismatch for $what"; return 1; }
  tar xzf "$dir/archive.tar.gz" -C "$dir" && rm "$dir/archive.tar.gz"
  touch "$marker"
}
