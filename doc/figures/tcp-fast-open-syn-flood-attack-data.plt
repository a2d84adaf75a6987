set terminal png size 900,560
set output "doc/figures/tcp-fast-open-syn-flood-attack-data.png"
set title "Attacker connections whose data reached the application"
set xlabel "attack rate (SYN/s)"
set ylabel "connections"
plot "-"  title "tfo-off-cookies" with linespoints, "-"  title "tfo-qlen4-cookies" with linespoints, "-"  title "tfo-qlen64-cookies" with linespoints, "-"  title "tfo-qlen16-nocookies" with linespoints, "-"  title "tfo-0x200-data-flood" with linespoints, "-"  title "owner-replay" with linespoints, "-"  title "botnet-own-cookies" with linespoints
0 0
100 0
300 0
1000 0
e
0 0
100 0
300 0
1000 0
e
0 0
100 0
300 0
1000 0
e
0 0
100 0
300 0
1000 0
e
0 0
100 16
300 16
1000 16
e
0 0
100 16
300 16
1000 16
e
0 0
100 16
300 16
1000 16
e
