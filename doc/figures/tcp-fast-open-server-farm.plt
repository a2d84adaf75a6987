set terminal pngcairo size 1000,600 noenhanced
set output "./tcp-fast-open-server-farm.png"
set title "TCP Fast Open on first revisits to a server farm"
set xlabel "addresses behind the name (N)"
set ylabel "first revisits that use TFO (%)"

set grid
set key outside right
set yrange [-5:105]
set label 1 "Sy et al. 2020: 60 % of first revisits use TFO" at graph 0.02, first 64
set arrow 1 from graph 0, first 60 to graph 1, first 60 nohead dt 2
plot "-"  title "RANDOM analytic" with lines, "-"  title "RANDOM, SHARED key(s)" with points pt 6 ps 2, "-"  title "RANDOM, PER_SERVER key(s)" with points pt 2 ps 2, "-"  title "ROUND_ROBIN analytic" with lines, "-"  title "ROUND_ROBIN, SHARED key(s)" with points pt 6 ps 2, "-"  title "ROUND_ROBIN, PER_SERVER key(s)" with points pt 2 ps 2, "-"  title "STICKY analytic" with lines, "-"  title "STICKY, SHARED key(s)" with points pt 6 ps 2, "-"  title "STICKY, PER_SERVER key(s)" with points pt 2 ps 2
1 100
2 50
3 33.3333
4 25
6 16.6667
8 12.5
e
1 100
2 51.5
3 30.5
4 25
6 17
8 12
e
1 100
2 51.5
3 30.5
4 25
6 17
8 12
e
1 100
2 0
3 0
4 0
6 0
8 0
e
1 100
2 0
3 0
4 0
6 0
8 0
e
1 100
2 0
3 0
4 0
6 0
8 0
e
1 100
2 100
3 100
4 100
6 100
8 100
e
1 100
2 100
3 100
4 100
6 100
8 100
e
1 100
2 100
3 100
4 100
6 100
8 100
e
