set terminal pngcairo size 1000,600 noenhanced
set output "./tcp-fast-open-middlebox-latency.png"
set title "TCP Fast Open through middleboxes: median latency"
set ylabel "median latency of completed transactions (ms)"

set xtics rotate by -30 ("NONE" 0, "DROP_SYN_DATA" 1, "DROP_SYN_OPTION" 2, "STRIP_SYN_OPTION" 3, "STRIP_SYNACK_OPTION" 4, "RST_SYN_DATA" 5, "DROP_DATA_AFTER_TFO" 6, "DATA_BLACKHOLE_AFTER_TFO" 7)
set grid
set key outside right
set xrange [-0.5:7.500000]
set yrange [0:*]
set bmargin 8
plot "-"  title "TFO_OFF" with points pt 5 ps 2, "-"  title "TFO_ON" with points pt 6 ps 2, "-"  title "TFO_ON_NEGATIVE_CACHE" with points pt 7 ps 2, "-"  title "TFO_ON_BLACKHOLE_DETECT" with points pt 8 ps 2
-0.24 80.4902
0.76 80.4902
1.76 80.4902
2.76 80.4902
3.76 80.4902
4.76 80.4902
5.76 80.4902
6.76 80.8547
e
-0.08 40.4699
0.92 1080.49
1.92 1080.49
2.92 80.4862
3.92 80.4875
4.92 80.4885
5.92 320.601
6.92 1521.06
e
0.08 40.4699
1.08 80.4872
2.08 1080.49
3.08 80.4862
4.08 80.4875
5.08 80.4885
6.08 320.601
7.08 1521.06
e
0.24 40.4699
1.24 1080.49
2.24 1080.49
3.24 80.4862
4.24 80.4875
5.24 80.4885
6.24 320.601
7.24 80.8504
e
