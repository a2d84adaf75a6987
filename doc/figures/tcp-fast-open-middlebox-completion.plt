set terminal pngcairo size 1000,600 noenhanced
set output "./tcp-fast-open-middlebox-completion.png"
set title "TCP Fast Open through middleboxes: connection completion"
set ylabel "completed transactions (%)"

set xtics rotate by -30 ("NONE" 0, "DROP_SYN_DATA" 1, "DROP_SYN_OPTION" 2, "STRIP_SYN_OPTION" 3, "STRIP_SYNACK_OPTION" 4, "RST_SYN_DATA" 5, "DROP_DATA_AFTER_TFO" 6, "DATA_BLACKHOLE_AFTER_TFO" 7)
set grid
set key outside right
set xrange [-0.5:7.500000]
set yrange [0:105]
set bmargin 8
plot "-"  title "TFO_OFF" with points pt 5 ps 2, "-"  title "TFO_ON" with points pt 6 ps 2, "-"  title "TFO_ON_NEGATIVE_CACHE" with points pt 7 ps 2, "-"  title "TFO_ON_BLACKHOLE_DETECT" with points pt 8 ps 2
-0.24 100
0.76 100
1.76 100
2.76 100
3.76 100
4.76 100
5.76 100
6.76 100
e
-0.08 100
0.92 100
1.92 100
2.92 100
3.92 100
4.92 16.6667
5.92 100
6.92 100
e
0.08 100
1.08 100
2.08 100
3.08 100
4.08 100
5.08 16.6667
6.08 100
7.08 100
e
0.24 100
1.24 100
2.24 100
3.24 100
4.24 100
5.24 16.6667
6.24 100
7.24 100
e
