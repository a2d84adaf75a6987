# TCP Fast Open through middleboxes: median latency
# Written by the tcp-fast-open module: `gnuplot ./tcp-fast-open-middlebox-latency.plt` renders the PNG and the PDF.
# Every data block names the CSV rows and columns it holds.

# csv: tcp-fast-open-middlebox.csv
# where: client=TFO_OFF
# columns: middlebox completion_rate p50_ms
$d0 << EOD
NONE 1.0000 80.490
DROP_SYN_DATA 1.0000 80.490
DROP_SYN_OPTION 1.0000 80.490
STRIP_SYN_OPTION 1.0000 80.490
STRIP_SYNACK_OPTION 1.0000 80.490
RST_SYN_DATA 1.0000 80.490
DROP_DATA_AFTER_TFO 1.0000 80.490
DATA_BLACKHOLE_AFTER_TFO 1.0000 80.855
EOD

# csv: tcp-fast-open-middlebox.csv
# where: client=TFO_ON
# columns: middlebox completion_rate p50_ms
$d1 << EOD
NONE 1.0000 40.470
DROP_SYN_DATA 1.0000 1080.486
DROP_SYN_OPTION 1.0000 1080.486
STRIP_SYN_OPTION 1.0000 80.487
STRIP_SYNACK_OPTION 1.0000 80.488
RST_SYN_DATA 0.1667 80.488
DROP_DATA_AFTER_TFO 1.0000 320.601
DATA_BLACKHOLE_AFTER_TFO 1.0000 1521.061
EOD

# csv: tcp-fast-open-middlebox.csv
# where: client=TFO_ON_NEGATIVE_CACHE
# columns: middlebox completion_rate p50_ms
$d2 << EOD
NONE 1.0000 40.470
DROP_SYN_DATA 1.0000 80.487
DROP_SYN_OPTION 1.0000 1080.486
STRIP_SYN_OPTION 1.0000 80.487
STRIP_SYNACK_OPTION 1.0000 80.488
RST_SYN_DATA 0.1667 80.488
DROP_DATA_AFTER_TFO 1.0000 320.601
DATA_BLACKHOLE_AFTER_TFO 1.0000 1521.061
EOD

# csv: tcp-fast-open-middlebox.csv
# where: client=TFO_ON_BLACKHOLE_DETECT
# columns: middlebox completion_rate p50_ms
$d3 << EOD
NONE 1.0000 40.470
DROP_SYN_DATA 1.0000 1080.486
DROP_SYN_OPTION 1.0000 1080.486
STRIP_SYN_OPTION 1.0000 80.487
STRIP_SYNACK_OPTION 1.0000 80.488
RST_SYN_DATA 0.1667 80.488
DROP_DATA_AFTER_TFO 1.0000 320.601
DATA_BLACKHOLE_AFTER_TFO 1.0000 80.850
EOD

do for [fmt in "png pdf"] {
  if (fmt eq "png") {
    set terminal pngcairo size 1000,600 noenhanced font ",10"
  } else {
    set terminal pdfcairo size 10in,6in noenhanced font ",7"
  }
  set output './tcp-fast-open-middlebox-latency'.".".fmt
  reset
  set grid
  set title 'TCP Fast Open through middleboxes: median latency'
  set ylabel 'median latency of completed transactions (ms)'
  set xtics rotate by -30
  set key outside right top
  set offsets 0.5, 0.5, 0, 0
  set bmargin 8
  plot $d0 using ($0 - 0.24 + 0):3:xtic(1) with points lc 1 pt 1 dt 1 ps 2 title 'TFO_OFF', \
       $d1 using ($0 - 0.24 + 0.16):3:xtic(1) with points lc 2 pt 2 dt 1 ps 2 title 'TFO_ON', \
       $d2 using ($0 - 0.24 + 0.32):3:xtic(1) with points lc 3 pt 3 dt 1 ps 2 title 'TFO_ON_NEGATIVE_CACHE', \
       $d3 using ($0 - 0.24 + 0.48):3:xtic(1) with points lc 4 pt 4 dt 1 ps 2 title 'TFO_ON_BLACKHOLE_DETECT'
  set output
}
