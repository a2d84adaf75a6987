# The scaling figure of bench/run.sh: gnuplot -e "results='DIR'" bench/scaling.plt
# Reads DIR/scaling.csv, writes DIR/scaling.png.
if (!exists("results")) results = "bench/results"
set terminal pngcairo size 1200,480 font ",10"
set output results."/scaling.png"
set datafile separator ","
set key top left
set grid
set multiplot layout 1,2 title "Short request/response connections, 10 clients (ns-3 3.37, Debian build)"

set title "Time vs connections (medians; log-log)"
set logscale xy
set xlabel "connections"
set xrange [500:40000]
set ylabel "seconds"
plot results."/scaling.csv" using 2:(strcol(1) eq "stock" ? $3 : 1/0) every ::1 with linespoints lw 2 pt 7 lc 1 title "stock, wall", \
     ''                     using 2:(strcol(1) eq "tfo-on" ? $3 : 1/0) every ::1 with linespoints lw 2 pt 5 lc 2 title "TFO on, wall", \
     ''                     using 2:(strcol(1) eq "stock" ? $4 : 1/0) every ::1 with linespoints lw 1 dt 2 pt 6 lc 1 title "stock, CPU", \
     ''                     using 2:(strcol(1) eq "tfo-on" ? $4 : 1/0) every ::1 with linespoints lw 1 dt 2 pt 4 lc 2 title "TFO on, CPU"

set title "CPU time per connection (median)"
unset logscale y
set yrange [0:*]
set ylabel "CPU time per connection [us]"
plot results."/scaling.csv" using 2:(strcol(1) eq "stock" ? $8 : 1/0) every ::1 with linespoints lw 2 pt 7 lc 1 title "stock TcpSocketBase", \
     ''                     using 2:(strcol(1) eq "tfo-on" ? $8 : 1/0) every ::1 with linespoints lw 2 pt 5 lc 2 title "TFO on", \
     results."/short-timewait.csv" using 2:(strcol(1) eq "stock" ? $7 : 1/0) every ::1 with linespoints lw 1 dt 2 pt 6 lc 1 title "stock, TIME\\_WAIT 1 s", \
     ''                     using 2:(strcol(1) eq "tfo-on" ? $7 : 1/0) every ::1 with linespoints lw 1 dt 2 pt 4 lc 2 title "TFO on, TIME\\_WAIT 1 s"
unset multiplot
