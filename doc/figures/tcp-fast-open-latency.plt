# TCP Fast Open: transaction latency (median, bars p10 to p90)
# Written by the tcp-fast-open module: `gnuplot ./tcp-fast-open-latency.plt` renders the PNG and the PDF.
# Every data block names the CSV rows and columns it holds.

# csv: tcp-fast-open-latency.csv
# where: request_bytes=500 response_bytes=1000 loss_rate=0.0000
# columns: rtt_ms p50_off_ms p10_off_ms p90_off_ms p50_on_ms p10_on_ms p90_on_ms
$d0 << EOD
10.000 21.671 21.671 21.671 11.568 11.568 11.568
20.000 41.671 41.671 41.671 21.568 21.568 21.568
50.000 101.671 101.671 101.671 51.568 51.568 51.568
100.000 201.671 201.671 201.671 101.568 101.568 101.568
200.000 401.671 401.671 401.671 201.568 201.568 201.568
300.000 601.671 601.671 601.671 301.568 301.568 301.568
EOD

# csv: tcp-fast-open-latency.csv
# where: request_bytes=500 response_bytes=1000 loss_rate=0.0100
# columns: rtt_ms p50_off_ms p10_off_ms p90_off_ms p50_on_ms p10_on_ms p90_on_ms
$d1 << EOD
10.000 21.671 21.671 21.671 11.568 11.568 11.568
20.000 41.671 41.671 41.671 21.568 21.568 21.568
50.000 101.671 101.671 101.671 51.568 51.568 51.568
100.000 201.671 201.671 201.671 101.568 101.568 101.568
200.000 401.671 401.671 401.671 201.568 201.568 201.568
300.000 601.671 601.671 601.671 301.568 301.568 301.568
EOD

# csv: tcp-fast-open-latency.csv
# where: request_bytes=500 response_bytes=10000 loss_rate=0.0000
# columns: rtt_ms p50_off_ms p10_off_ms p90_off_ms p50_on_ms p10_on_ms p90_on_ms
$d2 << EOD
10.000 29.191 29.191 29.191 19.088 19.088 19.088
20.000 49.191 49.191 49.191 29.088 29.088 29.088
50.000 109.191 109.191 109.191 59.088 59.088 59.088
100.000 209.191 209.191 209.191 109.088 109.088 109.088
200.000 409.191 409.191 409.191 209.088 209.088 209.088
300.000 609.191 609.191 609.191 309.088 309.088 309.088
EOD

# csv: tcp-fast-open-latency.csv
# where: request_bytes=500 response_bytes=10000 loss_rate=0.0100
# columns: rtt_ms p50_off_ms p10_off_ms p90_off_ms p50_on_ms p10_on_ms p90_on_ms
$d3 << EOD
10.000 29.191 29.191 29.993 19.088 19.088 19.088
20.000 49.191 49.191 50.993 29.088 29.088 29.088
50.000 109.191 109.191 113.993 59.088 59.088 59.088
100.000 209.191 209.191 209.191 109.088 109.088 109.088
200.000 409.191 409.191 409.191 209.088 209.088 209.088
300.000 609.191 609.191 609.191 309.088 309.088 309.088
EOD

do for [fmt in "png pdf"] {
  if (fmt eq "png") {
    set terminal pngcairo size 1200,800 noenhanced font ",10"
  } else {
    set terminal pdfcairo size 12in,8in noenhanced font ",7"
  }
  set output '/tmp/lnx-results/tcp-fast-open-latency'.".".fmt
  set multiplot layout 2,2 title 'TCP Fast Open: transaction latency (median, bars p10 to p90)'
  reset
  set grid
  set title 'req 500 B, resp 1000 B, loss 0.0 %'
  set xlabel 'base RTT (ms)'
  set ylabel 'latency (ms)'
  set logscale xy
  set key outside right top
  set autoscale fix
  set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
  plot $d0 using ($1*0.97):2:3:4 with yerrorlines lc 1 pt 1 dt 2 title 'TFO off', \
       $d0 using ($1*1.03):5:6:7 with yerrorlines lc 2 pt 2 dt 1 title 'TFO on'
  reset
  set grid
  set title 'req 500 B, resp 1000 B, loss 1.0 %'
  set xlabel 'base RTT (ms)'
  set ylabel 'latency (ms)'
  set logscale xy
  set key outside right top
  set autoscale fix
  set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
  plot $d1 using ($1*0.97):2:3:4 with yerrorlines lc 1 pt 1 dt 2 title 'TFO off', \
       $d1 using ($1*1.03):5:6:7 with yerrorlines lc 2 pt 2 dt 1 title 'TFO on'
  reset
  set grid
  set title 'req 500 B, resp 10000 B, loss 0.0 %'
  set xlabel 'base RTT (ms)'
  set ylabel 'latency (ms)'
  set logscale xy
  set key outside right top
  set autoscale fix
  set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
  plot $d2 using ($1*0.97):2:3:4 with yerrorlines lc 1 pt 1 dt 2 title 'TFO off', \
       $d2 using ($1*1.03):5:6:7 with yerrorlines lc 2 pt 2 dt 1 title 'TFO on'
  reset
  set grid
  set title 'req 500 B, resp 10000 B, loss 1.0 %'
  set xlabel 'base RTT (ms)'
  set ylabel 'latency (ms)'
  set logscale xy
  set key outside right top
  set autoscale fix
  set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
  plot $d3 using ($1*0.97):2:3:4 with yerrorlines lc 1 pt 1 dt 2 title 'TFO off', \
       $d3 using ($1*1.03):5:6:7 with yerrorlines lc 2 pt 2 dt 1 title 'TFO on'
  unset multiplot
  set output
}
