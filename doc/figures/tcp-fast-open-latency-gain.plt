# TCP Fast Open: latency improvement (median and mean)
# Written by the tcp-fast-open module: `gnuplot ./tcp-fast-open-latency-gain.plt` renders the PNG and the PDF.
# Every data block names the CSV rows and columns it holds.

# csv: tcp-fast-open-latency.csv
# where: request_bytes=500 response_bytes=1000 loss_rate=0.0000
# columns: rtt_ms improvement_p50_pct improvement_mean_pct
$d0 << EOD
10.000 46.62 46.62
20.000 48.24 48.24
50.000 49.28 49.28
100.000 49.64 49.64
200.000 49.82 49.82
300.000 49.88 49.88
EOD

# csv: tcp-fast-open-latency.csv
# where: request_bytes=500 response_bytes=1000 loss_rate=0.0100
# columns: rtt_ms improvement_p50_pct improvement_mean_pct
$d1 << EOD
10.000 46.62 21.25
20.000 48.24 30.51
50.000 49.28 47.61
100.000 49.64 46.44
200.000 49.82 47.50
300.000 49.88 47.87
EOD

# csv: tcp-fast-open-latency.csv
# where: request_bytes=500 response_bytes=10000 loss_rate=0.0000
# columns: rtt_ms improvement_p50_pct improvement_mean_pct
$d2 << EOD
10.000 34.61 34.61
20.000 40.87 40.87
50.000 45.89 45.89
100.000 47.85 47.85
200.000 48.90 48.90
300.000 49.26 49.26
EOD

# csv: tcp-fast-open-latency.csv
# where: request_bytes=500 response_bytes=10000 loss_rate=0.0100
# columns: rtt_ms improvement_p50_pct improvement_mean_pct
$d3 << EOD
10.000 34.61 11.25
20.000 40.87 20.40
50.000 45.89 45.07
100.000 47.85 43.85
200.000 48.90 42.93
300.000 49.26 42.76
EOD

do for [fmt in "png pdf"] {
  if (fmt eq "png") {
    set terminal pngcairo size 1000,680 noenhanced font ",10"
  } else {
    set terminal pdfcairo size 10in,6.8in noenhanced font ",7"
  }
  set output '/tmp/lnx-results/tcp-fast-open-latency-gain'.".".fmt
  reset
  set grid
  set title 'TCP Fast Open: latency improvement (median and mean)'
  set xlabel 'base RTT (ms)'
  set ylabel 'latency improvement with TFO (%)'
  set key below
  set logscale x
  set autoscale fix
  set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
  plot $d0 using 1:2 with linespoints lc 1 pt 1 dt 1 title 'median, req 500 B, resp 1000 B, loss 0.0 %', \
       $d0 using 1:3 with linespoints lc 1 pt 1 dt 2 title 'mean, req 500 B, resp 1000 B, loss 0.0 %', \
       $d1 using 1:2 with linespoints lc 2 pt 2 dt 1 title 'median, req 500 B, resp 1000 B, loss 1.0 % (coincides with req 500 B, resp 1000 B, loss 0.0 %)', \
       $d1 using 1:3 with linespoints lc 2 pt 2 dt 3 title 'mean, req 500 B, resp 1000 B, loss 1.0 %', \
       $d2 using 1:2 with linespoints lc 3 pt 3 dt 1 title 'median, req 500 B, resp 10000 B, loss 0.0 %', \
       $d2 using 1:3 with linespoints lc 3 pt 3 dt 4 title 'mean, req 500 B, resp 10000 B, loss 0.0 %', \
       $d3 using 1:2 with linespoints lc 4 pt 4 dt 1 title 'median, req 500 B, resp 10000 B, loss 1.0 % (coincides with req 500 B, resp 10000 B, loss 0.0 %)', \
       $d3 using 1:3 with linespoints lc 4 pt 4 dt 5 title 'mean, req 500 B, resp 10000 B, loss 1.0 %'
  set output
}
