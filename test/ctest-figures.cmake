# Included by tfo_standalone_finish() (cmake/tcp-fast-open-standalone.cmake):
# every example that draws figures runs with small parameters, and
# test/figures_test.py checks that each figure was rendered (PNG and PDF) and
# that every number it plots is the CSV's (label "figures").
find_program(TFO_FIGURES_PYTHON3 NAMES python3)
if(TFO_FIGURES_PYTHON3)
  set(tfo_figures ${TFO_FIGURES_PYTHON3} ${CMAKE_SOURCE_DIR}/test/figures_test.py)
  add_test(NAME figures-latency
           COMMAND ${tfo_figures} --expect latency -- $<TARGET_FILE:tcp-fast-open-latency>
                   --rtts=20,100 --responseSizes=1000 --lossRates=0,0.05 --runs=2
                   --transactions=10 --outputDir=@DIR@ --transactionsCsv=@DIR@/transactions.csv)
  add_test(NAME figures-page-load
           COMMAND ${tfo_figures} --expect page-load -- $<TARGET_FILE:tcp-fast-open-page-load>
                   "--page=small:base=14000;objects=20x8000@1,10x3000@2" --rtts=20,200
                   --outputDir=@DIR@)
  add_test(NAME figures-middlebox
           COMMAND ${tfo_figures} --expect middlebox -- $<TARGET_FILE:tcp-fast-open-middlebox>
                   --runs=1 --outputDir=@DIR@)
  add_test(NAME figures-server-farm
           COMMAND ${tfo_figures} --expect server-farm -- $<TARGET_FILE:tcp-fast-open-server-farm>
                   --clients=20 --outputDir=@DIR@)
  add_test(NAME figures-syn-flood
           COMMAND ${tfo_figures} --expect syn-flood -- $<TARGET_FILE:tcp-fast-open-syn-flood>
                   --rates=0,300 --outputDir=@DIR@)
  set_tests_properties(figures-latency figures-page-load figures-middlebox figures-server-farm
                       figures-syn-flood PROPERTIES LABELS figures TIMEOUT 900)
endif()
