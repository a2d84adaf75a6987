set terminal png size 900,560
set output "doc/figures/tcp-fast-open-syn-flood-children.png"
set title "Most child sockets alive at once"
set xlabel "attack rate (SYN/s)"
set ylabel "child sockets"
plot "-"  title "tfo-off-cookies" with linespoints, "-"  title "tfo-qlen4-cookies" with linespoints, "-"  title "tfo-qlen64-cookies" with linespoints, "-"  title "tfo-qlen16-nocookies" with linespoints, "-"  title "tfo-0x200-data-flood" with linespoints, "-"  title "owner-replay" with linespoints, "-"  title "botnet-own-cookies" with linespoints
0 1
100 65
300 65
1000 65
e
0 1
100 65
300 65
1000 65
e
0 1
100 65
300 65
1000 65
e
0 1
100 64
300 64
1000 64
e
0 1
100 81
300 81
1000 81
e
0 1
100 9
300 18
1000 39
e
0 1
100 9
300 17
1000 39
e
