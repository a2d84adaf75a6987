set terminal pngcairo size 900,600 noenhanced
set output "./tcp-fast-open-latency.png"
set title "TCP Fast Open: median transaction latency gain"
set xlabel "base RTT (ms)"
set ylabel "median latency improvement with TFO (%)"

set key bottom right
set grid
set yrange [0:*]
plot "-"  title "req 500 B, resp 1000 B, loss 0.0 %" with linespoints, "-"  title "req 500 B, resp 1000 B, loss 1.0 %" with linespoints, "-"  title "req 500 B, resp 10000 B, loss 0.0 %" with linespoints, "-"  title "req 500 B, resp 10000 B, loss 1.0 %" with linespoints
10 46.6215
20 48.243
50 49.2799
100 49.637
200 49.8177
300 49.8783
e
10 46.6215
20 48.243
50 49.2799
100 49.637
200 49.8177
300 49.8783
e
10 34.6113
20 40.868
50 45.886
100 47.8526
200 48.9022
300 49.2626
e
10 34.6113
20 40.868
50 45.886
100 47.8526
200 48.9022
300 49.2626
e
