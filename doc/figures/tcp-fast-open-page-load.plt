# TCP Fast Open: page load time improvement
# Written by the tcp-fast-open module: `gnuplot ./tcp-fast-open-page-load.plt` renders the PNG and the PDF.
# Every data block names the CSV rows and columns it holds.

# csv: tcp-fast-open-page-load.csv
# where: page=html-only
# columns: rtt_ms plt_off_ms plt_on_ms improvement_pct
$d0 << EOD
20.000 63.508 42.845 32.54
100.000 303.508 202.845 33.17
200.000 603.508 402.845 33.25
EOD

# csv: tcp-fast-open-page-load.csv
# where: page=desktop-median
# columns: rtt_ms plt_off_ms plt_on_ms improvement_pct
$d1 << EOD
20.000 1333.224 1338.810 -0.42
100.000 1629.851 1444.933 11.35
200.000 4551.705 2141.074 52.96
EOD

# csv: tcp-fast-open-page-load.csv
# where: page=mobile-median
# columns: rtt_ms plt_off_ms plt_on_ms improvement_pct
$d2 << EOD
20.000 1335.927 1335.877 0.00
100.000 1482.093 1290.852 12.90
200.000 2250.309 1792.373 20.35
EOD

do for [fmt in "png pdf"] {
  if (fmt eq "png") {
    set terminal pngcairo size 1000,600 noenhanced font ",10"
  } else {
    set terminal pdfcairo size 10in,6in noenhanced font ",7"
  }
  set output './tcp-fast-open-page-load'.".".fmt
  reset
  set grid
  set title 'TCP Fast Open: page load time improvement'
  set xlabel 'base RTT (ms)'
  set ylabel 'page load time improvement with TFO (%)'
  set key outside right top
  set xzeroaxis lt -1
  plot $d0 using 1:4 with linespoints lc 1 pt 1 dt 1 title 'html-only', \
       $d1 using 1:4 with linespoints lc 2 pt 2 dt 3 title 'desktop-median', \
       $d2 using 1:4 with linespoints lc 3 pt 3 dt 1 title 'mobile-median'
  set output
}
