# Sourced by the bench scripts: the lines that say what a run ran on.
#
#   print_machine WORK_DIR [pg]   cores, memory, OS (and PostgreSQL with pg),
#                                 the disk under WORK_DIR, the load average

print_machine() {
  local work_dir="$1" pg=""
  if [ "${2:-}" = pg ]; then
    pg=", PostgreSQL $(pg_config --version 2>/dev/null | cut -d' ' -f2 || echo '?')"
  fi
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB," \
       "$(. /etc/os-release && echo "$PRETTY_NAME")$pg," \
       "disk of $work_dir: $(df --output=source "$work_dir" | tail -1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
