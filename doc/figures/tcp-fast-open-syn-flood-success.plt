set terminal png size 900,560
set output "doc/figures/tcp-fast-open-syn-flood-success.png"
set title "Legitimate connections completed within 3 s"
set xlabel "attack rate (SYN/s)"
set ylabel "success rate"

set key bottom left
set yrange [0:1.05]
plot "-"  title "tfo-off-cookies" with linespoints, "-"  title "tfo-qlen4-cookies" with linespoints, "-"  title "tfo-qlen64-cookies" with linespoints, "-"  title "tfo-qlen16-nocookies" with linespoints, "-"  title "tfo-0x200-data-flood" with linespoints, "-"  title "owner-replay" with linespoints, "-"  title "botnet-own-cookies" with linespoints
0 1
100 1
300 1
1000 1
e
0 1
100 1
300 1
1000 1
e
0 1
100 1
300 1
1000 1
e
0 1
100 0
300 0
1000 0
e
0 1
100 1
300 1
1000 1
e
0 1
100 1
300 1
1000 1
e
0 1
100 1
300 1
1000 1
e
