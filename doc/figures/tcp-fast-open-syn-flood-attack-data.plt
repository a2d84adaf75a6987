# Attacker connections whose data reached the application
# Written by the tcp-fast-open module: `gnuplot doc/figures/tcp-fast-open-syn-flood-attack-data.plt` renders the PNG and the PDF.
# Every data block names the CSV rows and columns it holds.

# csv: tcp-fast-open-syn-flood.csv
# where: scenario=tfo-off-cookies
# columns: rate success_rate attack_connections_with_data max_children
$d0 << EOD
0 1 0 1
100 1 0 66
300 1 0 66
1000 1 0 66
EOD

# csv: tcp-fast-open-syn-flood.csv
# where: scenario=tfo-qlen4-cookies
# columns: rate success_rate attack_connections_with_data max_children
$d1 << EOD
0 1 0 1
100 1 0 66
300 1 0 66
1000 1 0 66
EOD

# csv: tcp-fast-open-syn-flood.csv
# where: scenario=tfo-qlen64-cookies
# columns: rate success_rate attack_connections_with_data max_children
$d2 << EOD
0 1 0 1
100 1 0 66
300 1 0 66
1000 1 0 66
EOD

# csv: tcp-fast-open-syn-flood.csv
# where: scenario=tfo-qlen16-nocookies
# columns: rate success_rate attack_connections_with_data max_children
$d3 << EOD
0 1 0 1
100 0 0 65
300 0 0 65
1000 0 0 65
EOD

# csv: tcp-fast-open-syn-flood.csv
# where: scenario=tfo-0x200-data-flood
# columns: rate success_rate attack_connections_with_data max_children
$d4 << EOD
0 1 0 1
100 1 16 82
300 1 16 82
1000 1 16 82
EOD

# csv: tcp-fast-open-syn-flood.csv
# where: scenario=owner-replay
# columns: rate success_rate attack_connections_with_data max_children
$d5 << EOD
0 1 0 1
100 1 16 9
300 1 16 18
1000 1 16 39
EOD

# csv: tcp-fast-open-syn-flood.csv
# where: scenario=botnet-own-cookies
# columns: rate success_rate attack_connections_with_data max_children
$d6 << EOD
0 1 0 1
100 1 16 9
300 1 16 17
1000 1 16 39
EOD

do for [fmt in "png pdf"] {
  if (fmt eq "png") {
    set terminal pngcairo size 1000,700 noenhanced font ",10"
  } else {
    set terminal pdfcairo size 10in,7in noenhanced font ",7"
  }
  set output 'doc/figures/tcp-fast-open-syn-flood-attack-data'.".".fmt
  reset
  set grid
  set title 'Attacker connections whose data reached the application'
  set xlabel 'attack rate (SYN/s, log scale; 0 = no attack)'
  set ylabel 'connections'
  set logscale x
  set xtics ('0' 33.3333, '100' 100, '300' 300, '1000' 1000)
  set autoscale xfix
  set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
  set key below
  plot $d0 using ($1 > 0 ? $1 : 33.3333):3 with linespoints lc 1 pt 1 dt 1 title 'tfo-off-cookies', \
       $d1 using ($1 > 0 ? $1 : 33.3333):3 with linespoints lc 2 pt 2 dt 3 title 'tfo-qlen4-cookies (coincides with tfo-off-cookies)', \
       $d2 using ($1 > 0 ? $1 : 33.3333):3 with linespoints lc 3 pt 3 dt 1 title 'tfo-qlen64-cookies (coincides with tfo-off-cookies)', \
       $d3 using ($1 > 0 ? $1 : 33.3333):3 with linespoints lc 4 pt 4 dt 5 title 'tfo-qlen16-nocookies (coincides with tfo-off-cookies)', \
       $d4 using ($1 > 0 ? $1 : 33.3333):3 with linespoints lc 5 pt 5 dt 1 title 'tfo-0x200-data-flood', \
       $d5 using ($1 > 0 ? $1 : 33.3333):3 with linespoints lc 6 pt 6 dt 3 title 'owner-replay (coincides with tfo-0x200-data-flood)', \
       $d6 using ($1 > 0 ? $1 : 33.3333):3 with linespoints lc 7 pt 7 dt 1 title 'botnet-own-cookies (coincides with tfo-0x200-data-flood)'
  set output
}
