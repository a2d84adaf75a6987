set terminal pngcairo size 1200,1240 font ',10' noenhanced
set output "doc/figures/tcp-fast-open-syn-flood-occupancy.png"
set title "tfo-off-cookies"
set xlabel "time (s)"
set ylabel "entries"

set xrange [0:145]
set xtics 20
unset key
set object 1 rect from 1, graph 0 to 13, graph 1 behind fc rgb '#fde0dd' fs solid 1.0 noborder
set multiplot layout 4,2 title "Listener occupancy, sampled every 100 ms; a flood of 1000 SYN/s from 1 s to 13 s (shaded)"
set yrange [0:90]
plot 64 title "SYN queue bound" with lines dt (8,6) lw 1.5 lc rgb '#1f77b4', "-"  title "children alive" with steps lw 1.5 lc rgb '#999999', "-"  title "SYN queue" with steps lw 2 lc rgb '#1f77b4', "-"  title "accept queue" with steps lw 2 lc rgb '#2ca02c', "-"  title "pending TFO" with steps lw 2 lc rgb '#d62728'
0.001 0
1.101 64
64.101 0
144.901 0
e
0.001 0
1.101 64
64.101 0
144.901 0
e
0.001 0
144.901 0
e
0.001 0
144.901 0
e
set title "tfo-qlen4-cookies"
set xlabel "time (s)"
set ylabel "entries"

set xrange [0:145]
set xtics 20
unset key
set object 1 rect from 1, graph 0 to 13, graph 1 behind fc rgb '#fde0dd' fs solid 1.0 noborder
set yrange [0:90]
plot 64 title "SYN queue bound" with lines dt (8,6) lw 1.5 lc rgb '#1f77b4', 4 title "max_qlen" with lines dt (3,4) lw 1.5 lc rgb '#d62728', "-"  title "children alive" with steps lw 1.5 lc rgb '#999999', "-"  title "SYN queue" with steps lw 2 lc rgb '#1f77b4', "-"  title "accept queue" with steps lw 2 lc rgb '#2ca02c', "-"  title "pending TFO" with steps lw 2 lc rgb '#d62728'
0.001 0
1.101 64
64.101 0
144.901 0
e
0.001 0
1.101 64
64.101 0
144.901 0
e
0.001 0
144.901 0
e
0.001 0
144.901 0
e
set title "tfo-qlen64-cookies"
set xlabel "time (s)"
set ylabel "entries"

set xrange [0:145]
set xtics 20
unset key
set object 1 rect from 1, graph 0 to 13, graph 1 behind fc rgb '#fde0dd' fs solid 1.0 noborder
set yrange [0:90]
plot 64 title "SYN queue bound" with lines dt (8,6) lw 1.5 lc rgb '#1f77b4', 64 title "max_qlen" with lines dt (3,4) lw 1.5 lc rgb '#d62728', "-"  title "children alive" with steps lw 1.5 lc rgb '#999999', "-"  title "SYN queue" with steps lw 2 lc rgb '#1f77b4', "-"  title "accept queue" with steps lw 2 lc rgb '#2ca02c', "-"  title "pending TFO" with steps lw 2 lc rgb '#d62728'
0.001 0
1.101 64
64.101 0
144.901 0
e
0.001 0
1.101 64
64.101 0
144.901 0
e
0.001 0
144.901 0
e
0.001 0
144.901 0
e
set title "tfo-qlen16-nocookies"
set xlabel "time (s)"
set ylabel "entries"

set xrange [0:145]
set xtics 20
unset key
set object 1 rect from 1, graph 0 to 13, graph 1 behind fc rgb '#fde0dd' fs solid 1.0 noborder
set yrange [0:90]
plot 64 title "SYN queue bound" with lines dt (8,6) lw 1.5 lc rgb '#1f77b4', 16 title "max_qlen" with lines dt (3,4) lw 1.5 lc rgb '#d62728', "-"  title "children alive" with steps lw 1.5 lc rgb '#999999', "-"  title "SYN queue" with steps lw 2 lc rgb '#1f77b4', "-"  title "accept queue" with steps lw 2 lc rgb '#2ca02c', "-"  title "pending TFO" with steps lw 2 lc rgb '#d62728'
0.001 0
1.101 64
64.101 0
144.901 0
e
0.001 0
1.101 64
64.101 0
144.901 0
e
0.001 0
144.901 0
e
0.001 0
144.901 0
e
set title "tfo-0x200-data-flood"
set xlabel "time (s)"
set ylabel "entries"

