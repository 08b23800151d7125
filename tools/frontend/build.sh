#!/usr/bin/env bash
# Rebuilds Ariadne's compiled front-end assets from the pinned packages (package-lock.json carries
# each package's integrity hash; npm ci verifies it). The output is committed, so that neither the
# tests nor the running product need the network; Ariadne.Tests' FrontendAssetsTests checks that the
# committed files are exactly the ones the manifest names, built from the version the lock pins.
set -euo pipefail
cd "$(dirname "$0")"
out=../../src/Ariadne.Web/wwwroot/lib
npm ci --ignore-scripts --no-audit --no-fund >/dev/null
mkdir -p "$out"
npx sass --no-source-map --style=compressed --pkg-importer=node ariadne.scss "$out/ariadne.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/govuk-frontend.min.js"
cp node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js "$out/accessible-autocomplete.min.js"
node countries.js ../../src/Ariadne.Web/Platform/Ui/countries.json
version=$(node -p "require('./package-lock.json').packages['node_modules/govuk-frontend'].version")
integrity=$(node -p "require('./package-lock.json').packages['node_modules/govuk-frontend'].integrity")
{
  echo "govuk-frontend $version $integrity"
  (cd "$out" && sha256sum ariadne.css govuk-frontend.min.js accessible-autocomplete.min.js ../../Platform/Ui/countries.json)
} > "$out/MANIFEST"
echo "built $(wc -c < "$out/ariadne.css") bytes of CSS from govuk-frontend $version"
