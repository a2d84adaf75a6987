# TCP Fast Open on first revisits to a server farm
# Written by the tcp-fast-open module: `gnuplot ./tcp-fast-open-server-farm.plt` renders the PNG and the PDF.
# Every data block names the CSV rows and columns it holds.

# csv: tcp-fast-open-server-farm.csv
# where: policy=RANDOM keys=PER_SERVER
# columns: servers first_revisit_tfo_fraction first_revisit_analytic
$d0 << EOD
1 1.0000 1.0000
2 0.5150 0.5000
3 0.3050 0.3333
4 0.2500 0.2500
6 0.1700 0.1667
8 0.1200 0.1250
EOD

# csv: tcp-fast-open-server-farm.csv
# where: policy=ROUND_ROBIN keys=PER_SERVER
# columns: servers first_revisit_tfo_fraction first_revisit_analytic
$d1 << EOD
1 1.0000 1.0000
2 0.0000 0.0000
3 0.0000 0.0000
4 0.0000 0.0000
6 0.0000 0.0000
8 0.0000 0.0000
EOD

# csv: tcp-fast-open-server-farm.csv
# where: policy=STICKY keys=PER_SERVER
# columns: servers first_revisit_tfo_fraction first_revisit_analytic
$d2 << EOD
1 1.0000 1.0000
2 1.0000 1.0000
3 1.0000 1.0000
4 1.0000 1.0000
6 1.0000 1.0000
8 1.0000 1.0000
EOD

do for [fmt in "png pdf"] {
  if (fmt eq "png") {
    set terminal pngcairo size 1000,600 noenhanced font ",10"
  } else {
    set terminal pdfcairo size 10in,6in noenhanced font ",7"
  }
  set output './tcp-fast-open-server-farm'.".".fmt
  reset
  set grid
  set title 'TCP Fast Open on first revisits to a server farm'
  set xlabel 'addresses behind the name (N)'
  set ylabel 'first revisits that use TFO (%)'
  set key outside right top
  set yrange [-5:105]
  set label 1 'Sy et al. 2020: 60 % of first revisits use TFO' at graph 0.02, first 64
  set arrow 1 from graph 0, first 60 to graph 1, first 60 nohead dt 3
  plot $d0 using 1:(100*$3) with lines lc 1 dt 2 title 'RANDOM analytic', \
       $d0 using 1:(100*$2) with points lc 1 pt 1 dt 1 ps 2 title 'RANDOM, PER_SERVER key(s)', \
       $d1 using 1:(100*$3) with lines lc 2 dt 3 title 'ROUND_ROBIN analytic', \
       $d1 using 1:(100*$2) with points lc 2 pt 2 dt 1 ps 2 title 'ROUND_ROBIN, PER_SERVER key(s)', \
       $d2 using 1:(100*$3) with lines lc 3 dt 4 title 'STICKY analytic', \
       $d2 using 1:(100*$2) with points lc 3 pt 3 dt 1 ps 2 title 'STICKY, PER_SERVER key(s)'
  set output
}