set xrange [0:145]
set xtics 20
unset key
set object 1 rect from 1, graph 0 to 13, graph 1 behind fc rgb '#fde0dd' fs solid 1.0 noborder
set yrange [0:90]
plot 64 title "SYN queue bound" with lines dt (8,6) lw 1.5 lc rgb '#1f77b4', 16 title "max_qlen" with lines dt (3,4) lw 1.5 lc rgb '#d62728', "-"  title "children alive" with steps lw 1.5 lc rgb '#999999', "-"  title "SYN queue" with steps lw 2 lc rgb '#1f77b4', "-"  title "accept queue" with steps lw 2 lc rgb '#2ca02c', "-"  title "pending TFO" with steps lw 2 lc rgb '#d62728'
0.001 0
1.101 80
64.101 16
128.101 0
144.901 0
e
0.001 0
1.101 64
64.101 0
144.901 0
e
0.001 0
144.901 0
e
0.001 0
1.101 16
128.101 0
144.901 0
e
set title "owner-replay"
set xlabel "time (s)"
set ylabel "entries"

set xrange [0:145]
set xtics 20
unset key
set object 1 rect from 1, graph 0 to 13, graph 1 behind fc rgb '#fde0dd' fs solid 1.0 noborder
set yrange [0:90]
plot 64 title "SYN queue bound" with lines dt (8,6) lw 1.5 lc rgb '#1f77b4', 16 title "max_qlen" with lines dt (3,4) lw 1.5 lc rgb '#d62728', "-"  title "children alive" with steps lw 1.5 lc rgb '#999999', "-"  title "SYN queue" with steps lw 2 lc rgb '#1f77b4', "-"  title "accept queue" with steps lw 2 lc rgb '#2ca02c', "-"  title "pending TFO" with steps lw 2 lc rgb '#d62728'
0.001 0
1.101 18
1.201 17
1.301 24
1.401 23
1.501 19
1.601 28
1.701 22
1.801 18
2.001 25
2.101 19
2.201 31
2.301 28
2.501 11
2.701 25
2.801 15
2.901 25
3.001 18
3.201 24
3.301 18
3.401 17
3.501 16
3.601 26
3.701 20
3.801 28
3.901 17
4.001 20
4.101 22
4.201 14
4.301 16
4.601 23
4.701 24
4.901 23
5.001 21
5.101 15
5.201 18
5.301 26
5.401 19
5.501 29
5.601 23
5.701 19
5.801 18
5.901 12
6.001 13
6.101 22
6.201 16
6.301 15
6.401 13
6.501 24
6.601 22
6.701 24
6.801 18
6.901 19
7.001 21
7.201 19
7.301 21
7.401 18
7.501 16
7.601 19
7.701 22
7.801 12
7.901 18
8.001 19
8.101 25
8.201 29
8.301 19
8.401 29
8.501 10
8.601 22
8.701 19
8.801 21
8.901 17
9.001 25
9.101 14
9.201 18
9.301 20
9.401 14
9.501 23
9.601 19
9.701 21
9.801 27
9.901 24
10.001 18
10.101 23
10.201 18
10.301 12
10.401 19
10.501 30
10.601 18
10.801 20
11.001 25
11.101 21
11.201 25
11.301 17
11.401 22
11.501 21
11.601 18
11.701 15
11.801 24
11.901 18
12.001 17
12.301 16
12.401 26
12.501 25
12.601 27
12.701 20
12.801 19
12.901 24
13.001 11
13.101 0
144.901 0
e
0.001 0
1.101 18
1.201 17
1.301 24
1.401 23
1.501 19
1.601 28
1.701 22
1.801 18
2.001 25
2.101 19
2.201 31
2.301 28
2.501 11
2.701 25
2.801 15
2.901 25
3.001 18
3.201 24
3.301 18
3.401 17
3.501 16
3.601 26
3.701 20
3.801 28
3.901 17
4.001 20
4.101 22
4.201 14
4.301 16
4.601 23
4.701 24
4.901 23
5.001 21
5.101 15
5.201 18
5.301 26
5.401 19
5.501 29
5.601 23
5.701 19
5.801 18
5.901 12
6.001 13
6.101 22
6.201 16
6.301 15
6.401 13
6.501 24
6.601 22
6.701 24
6.801 18
6.901 19
7.001 21
7.201 19
7.301 21
7.401 18
7.501 16
7.601 19
7.701 22
7.801 12
7.901 18
8.001 19
8.101 25
8.201 29
8.301 19
8.401 29
8.501 10
8.601 22
8.701 19
8.801 21
8.901 17
9.001 25
9.101 14
9.201 18
9.301 20
9.401 14
9.501 23
9.601 19
9.701 21
9.801 27
9.901 24
10.001 18
10.101 23
10.201 18
10.301 12
10.401 19
10.501 30
10.601 18
10.801 20
11.001 25
11.101 21
11.201 25
11.301 17
11.401 22
11.501 21
11.601 18
11.701 15
11.801 24
11.901 18
12.001 17
12.301 16
12.401 26
12.501 25
12.601 27
12.701 20
12.801 19
12.901 24
13.001 11
13.101 0
144.901 0
e
0.001 0
144.901 0
e
0.001 0
1.101 16
144.901 16
e
set title "botnet-own-cookies"
set xlabel "time (s)"
set ylabel "entries"

