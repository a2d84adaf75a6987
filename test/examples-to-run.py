#! /usr/bin/env python3

# A list of C++ examples to run in order to ensure that they remain
# buildable and runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run, do_valgrind_run).
#
# See test.py for more information.
cpp_examples = [
    ("tcp-fast-open-example", "True", "True"),
    ("tcp-fast-open-attributes", "True", "True"),
    (
        "tcp-fast-open-cookie --key=00112233-44556677-8899aabb-ccddeeff"
        " --client=10.0.0.1 --server=10.0.0.2",
        "True",
        "True",
    ),
    (
        "tcp-fast-open-cookie --key=00112233-44556677-8899aabb-ccddeeff"
        " --client=2001:db8::1 --server=2001:db8::2 --algorithm=aes",
        "True",
        "True",
    ),
    (
        "tcp-fast-open-latency --rtts=20,100 --responseSizes=1000 --lossRates=0,0.01"
        " --runs=1 --transactions=5 --outputDir=.",
        "True",
        "False",
    ),
    (
        "tcp-fast-open-page-load --page=small:base=14000;objects=20x8000@1,10x3000@2"
        " --rtts=20,200 --outputDir=.",
        "True",
        "False",
    ),
    ("tcp-fast-open-syn-flood --rates=0,300 --outputDir=.", "True", "False"),
    ("tcp-fast-open-middlebox --runs=1 --outputDir=.", "True", "False"),
    ("tcp-fast-open-server-farm --clients=20 --outputDir=.", "True", "False"),
    (
        "tcp-fast-open-packetdrill"
        " ../contrib/tcp-fast-open/test/packetdrill/server/syn-data-valid-cookie.pkt"
        " ../contrib/tcp-fast-open/test/packetdrill/client/blocking-sendto.pkt",
        "True",
        "False",
    ),
]

# A list of Python examples to run in order to ensure that they remain
# runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run).
#
# See test.py for more information.
python_examples = []
