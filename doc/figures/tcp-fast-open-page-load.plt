set terminal pngcairo size 900,600 noenhanced
set output "doc/figures/tcp-fast-open-page-load.png"
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
20 -0.418991
100 11.3457
200 52.9611
e
20 0.0037139
100 12.9034
200 20.3499
e
