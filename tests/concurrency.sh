#!/usr/bin/env bash
# Sixty panier processes at once on one database (allocate, deliver and report on several weeks,
# in whatever order the system runs them): each ends 0 or 75 (busy, try again); the commands that
# ended 75 are run again, as cron would; the final figures (funding per week and funder, every
# allocation row) then equal those of a serial run in week order, and every allocate rerun is up
# to date. Usage: tests/concurrency.sh PANIER
set -u
panier=$1
work=$(mktemp -d -t panier-concurrency-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
export PANIER_CONFIG=$work/panier.toml PANIER_TODAY=2026-11-29 LC_ALL=C.UTF-8 LANGUAGE=en TZ=Europe/Paris
cat > panier.toml <<'EOF'
[organisation]
name = "Jardin concurrent"
busy_timeout_s = 20

[sizes.S]
value = 10.00
target_kg = 2.5
min_items = 3
max_items = 5

[sizes.L]
value = 19.00
target_kg = 5
min_items = 4
max_items = 6

[funders.etat]
name = "État"

[funders.dep]
name = "Département"

[schemes.solidaire]
share_cap = "1/3"
tiers = [{ name = "T1", qf_max = 500, share = 0.20 }, { name = "T2", qf_max = 1200, share = 0.35 }]
funders = [{ id = "etat", share = 0.5, budget = 60.00 }, { id = "dep", share = 0.5, budget = 90.00 }]

[points.centre]
name = "Centre social"
lat = 50.43
lon = 2.83

[points.ccas]
name = "CCAS"
lat = 50.42
lon = 2.80
EOF
{
  echo "code,last_name,first_name,adults,children,commune,qf,referrer,scheme,size,point,start_week"
  for i in $(seq 1 12); do
    size=S; [ $((i % 3)) -eq 0 ] && size=L
    point=centre; [ $((i % 2)) -eq 0 ] && point=ccas
    printf 'H-%03d,Nom%d,Prenom%d,1,%d,Lens,%d,ccas,solidaire,%s,%s,2026-W48\n' "$i" "$i" "$i" $((i % 3)) $((250 + 70 * i)) "$size" "$point"
  done
} > households.csv
{
  echo "week,vegetable,quantity,grade"
  for w in 49 50 51; do
    for v in carotte:9 poireau:7 pomme-de-terre:12 panais:3 chou-fleur:6 chou-blanc:5; do
      echo "2026-W$w,${v%%:*},${v##*:},"
    done
  done
} > harvest.csv
"$panier" -q init && "$panier" -q household import households.csv && "$panier" -q harvest import harvest.csv || exit 1
for w in 49 50 51; do "$panier" -q plan --week 2026-W$w > /dev/null || exit 1; done
cp panier.db serial.db
for w in 49 50 51; do PANIER_DB=serial.db "$panier" -q allocate --week 2026-W$w > /dev/null 2>&1 || exit 1; done
# W51 is allocated first, so a deliver of it is always possible; the rest is run concurrently.
"$panier" -q allocate --week 2026-W51 > /dev/null 2>&1 || exit 1

commands=()
for i in $(seq 0 59); do
  week=2026-W$((49 + (i * 7) % 3))
  case $((i % 6)) in
    0 | 1 | 2) commands+=("allocate --week $week --format csv") ;;
    3) commands+=("deliver --week 2026-W51 --out out-$i --no-routes") ;;
    4) commands+=("report funding --by week") ;;
    5) commands+=("report baskets --format json") ;;
  esac
done
for i in "${!commands[@]}"; do
  # shellcheck disable=SC2086
  ( "$panier" -q ${commands[$i]} > "out.$i" 2> "err.$i"; echo $? > "rc.$i" ) &
done
wait

failures=0
busy=0
for i in "${!commands[@]}"; do
  rc=$(cat "rc.$i")
  case $rc in
    0) ;;
    75)
      busy=$((busy + 1))
      # shellcheck disable=SC2086
      "$panier" -q ${commands[$i]} > /dev/null 2>&1 || { echo "FAIL: rerun of '${commands[$i]}' failed"; failures=$((failures + 1)); } ;;
    *) echo "FAIL: '${commands[$i]}' ended $rc: $(head -c 300 "err.$i")"; failures=$((failures + 1)) ;;
  esac
done

"$panier" report funding --by week > final.csv
PANIER_DB=serial.db "$panier" report funding --by week > serial.csv
if ! cmp -s final.csv serial.csv; then
  echo "FAIL: funding differs from the serial run"; diff serial.csv final.csv; failures=$((failures + 1))
fi
dump() { sqlite3 "$1" "SELECT a.week, a.enrolment_id, a.status, a.value_cents, a.contribution_cents, f.funder, f.amount_cents FROM allocation a LEFT JOIN allocation_funding f USING (week, enrolment_id) ORDER BY 1, 2, 6"; }
if ! diff <(dump panier.db) <(dump serial.db) > /dev/null; then
  echo "FAIL: allocation rows differ from the serial run"; failures=$((failures + 1))
fi
for w in 49 50 51; do
  if ! "$panier" allocate --week 2026-W$w --format csv 2>&1 >/dev/null | grep -q "up to date"; then
    echo "FAIL: 2026-W$w is not up to date after the run"; failures=$((failures + 1))
  fi
done
cat serial.csv
echo "${#commands[@]} processes at once: $busy ended 75 (busy) and were run again; $(($(wc -l < final.csv) - 1)) funding rows equal to the serial run; $failures problems"
[ "$failures" -eq 0 ] || { cat final.csv; exit 1; }
