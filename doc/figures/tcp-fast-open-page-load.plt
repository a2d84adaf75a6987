set terminal pngcairo size 900,600 noenhanced
set output "/work/main/doc/figures/tcp-fast-open-page-load.png"
set title "TCP Fast Open: page load time improvement"
set xlabel "base RTT (ms)"
set ylabel "page load time improvement with TFO (%)"

set key outside right top
set grid
set yrange [0:*]
plot "-"  title "html-only" with linespoints, "-"  title "desktop-median" with linespoints, "-"  title "mobile-median" with linespoints
20 32.5358
100 33.1664
200 33.2494
e
20 -4.1625
100 11.4947
200 16.3949
e
20 0.532254
100 13.7555
200 17.7795
e
