set terminal pngcairo size 900,600 noenhanced
set output "./tcp-fast-open-page-load.png"
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
20 -13.6974
100 -64.6913
200 -64.75
e
20 -14.3481
100 7.87992
200 57.9747
e
