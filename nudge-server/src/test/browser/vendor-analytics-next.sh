#!/usr/bin/env bash
# Copies analytics.js (the @segment/analytics-next standalone bundle and its lazy chunks) from this
# fixture's node_modules into the server's resources, where `nudge serve` serves it as the snippet's
# CDN (docs/tracking.md). To move to a new version: change the version in package.json, then
#   npm install --ignore-scripts && ./vendor-analytics-next.sh
# and run the browser tests; AnalyticsJsBundleTest fails while the two copies differ.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/node_modules/@segment/analytics-next"
dest="$here/../../main/resources/dev/nudge/server/sdk/analytics-next"
[ -f "$src/dist/umd/standalone.js" ] || { echo "no $src/dist/umd/standalone.js: run npm ci in $here first" >&2; exit 1; }
rm -rf "$dest" && mkdir -p "$dest"
version=$(node -p "require('$src/package.json').version")
cp "$src/LICENSE.MD" "$dest/LICENSE.MD"
cp "$src/dist/umd/standalone.js" "$dest/"
( cd "$src/dist/umd" && ls ./*.bundle.*.js | grep -v '\.map$' | sed 's|^\./||' ) > /tmp/nudge-ajs-chunks.$$
while read -r f; do cp "$src/dist/umd/$f" "$dest/$f"; done < /tmp/nudge-ajs-chunks.$$
{ echo "version $version"; echo "standalone.js"; cat /tmp/nudge-ajs-chunks.$$; } > "$dest/MANIFEST"
rm -f /tmp/nudge-ajs-chunks.$$
echo "vendored @segment/analytics-next $version into $dest"
