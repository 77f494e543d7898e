#!/usr/bin/env bash
# Prints a Markdown description of this machine for docs/performance.md:
#   machine.sh <command> <load average before> <load average after>
set -euo pipefail

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
# A 1-minute load average above the CPU count means other work competed
# for the CPUs during the run.
busy=$(awk -v l="${2%% *}" -v n="$(nproc)" 'BEGIN { print (l > n) ? 1 : 0 }')
cat <<MD
Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`$1\` on $cpu,
$(nproc) logical CPUs, $mem RAM, $(uname -sr), $(go version | cut -d' ' -f3-).
Load average (1, 5, 15 min) $2 before the run and $3 after.
MD
if [ "$busy" = 1 ]; then
	cat <<MD
Other work shared the machine, so absolute times are inflated and noisy;
the ratios measured within one run are the figures to rely on.
MD
else
	echo "Ratios measured within one run carry over to other machines better than times."
fi