set xrange [0:145]
set xtics 20
unset key
set object 1 rect from 1, graph 0 to 13, graph 1 behind fc rgb '#fde0dd' fs solid 1.0 noborder
set yrange [0:90]
plot 64 title "SYN queue bound" with lines dt (8,6) lw 1.5 lc rgb '#1f77b4', 16 title "max_qlen" with lines dt (3,4) lw 1.5 lc rgb '#d62728', "-"  title "children alive" with steps lw 1.5 lc rgb '#999999', "-"  title "SYN queue" with steps lw 2 lc rgb '#1f77b4', "-"  title "accept queue" with steps lw 2 lc rgb '#2ca02c', "-"  title "pending TFO" with steps lw 2 lc rgb '#d62728'
0.001 0
1.101 17
1.201 21
1.301 16
1.501 19
1.601 11
1.701 14
1.801 17
1.901 16
2.001 15
2.101 26
2.201 9
2.301 22
2.401 37
2.501 17
2.601 16
2.701 13
2.801 26
2.901 21
3.001 24
3.101 11
3.201 14
3.301 21
3.601 23
3.701 18
3.801 22
4.001 23
4.101 18
4.201 22
4.301 15
4.401 21
4.501 13
4.601 12
4.701 25
4.801 23
4.901 19
5.001 17
5.101 22
5.201 19
5.401 27
5.501 17
5.601 23
5.701 24
5.801 23
5.901 16
6.001 15
6.101 14
6.201 28
6.301 11
6.401 15
6.501 22
6.601 25
6.701 14
6.801 18
6.901 13
7.001 23
7.101 18
7.201 20
7.301 15
7.401 19
7.501 29
7.601 28
7.701 20
7.801 17
7.901 24
8.001 16
8.101 10
8.201 23
8.301 16
8.401 19
8.501 23
8.601 22
8.701 20
8.801 15
8.901 19
9.001 30
9.101 17
9.201 22
9.301 16
9.401 24
9.501 16
9.601 18
9.701 24
9.801 22
10.001 17
10.101 22
10.201 19
10.301 15
10.401 20
10.501 22
10.701 19
10.801 12
10.901 19
11.001 24
11.101 18
11.201 26
11.301 14
11.401 15
11.501 17
11.601 20
11.801 13
11.901 11
12.001 20
12.101 24
12.301 21
12.401 18
12.501 21
12.601 17
12.701 19
12.801 17
12.901 22
13.101 0
144.901 0
e
0.001 0
1.101 17
1.201 21
1.301 16
1.501 19
1.601 11
1.701 14
1.801 17
1.901 16
2.001 15
2.101 26
2.201 9
2.301 22
2.401 37
2.501 17
2.601 16
2.701 13
2.801 26
2.901 21
3.001 24
3.101 11
3.201 14
3.301 21
3.601 23
3.701 18
3.801 22
4.001 23
4.101 18
4.201 22
4.301 15
4.401 21
4.501 13
4.601 12
4.701 25
4.801 23
4.901 19
5.001 17
5.101 22
5.201 19
5.401 27
5.501 17
5.601 23
5.701 24
5.801 23
5.901 16
6.001 15
6.101 14
6.201 28
6.301 11
6.401 15
6.501 22
6.601 25
6.701 14
6.801 18
6.901 13
7.001 23
7.101 18
7.201 20
7.301 15
7.401 19
7.501 29
7.601 28
7.701 20
7.801 17
7.901 24
8.001 16
8.101 10
8.201 23
8.301 16
8.401 19
8.501 23
8.601 22
8.701 20
8.801 15
8.901 19
9.001 30
9.101 17
9.201 22
9.301 16
9.401 24
9.501 16
9.601 18
9.701 24
9.801 22
10.001 17
10.101 22
10.201 19
10.301 15
10.401 20
10.501 22
10.701 19
10.801 12
10.901 19
11.001 24
11.101 18
11.201 26
11.301 14
11.401 15
11.501 17
11.601 20
11.801 13
11.901 11
12.001 20
12.101 24
12.301 21
12.401 18
12.501 21
12.601 17
12.701 19
12.801 17
12.901 22
13.101 0
144.901 0
e
0.001 0
144.901 0
e
0.001 0
1.101 16
144.901 16
e

unset object 1
unset border
unset tics
unset xlabel
unset ylabel
unset title
set yrange [0:1]
set key center center vertical font ',11' spacing 1.4 samplen 4
plot NaN title "children alive" with lines lw 1.5 lc rgb '#999999', NaN title "SYN queue" with lines lw 2 lc rgb '#1f77b4', NaN title "accept queue" with lines lw 2 lc rgb '#2ca02c', NaN title "pending TFO" with lines lw 2 lc rgb '#d62728', NaN title "SYN queue bound (backlog)" with lines dt (8,6) lw 1.5 lc rgb '#1f77b4', NaN title "pending-TFO bound (max_qlen)" with lines dt (3,4) lw 1.5 lc rgb '#d62728'

unset multiplot
