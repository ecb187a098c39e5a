#!/usr/bin/env bash
# `npm run bench:peers`: installs the look-through benchmark's reference peers (SciPy sparse LU and
# NetworkX, run with Debian's /usr/bin/python3) from Debian's packages. Needs root (or sudo).
set -euo pipefail
if /usr/bin/python3 -c "import scipy, pandas, networkx" 2>/dev/null; then
  echo "The peers are installed (SciPy, pandas and NetworkX for /usr/bin/python3)."
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
unavailable() {
  echo "The peers could not be installed: $1." >&2
  echo "The benchmarks then run Orebook alone and report each peer as 'peer unavailable'." >&2
  exit 1
}
$SUDO apt-get update -qq || unavailable "apt-get update failed (no package mirror reachable?)"
$SUDO apt-get install -y -qq python3-scipy python3-pandas python3-networkx >/dev/null ||
  unavailable "apt-get install python3-scipy python3-pandas python3-networkx failed"
/usr/bin/python3 -c "import scipy, pandas, networkx; print('Installed: SciPy', scipy.__version__, '· pandas', pandas.__version__, '· NetworkX', networkx.__version__)"
